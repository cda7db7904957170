package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/bankloans/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// EndBlocker collects the installments due by the block time, oldest due first, a bounded
// number per block (modulekit.DueNow); the rest wait for the next blocks, in order. It
// never returns an error: a loan whose collection fails is logged and retried a period
// later, and the others are collected.
// Then it folds the payments older than the retention window into the loans' statements.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	params, err := k.params.GetParams(ctx)
	if err != nil {
		sdkCtx.Logger().Error("bankloans: reading the parameters", "err", err)
		return nil
	}
	if err := k.collectDue(sdkCtx, params); err != nil {
		sdkCtx.Logger().Error("bankloans: collections failed", "err", err)
	}
	modulekit.Folding(sdkCtx, types.ModuleName, func(ctx sdk.Context) error { return k.fold(ctx, params) })
	return nil
}

func (k Keeper) collectDue(ctx sdk.Context, params gptypes.Params) error {
	due, err := modulekit.DueNow(ctx, k.Due, params.MaxPayoutsPerBlock)
	if err != nil {
		return err
	}
	return modulekit.RunBatch(ctx, types.ModuleName, due, k.collectBatch, k.postpone)
}

// collectBatch collects each loan and books the batch's receipts once.
func (k Keeper) collectBatch(ctx sdk.Context, due []uint64) error {
	rc := newReceipts()
	for _, id := range due {
		l, err := k.Loan(ctx, id)
		if err != nil {
			return modulekit.ItemError{ID: id, Err: err}
		}
		old := l
		if err := k.collect(ctx, &l, rc); err != nil {
			return modulekit.ItemError{ID: id, Err: err}
		}
		if err := k.setLoan(ctx, &old, l); err != nil {
			return modulekit.ItemError{ID: id, Err: err}
		}
	}
	return k.book(ctx, rc)
}

// postpone moves a loan whose collection failed a period on in the queue.
func (k Keeper) postpone(ctx sdk.Context, id uint64) error {
	l, err := k.Loan(ctx, id)
	if err != nil || l.NextDue == nil {
		return modulekit.DropDue(ctx, k.Due, id)
	}
	old := l
	next := l.NextDue.Add(l.InstallmentPeriod)
	l.NextDue = &next
	return k.setLoan(ctx, &old, l)
}
