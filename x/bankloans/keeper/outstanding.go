package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// OutstandingPrincipal is the principal a borrower still owes the region's bank on its
// disbursed loans: not yet due, and in arrears. The profit-at-rest tax does not count it as
// profit (x/dividend).
func (k Keeper) OutstandingPrincipal(ctx context.Context, borrower sdk.AccAddress) (math.Int, error) {
	owed := math.ZeroInt()
	err := k.LoansByBorrower.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](borrower), func(key addrID) (bool, error) {
		l, err := k.Loans.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		switch l.Status {
		case types.LOAN_STATUS_ACTIVE, types.LOAN_STATUS_DELINQUENT, types.LOAN_STATUS_DEFAULTED:
			owed = owed.Add(l.Remaining).Add(l.ArrearsPrincipal)
		}
		return false, nil
	})
	return owed, err
}
