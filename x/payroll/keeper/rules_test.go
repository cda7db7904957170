package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/testutil/region"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// postJobHours posts a baker's job of hoursPerWeek at 30 RSC/h.
func (f *fixture) postJobHours(hoursPerWeek uint32) uint64 {
	f.byCompany(&types.MsgPostJob{Company: f.company.String(), OccupationId: 1, HoursPerWeek: hoursPerWeek, Wage: math.NewInt(30_000_000), Description: "bread"})
	jobs, err := f.q.Jobs(f.r.Ctx(), &types.QueryJobsRequest{Company: f.company.String()})
	require.NoError(f.t, err)
	return jobs.Jobs[len(jobs.Jobs)-1].Id
}

// paidSeconds sums the seconds of work the worker's payslips paid.
func (f *fixture) paidSeconds(worker region.Account) uint64 {
	var s uint64
	for _, slip := range f.payslips(worker) {
		s += slip.SecondsWorked
	}
	return s
}

// TestNoDoublePay: the co-op hires dave for two of its jobs, and a second co-op hires him
// too. The same time can be worked, and so paid, in one employment only: clocking in while
// clocked in elsewhere, and timesheets (recorded or confirmed) over work of another
// employment, are refused, at the same company and across companies.
func TestNoDoublePay(t *testing.T) {
	f := setup(t)
	r := f.r
	dave := f.dave
	one, two := f.hire(f.postJobHours(40), dave), f.hire(f.postJobHours(40), dave)
	r.MustDeliver(f.carol, &membershiptypes.MsgFoundCompany{Founder: f.carol.String(), Name: "Bike Co-op", Workers: []string{f.carol.String()}})
	bike := r.AgentAddr("Bike Co-op")
	f.fund(bike, 100_000_000)
	r.Pass(bike.String(), []region.Account{f.carol}, &types.MsgPostJob{Company: bike.String(), OccupationId: 1, HoursPerWeek: 40, Wage: math.NewInt(30_000_000), Description: "wheels"})
	jobs, err := f.q.Jobs(r.Ctx(), &types.QueryJobsRequest{Company: bike.String()})
	require.NoError(t, err)
	r.MustDeliver(dave, &types.MsgApply{Applicant: dave.String(), JobId: jobs.Jobs[0].Id})
	r.Pass(bike.String(), []region.Account{f.carol}, &types.MsgHire{Company: bike.String(), JobId: jobs.Jobs[0].Id, Applicant: dave.String()})
	list, err := f.q.Employments(r.Ctx(), &types.QueryEmploymentsRequest{Worker: dave.String()})
	require.NoError(t, err)
	other := list.Employments[len(list.Employments)-1]
	require.Equal(t, bike.String(), other.Company)

	clockIn := func(e types.Employment) *types.MsgClockIn {
		return &types.MsgClockIn{Worker: dave.String(), EmploymentId: e.Id}
	}
	clockOut := func(e types.Employment) *types.MsgClockOut {
		return &types.MsgClockOut{Worker: dave.String(), EmploymentId: e.Id}
	}
	timesheet := func(e types.Employment, from, to float64) *types.MsgRecordTimesheet {
		return &types.MsgRecordTimesheet{Company: e.Company, EmploymentId: e.Id, Start: hour(from), End: hour(to), Reason: "forgot"}
	}
	record := func(msg *types.MsgRecordTimesheet) (bool, string) {
		var voters []region.Account
		if msg.Company == bike.String() {
			voters = []region.Account{f.carol, dave}
		} else {
			voters = f.workers(f.company)
		}
		res, logs := r.Decide(msg.Company, voters, msg)
		return res == group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, logs
	}

	// 01:00-01:30 dave works job one.
	r.DeliverAt(hour(1), dave, clockIn(one))
	r.At(hour(1.3))
	for _, e := range []types.Employment{two, other} {
		res := r.Deliver(dave, clockIn(e))
		require.NotZero(t, res.Code, "clocked in twice, employment %d", e.Id)
		require.Contains(t, res.Log, types.ErrOverlap.Error())
	}
	ok, logs := record(timesheet(two, 1.1, 1.2))
	require.False(t, ok, "over the open shift at the same company")
	require.Contains(t, logs, types.ErrOverlap.Error())
	r.DeliverAt(hour(1.5), dave, clockOut(one))
	r.At(hour(1.8))

	refused := []struct {
		name string
		msg  *types.MsgRecordTimesheet
	}{
		{"the same half hour, another job of the co-op", timesheet(two, 1, 1.5)},
		{"a part of it, another job of the co-op", timesheet(two, 1.25, 1.75)},
		{"around it, another co-op", timesheet(other, 1, 1.6)},
	}
	for _, tc := range refused {
		ok, logs := record(tc.msg)
		require.False(t, ok, tc.name)
		require.Contains(t, logs, types.ErrOverlap.Error(), tc.name)
	}
	// Work beside it is fine; a timesheet recorded before the overlapping work exists is
	// refused when dave confirms it.
	ok, logs = record(timesheet(two, 1.5, 1.75))
	require.True(t, ok, logs)
	ok, logs = record(timesheet(other, 1.6, 1.7))
	require.True(t, ok, logs)
	pending, err := f.q.Timesheets(r.Ctx(), &types.QueryTimesheetsRequest{Worker: dave.String()})
	require.NoError(t, err)
	require.Len(t, pending.Timesheets, 2)
	for _, ts := range pending.Timesheets {
		if ts.EmploymentId == two.Id {
			r.MustDeliver(dave, &types.MsgConfirmTimesheet{Worker: dave.String(), TimesheetId: ts.Id})
		}
	}
	for _, ts := range pending.Timesheets {
		if ts.EmploymentId == other.Id {
			res := r.Deliver(dave, &types.MsgConfirmTimesheet{Worker: dave.String(), TimesheetId: ts.Id})
			require.NotZero(t, res.Code, "confirming over work confirmed since")
			require.Contains(t, res.Log, types.ErrOverlap.Error())
		}
	}

	// The pay run pays 45 minutes, once: 30 on job one, 15 on job two.
	r.At(hour(2))
	r.At(hour(2.5))
	require.Equal(t, uint64(45*60), f.paidSeconds(dave))
	// Once one employment is settled through 02:00, work before it cannot be added to another.
	ok, logs = record(timesheet(other, 1.8, 1.9))
	require.False(t, ok)
	require.Contains(t, logs, types.ErrInvalidInterval.Error())
	f.invariantHolds()
}

