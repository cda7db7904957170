package modulekit

import (
	"errors"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DueQueue orders items (loans, leases) by the time they are next due.
type DueQueue = collections.KeySet[collections.Pair[time.Time, uint64]]

// catchUp is how late an item may be worked off before the run uses the whole limit.
const catchUp = 2 * time.Hour

// DueNow lists the items due by the block time, oldest first: an eighth of maxPerBlock of
// them, so that a block stays light while a month's items are worked off (100,000 due at
// once take about 70 minutes of one-second blocks, 25 a block); the whole limit once the
// oldest is more than two hours late.
func DueNow(ctx sdk.Context, q DueQueue, maxPerBlock uint32) ([]uint64, error) {
	it, err := q.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var due []uint64
	limit := max(1, int(maxPerBlock)/8)
	for ; it.Valid() && len(due) < limit; it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, err
		}
		if key.K1().After(ctx.BlockTime()) {
			break
		}
		if len(due) == 0 && ctx.BlockTime().Sub(key.K1()) > catchUp {
			limit = int(maxPerBlock)
		}
		due = append(due, key.K2())
	}
	return due, nil
}

// ItemError is the failure of one item of a batch.
type ItemError struct {
	ID  uint64
	Err error
}

func (e ItemError) Error() string { return e.Err.Error() }

// RunBatch works off due items in one cache: if one fails (an ItemError), the batch is
// dropped, that item postponed, and the batch run again without it.
func RunBatch(ctx sdk.Context, module string, due []uint64, batch func(sdk.Context, []uint64) error, postpone func(sdk.Context, uint64) error) error {
	for len(due) > 0 {
		cache, write := ctx.CacheContext()
		err := batch(cache, due)
		if err == nil {
			write()
			return nil
		}
		var failed ItemError
		if !errors.As(err, &failed) {
			return err
		}
		ctx.Logger().Error(module+": item failed; postponed", "id", failed.ID, "err", failed.Err)
		if err := postpone(ctx, failed.ID); err != nil {
			return err
		}
		kept := due[:0:0]
		for _, id := range due {
			if id != failed.ID {
				kept = append(kept, id)
			}
		}
		due = kept
	}
	return nil
}

// WorkOffDue runs each on the items of q due now (DueNow's bounded number, in one cache, as
// RunBatch does); an item that fails is dropped from the queue, the others run without it.
func WorkOffDue(ctx sdk.Context, module string, q DueQueue, maxPerBlock uint32, each func(sdk.Context, uint64) error) error {
	due, err := DueNow(ctx, q, maxPerBlock)
	if err != nil {
		return err
	}
	return RunBatch(ctx, module, due, func(ctx sdk.Context, ids []uint64) error {
		for _, id := range ids {
			if err := each(ctx, id); err != nil {
				return ItemError{ID: id, Err: err}
			}
		}
		return nil
	}, func(ctx sdk.Context, id uint64) error { return DropDue(ctx, q, id) })
}

// DropDue takes an item that cannot be read out of the queue, so that it does not block
// it; it is reached only on a corrupt store.
func DropDue(ctx sdk.Context, q DueQueue, id uint64) error {
	var stale []collections.Pair[time.Time, uint64]
	err := q.Walk(ctx, nil, func(key collections.Pair[time.Time, uint64]) (bool, error) {
		if key.K2() == id {
			stale = append(stale, key)
		}
		return false, nil
	})
	for _, key := range stale {
		if err := q.Remove(ctx, key); err != nil {
			return err
		}
	}
	return err
}
