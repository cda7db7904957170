package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/x/bankloans/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// RegisterInvariants registers the bankloans invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "capital-accounted", CapitalAccountedInvariant(k))
	ir.RegisterRoute(types.ModuleName, "payments-folded", PaymentsFoldedInvariant(k))
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

// PaymentsFoldedInvariant: each loan's history is whole across the fold. Its statement
// folds payments 1..through_seq and the history holds the rest, each payment queued to be
// folded, through its history_len; and the folded and listed payments sum exactly to the
// loan's running totals (principal and interest paid, principal written off).
func PaymentsFoldedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "payments-folded", s) }
		type sums struct {
			payments                   uint64
			principal, interest, wrote math.Int
		}
		add := func(s *sums, kind types.PaymentKind, n uint64, principal, interest math.Int) {
			s.payments += n
			if kind == types.PAYMENT_KIND_WRITE_OFF {
				s.wrote = s.wrote.Add(principal)
			} else if kind != types.PAYMENT_KIND_DISBURSEMENT {
				s.principal, s.interest = s.principal.Add(principal), s.interest.Add(interest)
			}
		}
		loans := map[uint64]*sums{}
		of := func(id uint64) *sums {
			if loans[id] == nil {
				loans[id] = &sums{principal: math.ZeroInt(), interest: math.ZeroInt(), wrote: math.ZeroInt()}
			}
			return loans[id]
		}
		folded := map[uint64]uint64{}
		err := k.Statements.Walk(ctx, nil, func(id uint64, st types.Statement) (bool, error) {
			folded[id] = st.ThroughSeq
			for _, line := range st.Lines {
				add(of(id), line.Kind, line.Payments, line.Principal, line.Interest)
			}
			return false, nil
		})
		broken, listed, queued := "", 0, 0
		if err == nil {
			err = k.Payments.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], p types.Payment) (bool, error) {
				queued, err := k.PaymentQueue.Has(ctx, collections.Join3(p.Time, p.LoanId, p.Seq))
				if err != nil || !queued || p.Seq <= folded[p.LoanId] {
					broken = fmt.Sprintf("payment %d of loan %d is folded or not queued", p.Seq, p.LoanId)
					return true, err
				}
				add(of(p.LoanId), p.Kind, 1, p.Principal, p.Interest)
				listed++
				return false, nil
			})
		}
		if err == nil && broken == "" {
			err = k.PaymentQueue.Walk(ctx, nil, func(paymentKey) (bool, error) {
				queued++
				return false, nil
			})
			if queued != listed {
				broken = fmt.Sprintf("%d payments queued to be folded, %d in the histories", queued, listed)
			}
		}
		if err == nil && broken == "" {
			err = k.Loans.Walk(ctx, nil, func(id uint64, l types.Loan) (bool, error) {
				s := of(id)
				delete(loans, id)
				switch {
				case s.payments != l.HistoryLen:
					broken = fmt.Sprintf("loan %d: %d payments folded and listed, history_len %d", id, s.payments, l.HistoryLen)
				case !s.principal.Equal(l.PrincipalPaid) || !s.interest.Equal(l.InterestPaid) || !s.wrote.Equal(l.WrittenOff):
					broken = fmt.Sprintf("loan %d: payments sum to principal %s, interest %s, written off %s; the loan says %s, %s, %s",
						id, s.principal, s.interest, s.wrote, l.PrincipalPaid, l.InterestPaid, l.WrittenOff)
				}
				return broken != "", nil
			})
		}
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		case len(loans) > 0:
			return msg("payments or statements of a loan that does not exist"), true
		}
		return msg("ok"), false
	}
}
