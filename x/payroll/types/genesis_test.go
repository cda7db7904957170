package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/testutil/genesistest"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// validGenesis has one of each record, consistent with each other.
func validGenesis() types.GenesisState {
	company := sdk.AccAddress("company_____________").String()
	worker := sdk.AccAddress("worker______________").String()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gs := *types.DefaultGenesis()
	gs.Occupations = []types.Occupation{{Id: 1, Name: "baker", MinWage: math.NewInt(20), MaxWage: math.NewInt(40),
		Training: math.LegacyZeroDec(), RegionalNeed: math.LegacyZeroDec(), Stress: math.LegacyZeroDec()}}
	gs.Jobs = []types.Job{{Id: 1, Company: company, OccupationId: 1, HoursPerWeek: 40, Wage: math.NewInt(30)}}
	gs.Applications = []types.Application{{JobId: 1, Applicant: worker}}
	gs.Employments = []types.Employment{{Id: 1, Company: company, Worker: worker, OccupationId: 1, JobId: 1, Wage: math.NewInt(30),
		StartedAt: t0, PaidThrough: t0, Carry: math.LegacyZeroDec(), HoursPerWeek: 40, WeekStart: types.WeekOf(t0)}}
	gs.Ratings = []types.Rating{{EmploymentId: 1, Rater: company, Value: math.LegacyNewDecWithPrec(5, 1)}}
	gs.Timesheets = []types.Timesheet{{Id: 1, Company: company, EmploymentId: 1, Worker: worker, Interval: types.Interval{Start: t0, End: t0.Add(time.Hour)}, Reason: "r"}}
	gs.Payslips = []types.Payslip{{Id: 1, Worker: worker, Company: company, EmploymentId: 1, OccupationId: 1, Gross: math.NewInt(30), Tax: math.NewInt(6), Net: math.NewInt(24), ClaimId: 1}}
	gs.Claims = []types.Claim{{Id: 1, Company: company, Worker: worker, PayslipId: 1, Gross: math.NewInt(30), Tax: math.NewInt(6), Net: math.NewInt(24),
		PaidGross: math.NewInt(10), PaidTax: math.NewInt(2), PaidNet: math.NewInt(8), Payments: 1}}
	gs.ClaimPayments = []types.ClaimPayment{{Id: 1, ClaimId: 1, PayslipId: 1, Worker: worker, Company: company,
		Gross: math.NewInt(10), Tax: math.NewInt(2), Net: math.NewInt(8), Owed: math.NewInt(20), Time: t0}}
	gs.Totals = types.Totals{Earned: math.NewInt(30), Paid: math.NewInt(10), Claimed: math.NewInt(20)}
	gs.NextOccupationId, gs.NextJobId, gs.NextEmploymentId, gs.NextTimesheetId, gs.NextPayslipId, gs.NextClaimId = 2, 2, 2, 2, 2, 2
	gs.NextClaimPaymentId = 2
	return gs
}

