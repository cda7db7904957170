package keeper

import (
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// RegisterInvariants registers the dividend invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "books-balance", BooksBalanceInvariant(k))
	ir.RegisterRoute(types.ModuleName, "reserve-held", ReserveHeldInvariant(k))
}

// ReserveHeldInvariant: the treasury holds at least what it reserves for the members (owed,
// carried, and the share of the open period's revenue), so every dividend can be paid.
func ReserveHeldInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		reserved, err := k.Reserved(ctx)
		if err != nil {
			return "", false // before genesis
		}
		held := k.bank.GetBalance(ctx, k.treasury, membershiptypes.Denom).Amount
		broken := held.LT(reserved)
		return sdk.FormatInvariant(types.ModuleName, "reserve-held", fmt.Sprintf("the treasury holds %s, reserves %s", held, reserved)), broken
	}
}

// BooksBalanceInvariant: the closed periods' revenue = the region's retained share + the
// dividends declared + the carry; the dividends declared = paid out + still owed to the
// members; each period's revenue is the sum of its sources; the periods' subsidies sum to
// the total subsidies.
func BooksBalanceInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "books-balance", s) }
		t, err := k.Totals.Get(ctx)
		if err != nil {
			return "", false // before genesis
		}
		if !t.Retained.Add(t.Declared).Add(t.Carried).Equal(t.Revenue) {
			return msg(fmt.Sprintf("revenue %s != retained %s + declared %s + carried %s", t.Revenue, t.Retained, t.Declared, t.Carried)), true
		}
		owed, subsidies, broken := math.ZeroInt(), math.ZeroInt(), ""
		err = k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
			o, _, err := k.Owed(ctx, m)
			owed = owed.Add(o)
			return false, err
		})
		if err == nil {
			err = k.Periods.Walk(ctx, nil, func(_ uint64, p types.Period) (bool, error) {
				r := p.Revenue
				sum := r.IncomeTax.Add(r.InternalSalesTax).Add(r.ExternalSalesTax).Add(r.ProfitAtRestTax).Add(r.BankInterest).Add(r.NonMemberServices)
				if !r.Fees.IsNil() {
					sum = sum.Add(r.Fees)
				}
				if !sum.Equal(p.Total) {
					broken = fmt.Sprintf("period %d: sources sum to %s, total %s", p.Number, sum, p.Total)
				}
				subsidies = subsidies.Add(orZero(p.Spending.Subsidies))
				return broken != "", nil
			})
		}
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		case !t.PaidOut.Add(owed).Equal(t.Declared):
			return msg(fmt.Sprintf("declared %s != paid out %s + owed %s", t.Declared, t.PaidOut, owed)), true
		case !subsidies.Equal(orZero(t.Subsidies)):
			return msg(fmt.Sprintf("the periods' subsidies sum to %s, the totals say %s", subsidies, orZero(t.Subsidies))), true
		}
		return msg("ok"), false
	}
}
