package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// InitGenesis writes the books, members and holdings. An empty genesis (a new region)
// opens period 1 now, registers the genesis members, and starts the profit-at-rest runs
// with the window now open (nothing before the chain is taxed).
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if len(gs.Periods) == 0 {
		params, err := k.params.GetParams(ctx)
		if err != nil {
			return err
		}
		gs.Periods = []types.Period{newPeriod(1, sdkCtx.BlockTime(), params.DividendShare)}
		z := math.ZeroInt()
		gs.Totals = types.Totals{Revenue: z, Retained: z, Declared: z, Carried: z, PaidOut: z, Subsidies: z}
		gs.RestSweep = types.RestSweep{Window: window(sdkCtx.BlockTime(), params.ProfitAtRestDelay), Done: true}
		if err := k.membership.WalkMembers(ctx, func(addr sdk.AccAddress) error {
			gs.Members = append(gs.Members, types.Member{Address: addr.String(), Since: 1})
			return nil
		}); err != nil {
			return err
		}
	}
	var open uint64
	for _, p := range gs.Periods {
		if err := k.Periods.Set(ctx, p.Number, p); err != nil {
			return err
		}
		if p.End == nil {
			open = p.Number
		}
	}
	if open == 0 {
		return types.ErrInvalidGenesis.Wrap("no open period")
	}
	if err := k.Current.Set(ctx, open); err != nil {
		return err
	}
	for _, m := range gs.Members {
		addr, err := k.address(m.Address, "member")
		if err != nil {
			return err
		}
		if err := k.Members.Set(ctx, addr, m); err != nil {
			return err
		}
	}
	if err := k.MemberCount.Set(ctx, uint64(len(gs.Members))); err != nil {
		return err
	}
	for _, h := range gs.Holdings {
		addr, err := k.address(h.Company, "company")
		if err != nil {
			return err
		}
		if err := k.Holdings.Set(ctx, addr, h); err != nil {
			return err
		}
	}
	if err := k.RestSweep.Set(ctx, gs.RestSweep); err != nil {
		return err
	}
	return k.Totals.Set(ctx, gs.Totals)
}

// ExportGenesis reads the module's state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Periods, err = modulekit.Values(ctx, k.Periods); err != nil {
		return nil, err
	}
	if gs.Members, err = modulekit.Values(ctx, k.Members); err != nil {
		return nil, err
	}
	if gs.Holdings, err = modulekit.Values(ctx, k.Holdings); err != nil {
		return nil, err
	}
	if gs.RestSweep, err = k.RestSweep.Get(ctx); err != nil {
		return nil, err
	}
	gs.Totals, err = k.Totals.Get(ctx)
	return gs, err
}
