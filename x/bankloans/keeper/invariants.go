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
// = capital ever provided; the outstanding principal and the arrears are what its open
// loans owe; and the module account holds exactly the banks' capital.
func CapitalAccountedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "capital-accounted", s) }
		owed, arrears := map[string]math.Int{}, map[string]math.Int{}
		add := func(m map[string]math.Int, bank string, v math.Int) {
			if _, ok := m[bank]; !ok {
				m[bank] = math.ZeroInt()
			}
			m[bank] = m[bank].Add(v)
		}
		err := k.Loans.Walk(ctx, nil, func(_ uint64, l types.Loan) (bool, error) {
			if l.Status.Open() {
				add(owed, l.Bank, l.OutstandingPrincipal())
				add(arrears, l.Bank, l.Arrears())
			}
			return false, nil
		})
		if err != nil {
			return msg(err.Error()), true
		}
		capital, broken := math.ZeroInt(), ""
		err = k.Portfolios.Walk(ctx, nil, func(bank sdk.AccAddress, _ types.Portfolio) (bool, error) {
			p, err := k.portfolio(ctx, bank)
			if err != nil {
				return true, err
			}
			capital = capital.Add(p.Capital)
			add(owed, p.Bank, math.ZeroInt())
			add(arrears, p.Bank, math.ZeroInt())
			o, a := owed[p.Bank], arrears[p.Bank]
			delete(owed, p.Bank)
			switch {
			case !p.Capital.Add(p.Outstanding).Add(p.WrittenOff).Equal(p.Provided):
				broken = fmt.Sprintf("%s: capital %s + outstanding %s + written off %s != provided %s", p.Bank, p.Capital, p.Outstanding, p.WrittenOff, p.Provided)
			case !o.Equal(p.Outstanding):
				broken = fmt.Sprintf("%s: its loans owe %s of principal, the portfolio says %s", p.Bank, o, p.Outstanding)
			case !a.Equal(p.Arrears):
				broken = fmt.Sprintf("%s: its loans are %s in arrears, the portfolio says %s", p.Bank, a, p.Arrears)
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