// TestGenesisValidate: every record of a payroll genesis is checked: ids inside their
// sequences and once, addresses, references, amounts; a next id of 0 is refused (it would
// wrap the sequence).
func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	fresh := func() *types.GenesisState { g := validGenesis(); return &g }
	genesistest.Check(t, fresh, types.ErrInvalidGenesis, []genesistest.Spoil[*types.GenesisState]{
		{Name: "next job id 0", Apply: func(g *types.GenesisState) { g.NextJobId = 0 }},
		{Name: "next claim id 0", Apply: func(g *types.GenesisState) { g.NextClaimId = 0 }},
		{Name: "a job id past its sequence", Apply: func(g *types.GenesisState) { g.Jobs[0].Id = 2 }},
		{Name: "a job twice", Apply: func(g *types.GenesisState) { g.Jobs = append(g.Jobs, g.Jobs[0]) }},
		{Name: "a job's bad company address", Apply: func(g *types.GenesisState) { g.Jobs[0].Company = "rsc1bad" }},
		{Name: "a job of an unknown occupation", Apply: func(g *types.GenesisState) { g.Jobs[0].OccupationId = 9 }},
		{Name: "a job of 0 hours a week", Apply: func(g *types.GenesisState) { g.Jobs[0].HoursPerWeek = 0 }},
		{Name: "an application to an unknown job", Apply: func(g *types.GenesisState) { g.Applications[0].JobId = 7 }},
		{Name: "an application twice", Apply: func(g *types.GenesisState) { g.Applications = append(g.Applications, g.Applications[0]) }},
		{Name: "an employment twice", Apply: func(g *types.GenesisState) { g.Employments = append(g.Employments, g.Employments[0]) }},
		{Name: "an employment id 0", Apply: func(g *types.GenesisState) { g.Employments[0].Id = 0 }},
		{Name: "an employment's bad worker", Apply: func(g *types.GenesisState) { g.Employments[0].Worker = "x" }},
		{Name: "an employment of 200 hours a week", Apply: func(g *types.GenesisState) { g.Employments[0].HoursPerWeek = 200 }},
		{Name: "an employment paid past its week's hours", Apply: func(g *types.GenesisState) { g.Employments[0].WeekPaid = 41 * time.Hour }},
		{Name: "a carry of one ursc", Apply: func(g *types.GenesisState) { g.Employments[0].Carry = math.LegacyOneDec() }},
		{Name: "a rating of an unknown employment", Apply: func(g *types.GenesisState) { g.Ratings[0].EmploymentId = 5 }},
		{Name: "a rating above one", Apply: func(g *types.GenesisState) { g.Ratings[0].Value = math.LegacyNewDec(2) }},
		{Name: "a timesheet of another worker", Apply: func(g *types.GenesisState) { g.Timesheets[0].Worker = g.Jobs[0].Company }},
		{Name: "an empty timesheet", Apply: func(g *types.GenesisState) { g.Timesheets[0].Interval.End = g.Timesheets[0].Interval.Start }},
		{Name: "a payslip twice", Apply: func(g *types.GenesisState) { g.Payslips = append(g.Payslips, g.Payslips[0]) }},
		{Name: "a payslip whose net and tax are not its gross", Apply: func(g *types.GenesisState) { g.Payslips[0].Net = math.NewInt(25) }},
		{Name: "a claim of an unknown payslip", Apply: func(g *types.GenesisState) { g.Claims[0].PayslipId = 3 }},
		{Name: "a claim its payslip does not name", Apply: func(g *types.GenesisState) { g.Payslips[0].ClaimId = 0 }},
		{Name: "claims that do not sum to the totals", Apply: func(g *types.GenesisState) {
			g.Claims[0].Gross, g.Claims[0].Net = math.NewInt(31), math.NewInt(25)
		}},
		{Name: "a claim paid more tax than it carries", Apply: func(g *types.GenesisState) {
			g.Claims[0].PaidTax, g.Claims[0].PaidNet = math.NewInt(7), math.NewInt(3)
		}},
		{Name: "a claim paid in full still on record", Apply: func(g *types.GenesisState) {
			g.Claims[0].PaidGross, g.Claims[0].PaidTax, g.Claims[0].PaidNet = math.NewInt(30), math.NewInt(6), math.NewInt(24)
			g.Totals.Paid, g.Totals.Claimed = math.NewInt(30), math.ZeroInt()
		}},
		{Name: "a claim whose paid parts are not net + tax", Apply: func(g *types.GenesisState) { g.Claims[0].PaidNet = math.NewInt(9) }},
		{Name: "a claim payment twice", Apply: func(g *types.GenesisState) { g.ClaimPayments = append(g.ClaimPayments, g.ClaimPayments[0]) }},
		{Name: "next claim payment id 0", Apply: func(g *types.GenesisState) { g.NextClaimPaymentId = 0 }},
		{Name: "a claim payment of nothing", Apply: func(g *types.GenesisState) {
			g.ClaimPayments[0].Gross, g.ClaimPayments[0].Tax, g.ClaimPayments[0].Net = math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
		}},
		{Name: "a claim payment's bad worker", Apply: func(g *types.GenesisState) { g.ClaimPayments[0].Worker = "x" }},
		{Name: "totals where earned is not paid + claimed", Apply: func(g *types.GenesisState) { g.Totals.Earned = math.NewInt(31) }},
	})
}
