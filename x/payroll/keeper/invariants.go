package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/payroll/types"
)

// RegisterInvariants registers the payroll invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "wages-accounted", WagesAccountedInvariant(k))
}

// WagesAccountedInvariant: every ursc earned is paid or owed: paid + claimed = earned, the
// outstanding claims sum to claimed, and every claim's payslip still points at it.
func WagesAccountedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "wages-accounted", s) }
		t, err := k.Totals.Get(ctx)
		if err != nil {
			return "", false // before genesis
		}
		if !t.Paid.Add(t.Claimed).Equal(t.Earned) {
			return msg(fmt.Sprintf("paid %s + claimed %s != earned %s", t.Paid, t.Claimed, t.Earned)), true
		}
		owed := math.ZeroInt()
		var broken string
		err = k.Claims.Walk(ctx, nil, func(_ addrID, c types.Claim) (bool, error) {
			owed = owed.Add(c.Gross)
			worker, err := k.address(c.Worker, "worker")
			if err != nil {
				broken = fmt.Sprintf("claim %d: %s", c.Id, err)
				return true, nil
			}
			slip, err := k.Payslips.Get(ctx, collections.Join(worker, c.PayslipId))
			if err != nil || slip.ClaimId != c.Id || !slip.Gross.Equal(c.Gross) {
				broken = fmt.Sprintf("claim %d does not match payslip %d", c.Id, c.PayslipId)
				return true, nil
			}
			return false, nil
		})
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		case !owed.Equal(t.Claimed):
			return msg(fmt.Sprintf("claims sum to %s, totals say %s", owed, t.Claimed)), true
		}
		return msg("ok"), false
	}
}
