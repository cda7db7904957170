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
	before, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	after := msg.Params
	if after.Retention == (types.Retention{}) {
		// a proposal made before the region had a retention (before the v2 upgrade) keeps it
		after.Retention = before.Retention
	}
	if err := after.Validate(); err != nil {
		return nil, err
	}
	proposalID, err := m.authority.ExecutingProposal(ctx, msg.Authority, msg)
	if err != nil {
		return nil, err
	}
	id, err := m.change(ctx, before, after, proposalID, msg.Authority)
	return &types.MsgUpdateParamsResponse{ChangeId: id}, err
}

// change sets the parameters to after and records the change: height, time, proposal, and
// the values before and after (ParamsAt reads the record).
func (k Keeper) change(ctx context.Context, before, after types.Params, proposalID uint64, authority string) (uint64, error) {
	id, err := k.ChangeSeq.Next(ctx)
	if err != nil {
		return 0, err
	}
	id++ // change ids start at 1
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	change := types.ParamChange{
		Id: id, Height: sdkCtx.BlockHeight(), Time: sdkCtx.BlockTime(), ProposalId: proposalID,
		Authority: authority, Before: before, After: after,
	}
	if err := k.Changes.Set(ctx, id, change); err != nil {
		return 0, err
	}
	if err := k.Params.Set(ctx, after); err != nil {
		return 0, err
	}
	return id, sdkCtx.EventManager().EmitTypedEvent(&types.EventParamsChanged{ChangeId: id, ProposalId: proposalID, Height: change.Height})
}
