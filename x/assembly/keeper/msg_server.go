package keeper

import (
	"context"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

type msgServer struct{ k Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the assembly's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

func (m msgServer) Propose(ctx context.Context, msg *types.MsgPropose) (*types.MsgProposeResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	id, err := m.k.propose(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgProposeResponse{ProposalId: id}, nil
}

func (m msgServer) Amend(ctx context.Context, msg *types.MsgAmend) (*types.MsgAmendResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	return &types.MsgAmendResponse{}, m.k.amend(ctx, msg)
}

func (m msgServer) Vote(ctx context.Context, msg *types.MsgVote) (*types.MsgVoteResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	return &types.MsgVoteResponse{}, m.k.vote(ctx, msg)
}

func (m msgServer) GiveProxy(ctx context.Context, msg *types.MsgGiveProxy) (*types.MsgGiveProxyResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	return &types.MsgGiveProxyResponse{}, m.k.giveProxy(ctx, msg)
}

func (m msgServer) TakeBackProxy(ctx context.Context, msg *types.MsgTakeBackProxy) (*types.MsgTakeBackProxyResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	member, err := m.k.address(msg.Member, "member")
	if err != nil {
		return nil, err
	}
	return &types.MsgTakeBackProxyResponse{}, m.k.takeBackProxy(ctx, member, msg.Kind)
}
