package keeper

import (
	"bytes"
	"context"

	"github.com/conductor-coop/conductor/x/assembly/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
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
	if err := m.k.inPerson(ctx, msg.Proposer); err != nil {
		return nil, err
	}
	return &types.MsgAmendResponse{}, m.k.amend(ctx, msg)
}

func (m msgServer) Vote(ctx context.Context, msg *types.MsgVote) (*types.MsgVoteResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.k.inPerson(ctx, msg.Voter); err != nil {
		return nil, err
	}
	return &types.MsgVoteResponse{}, m.k.vote(ctx, msg)
}

func (m msgServer) GiveProxy(ctx context.Context, msg *types.MsgGiveProxy) (*types.MsgGiveProxyResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.k.inPerson(ctx, msg.Member); err != nil {
		return nil, err
	}
	return &types.MsgGiveProxyResponse{}, m.k.giveProxy(ctx, msg)
}

func (m msgServer) TakeBackProxy(ctx context.Context, msg *types.MsgTakeBackProxy) (*types.MsgTakeBackProxyResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.k.inPerson(ctx, msg.Member); err != nil {
		return nil, err
	}
	member, err := m.k.address(msg.Member, "member")
	if err != nil {
		return nil, err
	}
	return &types.MsgTakeBackProxyResponse{}, m.k.takeBackProxy(ctx, member, msg.Kind)
}

// inPerson refuses a member's vote, amendment or proxy signed by someone else: run by an
// authz grantee (MsgExec), it would give a vote past the proxy rules (one level, capped,
// to members only). Outside a transaction (a proposal the assembly executes) there is no
// signer to compare, and the assembly's account is no member.
func (k Keeper) inPerson(ctx context.Context, address string) error {
	addr, err := k.address(address, "member")
	if err != nil {
		return err
	}
	signers := membershiptypes.TxSigners(ctx)
	for _, s := range signers {
		if bytes.Equal(s, addr) {
			return nil
		}
	}
	if len(signers) == 0 {
		return nil
	}
	return types.ErrNotInPerson.Wrapf("%s did not sign this transaction", address)
}
