package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// EndBlocker runs the pay. When block time passes a pay-period boundary, a pay run starts:
// it walks every employment in id order, settling the work done before the boundary, and
// carries on in the next blocks from where it stopped, spreading the payments evenly over
// the first three quarters of the period (see budget) and never more than
// max_payouts_per_block in a block. A region of any size thus has bounded block time, and
// every worker is paid within the period. It never returns an error: an employment that
// fails to settle is logged, left as it was, postponed (in state) and retried in the next run.
//
// Before the pay run, the claims pass pays the wage claims of the companies money reached
// since the last block (claims.go); after it, the payslips older than the retention window
// are folded into statements (fold.go).
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	params, err := k.params.GetParams(ctx)
	if err != nil {
		k.logger(ctx).Error("pay run", "err", err)
		return nil
	}
	if err := k.payArrived(sdkCtx, int(params.MaxPayoutsPerBlock)); err != nil {
		k.logger(ctx).Error("claims pass", "err", err)
	}
	if err := k.payRun(sdkCtx, params); err != nil {
		k.logger(ctx).Error("pay run", "err", err)
	}
	modulekit.Folding(sdkCtx, types.ModuleName, func(ctx sdk.Context) error { return k.fold(ctx, params) })
	return nil
}

func (k Keeper) logger(ctx context.Context) interface{ Error(string, ...any) } {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

func (k Keeper) payRun(ctx sdk.Context, params gptypes.Params) error {
	sweep, err := k.Sweep.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	now := ctx.BlockTime()
	if !sweep.Active {
		boundary := now.Truncate(params.PayPeriod)
		if !boundary.After(sweep.Boundary) {
			return nil
		}
		sweep = types.Sweep{Boundary: boundary, Active: true, Deadline: boundary.Add(params.PayPeriod * 3 / 4)}
	}
	prev := sweep.LastBlockTime
	sweep.LastBlockTime = now
	sweep.Blocks++
	budget, err := k.budget(ctx, sweep, prev, int(params.MaxPayoutsPerBlock))
	if err != nil {
		return err
	}
	// The block's batch runs in one branch of the state. An employment that fails to settle
	// (a bug: payments are checked before they are made) spoils the branch: it is dropped,
	// the employment postponed to the next run (kept in the sweep, so that a failure cannot
	// stall the run block after block), and the batch runs again without it.
	for attempt := 0; attempt < maxAttempts; attempt++ {
		batch, write := ctx.CacheContext()
		next := sweep
		failed, err := k.payBatch(batch, &next, params, budget)
		if err == nil {
			write()
			return k.Sweep.Set(ctx, next)
		}
		if failed == 0 {
			return errors.Join(err, k.Sweep.Set(ctx, sweep)) // not an employment's: retried next block
		}
		k.logger(ctx).Error("settling employment; postponed to the next run", "id", failed, "err", err)
		sweep.Postponed = append(sweep.Postponed, failed)
	}
	return k.Sweep.Set(ctx, sweep) // the postponed are kept; the batch goes on next block
}

// maxAttempts bounds the batches a block tries when employments fail.
const maxAttempts = 4

// budget is the number of payments this block makes: the run is spread evenly over the time
// to its deadline (the employments left, divided by the blocks expected before the deadline
// at the last block interval), but at least an eighth of the cap (the floor), so that a small
// region is paid at once, and at most the cap, max_payouts_per_block (a block of the run at
// 100,000 workers makes about 37 payments; docs/performance.md). The run's first block, with
// no interval yet, pays the floor; a block at or past the deadline, the cap.
func (k Keeper) budget(ctx sdk.Context, sweep types.Sweep, prev time.Time, limit int) (int, error) {
	floor := max(limit/8, 1)
	if prev.IsZero() {
		return floor, nil
	}
	last, err := k.EmploymentSeq.Peek(ctx)
	if err != nil {
		return 0, err
	}
	remaining := int64(last) - int64(max(sweep.Cursor, 1)) + 1
	interval, left := ctx.BlockTime().Sub(prev), sweep.Deadline.Sub(ctx.BlockTime())
	if interval <= 0 || left <= interval {
		return limit, nil
	}
	blocks := int64(left / interval)
	spread := (remaining + blocks - 1) / blocks
	return int(min(max(spread, int64(floor)), int64(limit))), nil
}

// payBatch settles employments from sweep.Cursor, making at most budget payments, and moves
// the cursor; the run's postponed employments wait for the next run. On an error it returns
// the failing employment's id.
func (k Keeper) payBatch(ctx sdk.Context, sweep *types.Sweep, params gptypes.Params, budget int) (uint64, error) {
	postponed := make(map[uint64]bool, len(sweep.Postponed))
	for _, id := range sweep.Postponed {
		postponed[id] = true
	}
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
		if postponed[e.Id] {
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
	sweep.Active, sweep.Cursor, sweep.Postponed = false, 0, nil
	return 0, l.close(ctx)
}