// TestHoursPerWeek: a job of one hour a week pays at most one hour of its employment's work
// in a week (Monday 00:00 UTC to the next): a timesheet beyond it and a clock-in once the
// hour is worked are refused, and an open shift left running 29 hours in a later week is
// paid one hour, the rest reported as unpaid (EventHoursOverWeek). Each week starts afresh.
func TestHoursPerWeek(t *testing.T) {
	f := setup(t)
	r := f.r
	e := f.hire(f.postJobHours(1), f.dave)
	require.Equal(t, uint32(1), e.HoursPerWeek)
	ok := func(msg sdk.Msg) (bool, string) {
		res, logs := r.Decide(f.company.String(), f.workers(f.company), msg)
		return res == group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, logs
	}
	// 40 minutes clocked in in the first hour, then a timesheet of 30 more: refused.
	r.DeliverAt(hour(1), f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	r.DeliverAt(hour(1+40.0/60), f.dave, &types.MsgClockOut{Worker: f.dave.String(), EmploymentId: e.Id})
	r.At(hour(2.75))
	passed, logs := ok(&types.MsgRecordTimesheet{Company: f.company.String(), EmploymentId: e.Id, Start: hour(2), End: hour(2.5), Reason: "30 minutes"})
	require.False(t, passed)
	require.Contains(t, logs, types.ErrHoursPerWeek.Error())
	passed, logs = ok(&types.MsgRecordTimesheet{Company: f.company.String(), EmploymentId: e.Id, Start: hour(2), End: hour(2 + 20.0/60), Reason: "20 minutes"})
	require.True(t, passed, logs)
	ts, err := f.q.Timesheets(r.Ctx(), &types.QueryTimesheetsRequest{Worker: f.dave.String()})
	require.NoError(t, err)
	r.MustDeliver(f.dave, &types.MsgConfirmTimesheet{Worker: f.dave.String(), TimesheetId: ts.Timesheets[0].Id})
	r.At(hour(3))
	require.Equal(t, uint64(3600), f.paidSeconds(f.dave), "the week's hour")
	res := r.Deliver(f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	require.NotZero(t, res.Code)
	require.Contains(t, res.Log, types.ErrHoursPerWeek.Error())

	// Another week (Monday 2026-01-12), a shift left open 29 hours: one hour is paid.
	week2 := time.Date(2026, 1, 12, 3, 0, 0, 0, time.UTC)
	r.DeliverAt(week2, f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	for h := 1; h < 29; h++ {
		r.At(week2.Add(time.Duration(h) * time.Hour))
	}
	r.DeliverAt(week2.Add(29*time.Hour), f.dave, &types.MsgClockOut{Worker: f.dave.String(), EmploymentId: e.Id})
	r.At(week2.Add(30 * time.Hour))
	require.Equal(t, uint64(2*3600), f.paidSeconds(f.dave), "one hour paid, not 29")

	res = r.Deliver(f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	require.Contains(t, res.Log, types.ErrHoursPerWeek.Error())

	// The next Monday opens a new week: another hour.
	monday := time.Date(2026, 1, 19, 9, 0, 0, 0, time.UTC)
	r.DeliverAt(monday, f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	r.DeliverAt(monday.Add(2*time.Hour), f.dave, &types.MsgClockOut{Worker: f.dave.String(), EmploymentId: e.Id})
	r.At(monday.Add(3 * time.Hour))
	require.Equal(t, uint64(3*3600), f.paidSeconds(f.dave))
	f.invariantHolds()
}

// TestTaxChangeFromNextPeriod: the assembly raises the income tax at 01:30; the period
// 01:00-02:00 that was open then is taxed at the old rate, the next one at the new.
func TestTaxChangeFromNextPeriod(t *testing.T) {
	f := setup(t)
	r := f.r
	e := f.hire(f.postJob(30_000_000), f.dave)
	r.DeliverAt(hour(1), f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	r.At(hour(1.5))
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	params.IncomeTaxRate = dec("0.5")
	r.Pass(r.Assembly(), []region.Account{f.alice, f.bob}, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	r.At(hour(2))
	r.At(hour(3))
	slips := f.payslips(f.dave)
	require.Len(t, slips, 2)
	require.Equal(t, hour(2), slips[0].PeriodStart)
	require.Equal(t, int64(15_000_000), slips[0].Tax.Int64(), "the new rate from the next period: 50% of 30 RSC")
	require.Equal(t, hour(1), slips[1].PeriodStart)
	require.Equal(t, int64(6_000_000), slips[1].Tax.Int64(), "the period open during the vote keeps 20%")
	f.invariantHolds()
}

// TestPayRunPostponesFailures: three employments in one batch fail to settle (their company
// address is unreadable: a corrupted record). They are postponed in state, and the rest of
// the run pays everyone else in the same block, instead of stalling block after block.
func TestPayRunPostponesFailures(t *testing.T) {
	f := setup(t)
	r := f.r
	job := f.postJob(30_000_000)
	first := f.hire(job, f.dave)
	ctx := r.Ctx()
	for id := first.Id + 1; id <= first.Id+3; id++ {
		bad := first
		bad.Id, bad.Company = id, "rsc1corrupted"
		require.NoError(t, r.App.PayrollKeeper.Employments.Set(ctx, id, bad))
	}
	require.NoError(t, r.App.PayrollKeeper.EmploymentSeq.Set(ctx, first.Id+3))
	last := f.hire(job, f.carol)
	require.Equal(t, first.Id+4, last.Id)
	r.DeliverAt(hour(1), f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: first.Id})
	r.DeliverAt(hour(1).Add(time.Second), f.carol, &types.MsgClockIn{Worker: f.carol.String(), EmploymentId: last.Id})
	r.At(hour(2))
	sweep, err := r.App.PayrollKeeper.Sweep.Get(r.Ctx())
	require.NoError(t, err)
	require.False(t, sweep.Active, "the run finished in its first block")
	require.Empty(t, sweep.Postponed, "a finished run clears its postponements (the three wait for the next run)")
	require.Equal(t, uint64(3600), f.paidSeconds(f.dave), "the employment before the failures is paid")
	require.Equal(t, uint64(3599), f.paidSeconds(f.carol), "and the one after them, in the same run")
}
