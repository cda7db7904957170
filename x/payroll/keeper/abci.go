package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// EndBlocker runs the pay. When block time passes a pay-period boundary, a pay run starts:
// it walks every employment in id order, settling the work done before the boundary, at most
// max_payouts_per_block payments per block, and carries on in the next blocks from where it
// stopped. A region of any size thus has bounded block time, and every worker is paid within
// the period as long as employments / limit blocks fit in it. It never returns an error: an
// employment that fails to settle is logged, left as it was, and retried in the next run.
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
	// The block's batch runs in one branch of the state. An employment that fails to settle
	// (a bug: payments are checked before they are made) spoils the branch: it is dropped,
	// and the batch runs again without that employment, which waits for the next run.
	skip := map[uint64]bool{}
	for attempt := 0; attempt < 3; attempt++ {
		batch, write := ctx.CacheContext()
		next := sweep
		failed, err := k.payBatch(batch, &next, params, skip)
		if err != nil {
			k.logger(ctx).Error("settling employment", "id", failed, "err", err)
			skip[failed] = true
			continue
		}
		write()
		return k.Sweep.Set(ctx, next)
	}
	return k.Sweep.Set(ctx, sweep) // retried next block
}

// payBatch settles employments from sweep.Cursor within the block's payout limit and moves
// the cursor; on an error it returns the failing employment's id.
func (k Keeper) payBatch(ctx sdk.Context, sweep *types.Sweep, params gptypes.Params, skip map[uint64]bool) (uint64, error) {
	budget := int(params.MaxPayoutsPerBlock)
	l := k.newLedger()
	it, err := k.Employments.Iterate(ctx, new(collections.Range[uint64]).StartInclusive(sweep.Cursor))
	if err != nil {
		return 0, err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		e, err := it.Value()
		if err != nil {
			return 0, err
		}
		if budget <= 0 {
			sweep.Cursor = e.Id
			return 0, l.close(ctx)
		}
		if skip[e.Id] {
			continue
		}
		budget--
		n, err := k.settle(ctx, l, &e, sweep.Boundary, params)
		if err == nil {
			err = k.setEmployment(ctx, e)
		}
		if err != nil {
			return e.Id, err
		}
		budget -= n - min(n, 1) // the first payment is the one already counted
	}
	sweep.Active, sweep.Cursor = false, 0
	return 0, l.close(ctx)
}
