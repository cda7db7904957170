package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/payroll/types"
)

// EndBlocker runs the pay. When block time passes a pay-period boundary, a pay run starts:
// it walks every employment in id order, settling the work done before the boundary, at most
// max_payouts_per_block payments per block, and carries on in the next blocks from where it
// stopped. A region of any size thus has bounded block time, and every worker is paid within
// the period as long as employments / limit blocks fit in it. It never returns an error: an
// employment that fails to settle is logged, left as it was (its own cached context is
// discarded) and retried in the next run.
func (k Keeper) EndBlocker(ctx context.Context) error {
	if err := k.payRun(sdk.UnwrapSDKContext(ctx)); err != nil {
		k.logger(ctx).Error("pay run", "err", err)
	}
	return nil
}

func (k Keeper) logger(ctx context.Context) interface{ Error(string, ...any) } {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

func (k Keeper) payRun(ctx sdk.Context) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	sweep, err := k.Sweep.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if !sweep.Active {
		boundary := ctx.BlockTime().Truncate(params.PayPeriod)
		if !boundary.After(sweep.Boundary) {
			return nil
		}
		sweep = types.Sweep{Boundary: boundary, Active: true}
	}
	sweep.Blocks++
	budget := int(params.MaxPayoutsPerBlock)
	it, err := k.Employments.Iterate(ctx, new(collections.Range[uint64]).StartInclusive(sweep.Cursor))
	if err != nil {
		return err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		e, err := it.Value()
		if err != nil {
			return err
		}
		if budget <= 0 {
			sweep.Cursor = e.Id
			return k.Sweep.Set(ctx, sweep)
		}
		budget--
		cacheCtx, write := ctx.CacheContext()
		n, err := k.settle(cacheCtx, &e, sweep.Boundary, params)
		if err == nil {
			err = k.setEmployment(cacheCtx, e)
		}
		if err != nil {
			k.logger(ctx).Error("settling employment", "id", e.Id, "err", err)
			continue
		}
		write()
		budget -= n - min(n, 1) // the first payment is the one already counted
	}
	sweep.Active, sweep.Cursor = false, 0
	return k.Sweep.Set(ctx, sweep)
}
