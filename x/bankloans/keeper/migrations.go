package keeper

import (
	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// Migrate1to2 brings bankloans to version 2, which folds the loans' payments older than the
// retention window into statements: it queues every payment to be folded.
func (k Keeper) Migrate1to2(ctx sdk.Context) error {
	var queue []paymentKey
	err := k.Payments.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], p types.Payment) (bool, error) {
		queue = append(queue, collections.Join3(p.Time, p.LoanId, p.Seq))
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, key := range queue { // written after the walk: no write under an open iterator
		if err := k.PaymentQueue.Set(ctx, key); err != nil {
			return err
		}
	}
	ctx.Logger().With("module", "x/bankloans").Info("bankloans: migrated state 1 to 2: payments queued to be folded", "payments", len(queue))
	return nil
}
