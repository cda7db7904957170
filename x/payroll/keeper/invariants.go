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
	ir.RegisterRoute(types.ModuleName, "indexes-kept", IndexesKeptInvariant(k))
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

// IndexesKeptInvariant: payroll's secondary indexes (jobs by company and by occupation,
// employments by worker and by company, timesheets by worker) hold exactly one entry for
// each job, employment and timesheet, under its own fields. They are kept by hand rather
// than by a collections.IndexedMap: an employment is rewritten every pay period, and an
// IndexedMap's Set reads the old value back and deletes and rewrites each of its index
// entries, two writes a worker a period on the pay run's path for keys that never change.
func IndexesKeptInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "indexes-kept", s) }
		type index struct {
			name string
			set  collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
		}
		want := map[string]map[string]bool{}
		expect := func(name, addr string, id uint64) {
			if want[name] == nil {
				want[name] = map[string]bool{}
			}
			want[name][fmt.Sprintf("%s/%d", addr, id)] = true
		}
		occupations := map[[2]uint64]bool{} // (occupation, job); a collections.Pair holds pointers
		if err := k.Jobs.Walk(ctx, nil, func(id uint64, j types.Job) (bool, error) {
			expect("jobs by company", j.Company, id)
			occupations[[2]uint64{j.OccupationId, id}] = true
			return false, nil
		}); err != nil {
			return msg(err.Error()), true
		}
		if err := k.Employments.Walk(ctx, nil, func(id uint64, e types.Employment) (bool, error) {
			expect("employments by worker", e.Worker, id)
			expect("employments by company", e.Company, id)
			return false, nil
		}); err != nil {
			return msg(err.Error()), true
		}
		if err := k.Timesheets.Walk(ctx, nil, func(id uint64, ts types.Timesheet) (bool, error) {
			expect("timesheets by worker", ts.Worker, id)
			return false, nil
		}); err != nil {
			return msg(err.Error()), true
		}
		for _, idx := range []index{
			{"jobs by company", k.JobsByCompany}, {"employments by worker", k.EmploymentsByWorker},
			{"employments by company", k.EmploymentsByCompany}, {"timesheets by worker", k.TimesheetsByWorker},
		} {
			n := 0
			bad := ""
			if err := idx.set.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
				n++
				if s := fmt.Sprintf("%s/%d", key.K1(), key.K2()); !want[idx.name][s] {
					bad = s
				}
				return bad != "", nil
			}); err != nil {
				return msg(err.Error()), true
			}
			if bad != "" || n != len(want[idx.name]) {
				return msg(fmt.Sprintf("%s: %d entries for %d records (stray: %q)\n", idx.name, n, len(want[idx.name]), bad)), true
			}
		}
		n, stray := 0, false
		if err := k.JobsByOccupation.Walk(ctx, nil, func(key collections.Pair[uint64, uint64]) (bool, error) {
			n++
			stray = !occupations[[2]uint64{key.K1(), key.K2()}]
			return stray, nil
		}); err != nil {
			return msg(err.Error()), true
		}
		if stray || n != len(occupations) {
			return msg(fmt.Sprintf("jobs by occupation: %d entries for %d jobs\n", n, len(occupations))), true
		}
		return msg("every index entry is its record's\n"), false
	}
}
