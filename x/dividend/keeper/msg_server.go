package keeper

import (
	"context"

	"github.com/conductor-coop/conductor/x/dividend/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the dividend Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// Claim pays a member the dividend it is owed. A transaction's signers are paid first by
// the ante handler, so a Claim finds nothing owed unless the treasury could not pay then.
func (m msgServer) Claim(ctx context.Context, msg *types.MsgClaim) (*types.MsgClaimResponse, error) {
	member, err := m.address(msg.Member, "member")
	if err != nil {
		return nil, err
	}
	amount, err := m.settle(ctx, member)
	if err != nil {
		return nil, err
	}
	return &types.MsgClaimResponse{Amount: amount}, nil
}

// Subsidize pays a regional company from the treasury by the assembly's decision.
func (m msgServer) Subsidize(ctx context.Context, msg *types.MsgSubsidize) (*types.MsgSubsidizeResponse, error) {
	period, err := m.Keeper.Subsidize(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgSubsidizeResponse{Period: period}, nil
}
