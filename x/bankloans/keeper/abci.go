package keeper

import (
	"context"
	"errors"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// EndBlocker collects the installments due by the block time, oldest due first, a bounded
// number per block (see dueNow); the rest wait for the next blocks, in order. It never
// returns an error: a loan whose collection fails is logged and retried a period later,
// and the others are collected.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := k.collectDue(sdkCtx); err != nil {
		sdkCtx.Logger().Error("bankloans: collections failed", "err", err)
	}
	return nil
}

// loanError is a collection that failed, naming the loan.
type loanError struct {
	id  uint64
	err error
}

func (e loanError) Error() string { return e.err.Error() }

// collectDue collects the due loans in one cache; if one fails, the batch is dropped, that
// loan postponed, and the batch run again without it.
func (k Keeper) collectDue(ctx sdk.Context) error {
	due, err := k.dueNow(ctx)
	if err != nil {
		return err
	}
	for len(due) > 0 {
		cache, write := ctx.CacheContext()
		err := k.collectBatch(cache, due)
		if err == nil {
			write()
			return nil
		}
		var failed loanError
		if !errors.As(err, &failed) {
			return err
		}
		ctx.Logger().Error("bankloans: collection failed; retried next period", "loan", failed.id, "err", failed.err)
		if err := k.postpone(ctx, failed.id); err != nil {
			return err
		}
		due = without(due, failed.id)
	}
	return nil
}

// catchUp is how late an installment may be collected before the collection run uses the
// whole per-block limit.
const catchUp = time.Hour

// dueNow lists the loans due by the block time, oldest first: a quarter of
// max_payouts_per_block of them, so that a block stays light while a month's installments
// are collected (100,000 loans due at once take about half an hour of one-second blocks);
// the whole limit once the oldest is more than an hour late.
func (k Keeper) dueNow(ctx sdk.Context) ([]uint64, error) {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	it, err := k.Due.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var due []uint64
	limit := max(1, int(params.MaxPayoutsPerBlock)/4)
	for ; it.Valid() && len(due) < limit; it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, err
		}
		if key.K1().After(ctx.BlockTime()) {
			break
		}
		if len(due) == 0 && ctx.BlockTime().Sub(key.K1()) > catchUp {
			limit = int(params.MaxPayoutsPerBlock)
		}
		due = append(due, key.K2())
	}
	return due, nil
}

// collectBatch collects each loan and books the batch's receipts once.
func (k Keeper) collectBatch(ctx sdk.Context, due []uint64) error {
	rc := newReceipts()
	for _, id := range due {
		l, err := k.Loan(ctx, id)
		if err != nil {
			return loanError{id, err}
		}
		old := l
		if err := k.collect(ctx, &l, rc); err != nil {
			return loanError{id, err}
		}
		if err := k.setLoan(ctx, &old, l); err != nil {
			return loanError{id, err}
		}
	}
	return k.book(ctx, rc)
}

func without(ids []uint64, drop uint64) []uint64 {
	out := make([]uint64, 0, len(ids))
	for _, id := range ids {
		if id != drop {
			out = append(out, id)
		}
	}
	return out
}

// postpone moves a loan whose collection failed a period on in the queue.
func (k Keeper) postpone(ctx sdk.Context, id uint64) error {
	l, err := k.Loan(ctx, id)
	if err != nil || l.NextDue == nil {
		return k.dropDue(ctx, id)
	}
	old := l
	next := l.NextDue.Add(l.InstallmentPeriod)
	l.NextDue = &next
	return k.setLoan(ctx, &old, l)
}

// dropDue takes a loan that cannot be read out of the due queue, so that it does not block
// the queue; it is reached only on a corrupt store.
func (k Keeper) dropDue(ctx sdk.Context, id uint64) error {
	var stale []dueKey
	err := k.Due.Walk(ctx, nil, func(key dueKey) (bool, error) {
		if key.K2() == id {
			stale = append(stale, key)
		}
		return false, nil
	})
	for _, key := range stale {
		if err := k.Due.Remove(ctx, key); err != nil {
			return err
		}
	}
	return err
}
