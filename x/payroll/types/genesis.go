package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis has no occupations: the assembly defines them.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		NextOccupationId: 1, NextJobId: 1, NextEmploymentId: 1, NextTimesheetId: 1, NextPayslipId: 1, NextClaimId: 1, NextClaimPaymentId: 1,
		Totals: Totals{Earned: math.ZeroInt(), Paid: math.ZeroInt(), Claimed: math.ZeroInt()},
	}
}

// Validate checks the genesis state: ids inside their sequences and unique, addresses,
// references between records, and the wage totals.
func (gs GenesisState) Validate() error {
	for name, next := range map[string]uint64{
		"occupation": gs.NextOccupationId, "job": gs.NextJobId, "employment": gs.NextEmploymentId,
		"timesheet": gs.NextTimesheetId, "payslip": gs.NextPayslipId, "claim": gs.NextClaimId, "claim payment": gs.NextClaimPaymentId,
	} {
		if next == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "the next %s id must be at least 1", name)
		}
	}
	occupations := map[uint64]bool{}
	for _, o := range gs.Occupations {
		if err := o.Validate(); err != nil {
			return err
		}
		if err := id("occupation", o.Id, gs.NextOccupationId, occupations); err != nil {
			return err
		}
	}
	jobs := map[uint64]bool{}
	for _, j := range gs.Jobs {
		if err := id("job", j.Id, gs.NextJobId, jobs); err != nil {
			return err
		}
		if err := addresses(j.Company); err != nil {
			return err
		}
		if !occupations[j.OccupationId] || j.HoursPerWeek == 0 || j.HoursPerWeek > 168 || j.Wage.IsNil() || !j.Wage.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "job %d: unknown occupation, hours per week outside [1,168] or no wage", j.Id)
		}
	}
	applied := map[string]bool{}
	for _, a := range gs.Applications {
		if err := addresses(a.Applicant); err != nil {
			return err
		}
		if key := fmt.Sprint(a.JobId, a.Applicant); !jobs[a.JobId] || applied[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "application of %s to job %d: unknown job or twice", a.Applicant, a.JobId)
		} else {
			applied[key] = true
		}
	}
	employments := map[uint64]Employment{}
	for _, e := range gs.Employments {
		if err := id("employment", e.Id, gs.NextEmploymentId, nil); err != nil {
			return err
		}
		if _, dup := employments[e.Id]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "employment %d twice", e.Id)
		}
		if err := addresses(e.Company, e.Worker); err != nil {
			return err
		}
		if !occupations[e.OccupationId] || e.HoursPerWeek == 0 || e.HoursPerWeek > 168 || e.Wage.IsNil() || !e.Wage.IsPositive() ||
			e.Carry.IsNil() || e.Carry.IsNegative() || e.Carry.GTE(math.LegacyOneDec()) || e.WeekPaid < 0 || e.WeekPaid > e.WeekCap() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "employment %d: unknown occupation, hours per week outside [1,168], no wage, a carry outside [0,1) or more paid in the week than its hours", e.Id)
		}
		employments[e.Id] = e
	}
	for _, r := range gs.Ratings {
		if err := addresses(r.Rater); err != nil {
			return err
		}
		if _, ok := employments[r.EmploymentId]; !ok || r.Value.IsNil() || r.Value.IsNegative() || r.Value.GT(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "rating of employment %d by %s: unknown employment or a value outside [0,1]", r.EmploymentId, r.Rater)
		}
	}
	timesheets := map[uint64]bool{}
	for _, ts := range gs.Timesheets {
		if err := id("timesheet", ts.Id, gs.NextTimesheetId, timesheets); err != nil {
			return err
		}
		if e, ok := employments[ts.EmploymentId]; !ok || e.Worker != ts.Worker || e.Company != ts.Company || !ts.Interval.End.After(ts.Interval.Start) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "timesheet %d: not of its employment's worker and company, or an empty interval", ts.Id)
		}
	}
	payslips := map[uint64]Payslip{}
	for _, slip := range gs.Payslips {
		if err := id("payslip", slip.Id, gs.NextPayslipId, nil); err != nil {
			return err
		}
		if _, dup := payslips[slip.Id]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "payslip %d twice", slip.Id)
		}
		if err := addresses(slip.Worker, slip.Company); err != nil {
			return err
		}
		if slip.Gross.IsNil() || slip.Tax.IsNil() || slip.Net.IsNil() || !slip.Net.Add(slip.Tax).Equal(slip.Gross) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "payslip %d: gross must be net + tax", slip.Id)
		}
		payslips[slip.Id] = slip
	}
	statements := map[string]bool{}
	for _, st := range gs.Statements {
		if err := addresses(st.Worker, st.Company); err != nil {
			return err
		}
		key := fmt.Sprint(st.Worker, st.Month, st.EmploymentId)
		if err := st.Validate(); err != nil || statements[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of employment %d in %d: twice, or %v", st.EmploymentId, st.Month, err)
		}
		statements[key] = true
	}
	t := gs.Totals
	if t.Earned.IsNil() || t.Paid.IsNil() || t.Claimed.IsNil() || !t.Paid.Add(t.Claimed).Equal(t.Earned) {
		return errorsmod.Wrap(ErrInvalidGenesis, "totals must have earned = paid + claimed")
	}
	claimed, claims := math.ZeroInt(), map[uint64]bool{}
	for _, c := range gs.Claims {
		if err := id("claim", c.Id, gs.NextClaimId, claims); err != nil {
			return err
		}
		if err := addresses(c.Company, c.Worker); err != nil {
			return err
		}
		slip, ok := payslips[c.PayslipId]
		if !ok || slip.ClaimId != c.Id || slip.Worker != c.Worker || slip.Company != c.Company ||
			c.Gross.IsNil() || c.Tax.IsNil() || c.Net.IsNil() || !c.Net.Add(c.Tax).Equal(c.Gross) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim %d: not its payslip's, or gross is not net + tax", c.Id)
		}
		if c.PaidGross.IsNil() || c.PaidTax.IsNil() || c.PaidNet.IsNil() || c.PaidTax.IsNegative() || c.PaidNet.IsNegative() ||
			!c.PaidNet.Add(c.PaidTax).Equal(c.PaidGross) || c.PaidTax.GT(c.Tax) || !c.Owed().IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim %d: paid must be net + tax, within the claim, leaving something owed", c.Id)
		}
		claimed = claimed.Add(c.Owed())
	}
	if !claimed.Equal(t.Claimed) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "claims sum to %s, totals say %s", claimed, t.Claimed)
	}
	payments := map[uint64]bool{}
	for _, p := range gs.ClaimPayments {
		if err := id("claim payment", p.Id, gs.NextClaimPaymentId, payments); err != nil {
			return err
		}
		if err := addresses(p.Worker, p.Company); err != nil {
			return err
		}
		if p.Gross.IsNil() || p.Tax.IsNil() || p.Net.IsNil() || p.Owed.IsNil() || !p.Gross.IsPositive() ||
			p.Tax.IsNegative() || !p.Net.Add(p.Tax).Equal(p.Gross) || p.Owed.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim payment %d: gross must be positive, net + tax", p.Id)
		}
	}
	return nil
}

// id checks that an id lies in [1, next) and, with seen, that it appears once.
func id(what string, id, next uint64, seen map[uint64]bool) error {
	if id == 0 || id >= next || seen[id] {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s id %d: outside [1,%d) or twice", what, id, next)
	}
	if seen != nil {
		seen[id] = true
	}
	return nil
}

func addresses(addrs ...string) error {
	for _, a := range addrs {
		if _, err := sdk.AccAddressFromBech32(a); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "address %q: %s", a, err)
		}
	}
	return nil
}
