package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

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
	gs.Claims = []types.Claim{{Id: 1, Company: company, Worker: worker, PayslipId: 1, Gross: math.NewInt(30), Tax: math.NewInt(6), Net: math.NewInt(24)}}
	gs.Totals = types.Totals{Earned: math.NewInt(30), Paid: math.ZeroInt(), Claimed: math.NewInt(30)}
	gs.NextOccupationId, gs.NextJobId, gs.NextEmploymentId, gs.NextTimesheetId, gs.NextPayslipId, gs.NextClaimId = 2, 2, 2, 2, 2, 2
	return gs
}

// TestGenesisValidate: every record of a payroll genesis is checked: ids inside their
// sequences and once, addresses, references, amounts; a next id of 0 is refused (it would
// wrap the sequence).
func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	require.NoError(t, validGenesis().Validate())
	cases := []struct {
		name  string
		spoil func(*types.GenesisState)
	}{
		{"next job id 0", func(g *types.GenesisState) { g.NextJobId = 0 }},
		{"next claim id 0", func(g *types.GenesisState) { g.NextClaimId = 0 }},
		{"a job id past its sequence", func(g *types.GenesisState) { g.Jobs[0].Id = 2 }},
		{"a job twice", func(g *types.GenesisState) { g.Jobs = append(g.Jobs, g.Jobs[0]) }},
		{"a job's bad company address", func(g *types.GenesisState) { g.Jobs[0].Company = "rsc1bad" }},
		{"a job of an unknown occupation", func(g *types.GenesisState) { g.Jobs[0].OccupationId = 9 }},
		{"a job of 0 hours a week", func(g *types.GenesisState) { g.Jobs[0].HoursPerWeek = 0 }},
		{"an application to an unknown job", func(g *types.GenesisState) { g.Applications[0].JobId = 7 }},
		{"an application twice", func(g *types.GenesisState) { g.Applications = append(g.Applications, g.Applications[0]) }},
		{"an employment twice", func(g *types.GenesisState) { g.Employments = append(g.Employments, g.Employments[0]) }},
		{"an employment id 0", func(g *types.GenesisState) { g.Employments[0].Id = 0 }},
		{"an employment's bad worker", func(g *types.GenesisState) { g.Employments[0].Worker = "x" }},
		{"an employment of 200 hours a week", func(g *types.GenesisState) { g.Employments[0].HoursPerWeek = 200 }},
		{"an employment paid past its week's hours", func(g *types.GenesisState) { g.Employments[0].WeekPaid = 41 * time.Hour }},
		{"a carry of one ursc", func(g *types.GenesisState) { g.Employments[0].Carry = math.LegacyOneDec() }},
		{"a rating of an unknown employment", func(g *types.GenesisState) { g.Ratings[0].EmploymentId = 5 }},
		{"a rating above one", func(g *types.GenesisState) { g.Ratings[0].Value = math.LegacyNewDec(2) }},
		{"a timesheet of another worker", func(g *types.GenesisState) { g.Timesheets[0].Worker = g.Jobs[0].Company }},
		{"an empty timesheet", func(g *types.GenesisState) { g.Timesheets[0].Interval.End = g.Timesheets[0].Interval.Start }},
		{"a payslip twice", func(g *types.GenesisState) { g.Payslips = append(g.Payslips, g.Payslips[0]) }},
		{"a payslip whose net and tax are not its gross", func(g *types.GenesisState) { g.Payslips[0].Net = math.NewInt(25) }},
		{"a claim of an unknown payslip", func(g *types.GenesisState) { g.Claims[0].PayslipId = 3 }},
		{"a claim its payslip does not name", func(g *types.GenesisState) { g.Payslips[0].ClaimId = 0 }},
		{"claims that do not sum to the totals", func(g *types.GenesisState) {
			g.Claims[0].Gross, g.Claims[0].Net = math.NewInt(31), math.NewInt(25)
		}},
		{"totals where earned is not paid + claimed", func(g *types.GenesisState) { g.Totals.Earned = math.NewInt(31) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := validGenesis()
			tc.spoil(&g)
			require.ErrorIs(t, g.Validate(), types.ErrInvalidGenesis)
		})
	}
}
