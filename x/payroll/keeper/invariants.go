package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// RegisterInvariants registers the payroll invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "wages-accounted", WagesAccountedInvariant(k))
	ir.RegisterRoute(types.ModuleName, "workers-first", WorkersFirstInvariant(k))
	ir.RegisterRoute(types.ModuleName, "statements-folded", StatementsFoldedInvariant(k))
}

// StatementsFoldedInvariant: folding loses no payslip and counts none twice. The statements'
// gross and the payslips' still in state add up to the wages earned; every statement's sums
// are whole (gross = net + tax); and every paid payslip is queued to be folded (an owed one
// is folded when its claim is paid).
func StatementsFoldedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "statements-folded", s) }
		t, err := k.Totals.Get(ctx)
		if err != nil {
			return "", false // before genesis
		}
		gross, broken := math.ZeroInt(), ""
		err = k.Statements.Walk(ctx, nil, func(_ statementKey, st types.Statement) (bool, error) {
			gross = gross.Add(st.Gross)
			if err := st.Validate(); err != nil {
				broken = fmt.Sprintf("statement of employment %d in %d: %s", st.EmploymentId, st.Month, err)
			}
			return broken != "", nil
		})
		if err == nil && broken == "" {
			err = k.Payslips.Walk(ctx, nil, func(key addrID, slip types.Payslip) (bool, error) {
				gross = gross.Add(slip.Gross)
				queued, err := k.PayslipQueue.Has(ctx, collections.Join(key.K2(), key.K1()))
				if err == nil && !queued && slip.ClaimId == 0 {
					broken = fmt.Sprintf("payslip %d is paid and not queued to be folded", slip.Id)
				}
				return broken != "", err
			})
		}
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		case !gross.Equal(t.Earned):
			return msg(fmt.Sprintf("statements and payslips hold %s of gross, %s was earned", gross, t.Earned)), true
		}
		return msg("ok"), false
	}
}

// WagesAccountedInvariant: every ursc earned is paid or owed: paid + claimed = earned, what
// the outstanding claims are owed sums to claimed, each claim's payments are within it, and
// every claim's payslip still points at it.
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
			owed = owed.Add(c.Owed())
			if !c.Owed().IsPositive() || c.PaidTax.GT(c.Tax) || !c.PaidNet.Add(c.PaidTax).Equal(c.PaidGross) {
				broken = fmt.Sprintf("claim %d: paid %s (tax %s, net %s) of %s", c.Id, c.PaidGross, c.PaidTax, c.PaidNet, c.Gross)
				return true, nil
			}
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

// WorkersFirstInvariant: a company that owes wage claims pays nothing but its claims. Every
// ursc that reached it since its claims were last paid is noted (Arrived) and its claims are
// paid from it, so its balance is exactly what is noted: less would mean money left it some
// other way, more that money reached it unnoticed and waits while its workers are owed.
// Only indebted companies are noted.
func WorkersFirstInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "workers-first", s) }
		var broken string
		count := uint64(0)
		err := k.Indebted.Walk(ctx, nil, func(company sdk.AccAddress) (bool, error) {
			count++
			arrived, err := k.arrived(ctx, company)
			if err != nil {
				return true, err
			}
			if held := k.bank.SpendableCoin(ctx, company, membershiptypes.Denom).Amount; !held.Equal(arrived) {
				broken = fmt.Sprintf("%s owes wage claims and holds %s, of which %s reached it since they were last paid", company, held, arrived)
				return true, nil
			}
			return false, nil
		})
		if n, _ := k.IndebtedCount.Get(ctx); err == nil && broken == "" && n != count {
			broken = fmt.Sprintf("%d companies owe wages, the count says %d", count, n)
		}
		if err == nil && broken == "" {
			err = k.Arrived.Walk(ctx, nil, func(company sdk.AccAddress, _ math.Int) (bool, error) {
				owes, err := k.Indebted.Has(ctx, company)
				if err == nil && !owes {
					broken = fmt.Sprintf("%s is noted for the claims pass but owes no claim", company)
				}
				return broken != "", err
			})
		}
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		}
		return msg("ok"), false
	}
}
