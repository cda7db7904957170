package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// EndBlocker collects the installments due by the block time, oldest due first, at most
// max_payouts_per_block of them; the rest wait for the next blocks, in order. Each
// collection runs in its own cache: one that fails is logged and retried a period later,
// and the chain goes on. It never returns an error.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := k.collectDue(sdkCtx); err != nil {
		sdkCtx.Logger().Error("bankloans: collections failed", "err", err)
	}
	return nil
}

func (k Keeper) collectDue(ctx sdk.Context) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	now := ctx.BlockTime()
	var due []uint64
	it, err := k.Due.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	for ; it.Valid() && len(due) < int(params.MaxPayoutsPerBlock); it.Next() {
		key, err := it.Key()
		if err != nil {
			it.Close()
			return err
		}
		if key.K1().After(now) {
			break
		}
		due = append(due, key.K2())
	}
	it.Close()
	interest := math.ZeroInt()
	for _, id := range due {
		cache, write := ctx.CacheContext()
		got, err := k.collectOne(cache, id)
		if err != nil {
			ctx.Logger().Error("bankloans: collection failed; retried next period", "loan", id, "err", err)
			if err := k.postpone(ctx, id); err != nil {
				return err
			}
			continue
		}
		write()
		interest = interest.Add(got)
	}
	return k.toTreasury(ctx, interest)
}

// collectOne collects a loan's installment and stores it.
func (k Keeper) collectOne(ctx sdk.Context, id uint64) (math.Int, error) {
	l, err := k.Loan(ctx, id)
	if err != nil {
		return math.ZeroInt(), err
	}
	old := l
	interest, err := k.collect(ctx, &l, ctx.BlockTime())
	if err != nil {
		return interest, err
	}
	return interest, k.setLoan(ctx, &old, l)
}

// postpone moves a loan whose collection failed a period on in the queue.
func (k Keeper) postpone(ctx sdk.Context, id uint64) error {
	l, err := k.Loan(ctx, id)
	if err != nil {
		return err
	}
	old := l
	next := l.NextDue.Add(l.InstallmentPeriod)
	l.NextDue = &next
	return k.setLoan(ctx, &old, l)
}
