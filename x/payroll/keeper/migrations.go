package keeper

import (
	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/payroll/types"
)

// Migrate1to2 queues the stored payslips to be folded (version 2 folds the payslips older
// than the retention window into statements). An owed payslip is folded when its claim is
// paid. It reads each payslip once and writes one queue key for it.
func (k Keeper) Migrate1to2(ctx sdk.Context) error {
	var queue []idAddr
	err := k.Payslips.Walk(ctx, nil, func(key addrID, slip types.Payslip) (bool, error) {
		if slip.ClaimId == 0 {
			queue = append(queue, collections.Join(key.K2(), key.K1()))
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, key := range queue { // written after the walk: no write under an open iterator
		if err := k.PayslipQueue.Set(ctx, key); err != nil {
			return err
		}
	}
	ctx.Logger().With("module", "x/payroll").Info("payroll: migrated state 1 to 2: payslips queued to be folded", "payslips", len(queue))
	return nil
}
