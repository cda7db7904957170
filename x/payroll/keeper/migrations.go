package keeper

import (
	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/payroll/types"
)

// Migrate1to2 brings payroll to version 2, which folds the payslips older than the
// retention window into statements: it marks the payslips that were owed as wage claims
// (claimed: owed now, or paid in part or in full by a claim payment), and queues the paid
// ones to be folded (an owed payslip is folded when its claim is paid). It reads each payslip
// and claim payment once.
func (k Keeper) Migrate1to2(ctx sdk.Context) error {
	claimed := map[uint64]bool{}
	err := k.ClaimPayments.Walk(ctx, nil, func(_ addrID, p types.ClaimPayment) (bool, error) {
		claimed[p.PayslipId] = true
		return false, nil
	})
	if err != nil {
		return err
	}
	var queue []idAddr
	var marked []types.Payslip
	err = k.Payslips.Walk(ctx, nil, func(key addrID, slip types.Payslip) (bool, error) {
		if (slip.ClaimId != 0 || claimed[slip.Id]) && !slip.Claimed {
			slip.Claimed = true
			marked = append(marked, slip)
		}
		if slip.ClaimId == 0 {
			queue = append(queue, collections.Join(key.K2(), key.K1()))
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	// written after the walks: no write under an open iterator
	for _, slip := range marked {
		worker, err := k.address(slip.Worker, "worker")
		if err != nil {
			return err
		}
		if err := k.Payslips.Set(ctx, collections.Join(worker, slip.Id), slip); err != nil {
			return err
		}
	}
	for _, key := range queue {
		if err := k.PayslipQueue.Set(ctx, key); err != nil {
			return err
		}
	}
	ctx.Logger().With("module", "x/payroll").Info("payroll: migrated state 1 to 2: payslips queued to be folded",
		"payslips", len(queue), "claimed", len(marked))
	return nil
}
