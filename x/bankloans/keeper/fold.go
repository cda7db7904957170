package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/bankloans/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// fold folds the loans' payments older than the retention window into each loan's
// statement, at most max_folds_per_block a block, oldest first: the queue is in time order,
// so a block whose oldest payment is inside the window reads one key. The Loan keeps its
// running totals; the statement sums the history it no longer lists. A queued payment that
// is not in the state (a bad genesis) loses its key, logged, rather than stopping the fold.
func (k Keeper) fold(ctx sdk.Context, params gptypes.Params) error {
	cutoff, limit, ok := modulekit.FoldCutoff(ctx, params.Retention.Window, params.Retention.MaxFoldsPerBlock)
	if !ok {
		return nil
	}
	it, err := k.PaymentQueue.Iterate(ctx, nil)
	keys, err := modulekit.DueKeys(it, err, limit, func(key paymentKey) (bool, error) {
		return !key.K1().After(cutoff), nil
	})
	if err != nil {
		return err
	}
	batch := modulekit.NewStatements(k.Statements)
	for _, key := range keys {
		if err := k.PaymentQueue.Remove(ctx, key); err != nil {
			return err
		}
		id := collections.Join(key.K2(), key.K3())
		p, err := k.Payments.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			ctx.Logger().With("module", "x/"+types.ModuleName).Error("a queued loan payment is not in the state", "loan", key.K2(), "seq", key.K3())
			continue
		}
		if err != nil {
			return err
		}
		st, err := batch.Get(ctx, p.LoanId, func() types.Statement {
			l, err := k.Loan(ctx, p.LoanId)
			if err != nil { // a bad genesis: the statement is the loan's all the same
				l = types.Loan{Id: p.LoanId}
			}
			return types.NewStatement(l)
		})
		if err != nil {
			return err
		}
		st.Add(p)
		if err := k.Payments.Remove(ctx, id); err != nil {
			return err
		}
	}
	return batch.Write(ctx)
}

// statement is a loan's statement of folded payments, if any.
func (k Keeper) statement(ctx context.Context, id uint64) (*types.Statement, error) {
	st, err := k.Statements.Get(ctx, id)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &st, nil
}
