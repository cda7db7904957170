package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the governanceparams Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// UpdateParams replaces the parameters and records the change: height, time, proposal,
// and the values before and after.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	before, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	proposalID, err := m.authority.ExecutingProposal(ctx, msg.Authority, msg)
	if err != nil {
		return nil, err
	}
	id, err := m.ChangeSeq.Next(ctx)
	if err != nil {
		return nil, err
	}
	id++ // change ids start at 1
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	change := types.ParamChange{
		Id: id, Height: sdkCtx.BlockHeight(), Time: sdkCtx.BlockTime(), ProposalId: proposalID,
		Authority: msg.Authority, Before: before, After: msg.Params,
	}
	if err := m.Changes.Set(ctx, id, change); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{ChangeId: id}, sdkCtx.EventManager().EmitTypedEvent(&types.EventParamsChanged{
		ChangeId: id, ProposalId: proposalID, Height: change.Height,
	})
}
