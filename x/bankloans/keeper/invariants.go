package keeper

import (
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/x/bankloans/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// RegisterInvariants registers the bankloans invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "capital-accounted", CapitalAccountedInvariant(k))
}

// CapitalAccountedInvariant: for every bank, capital + outstanding principal + written off
// = capital ever provided; the outstanding principal is what its open loans owe; and the
// module account holds exactly the banks' capital.
func CapitalAccountedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "capital-accounted", s) }
		owed := map[string]math.Int{}
		err := k.Loans.Walk(ctx, nil, func(_ uint64, l types.Loan) (bool, error) {
			if l.Status.Open() {
				o, ok := owed[l.Bank]
				if !ok {
					o = math.ZeroInt()
				}
				owed[l.Bank] = o.Add(l.OutstandingPrincipal())
			}
			return false, nil
		})
		if err != nil {
			return msg(err.Error()), true
		}
		capital, broken := math.ZeroInt(), ""
		err = k.Portfolios.Walk(ctx, nil, func(_ sdk.AccAddress, p types.Portfolio) (bool, error) {
			capital = capital.Add(p.Capital)
			o, ok := owed[p.Bank]
			if !ok {
				o = math.ZeroInt()
			}
			delete(owed, p.Bank)
			switch {
			case !p.Capital.Add(p.Outstanding).Add(p.WrittenOff).Equal(p.Provided):
				broken = fmt.Sprintf("%s: capital %s + outstanding %s + written off %s != provided %s", p.Bank, p.Capital, p.Outstanding, p.WrittenOff, p.Provided)
			case !o.Equal(p.Outstanding):
				broken = fmt.Sprintf("%s: its loans owe %s of principal, the portfolio says %s", p.Bank, o, p.Outstanding)
			}
			return broken != "", nil
		})
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		case len(owed) > 0:
			return msg("loans of a bank without a portfolio"), true
		}
		if held := k.bank.GetBalance(ctx, authtypes.NewModuleAddress(types.ModuleName), membershiptypes.Denom).Amount; !held.Equal(capital) {
			return msg(fmt.Sprintf("the module holds %s, the banks' capital is %s", held, capital)), true
		}
		return msg("ok"), false
	}
}
