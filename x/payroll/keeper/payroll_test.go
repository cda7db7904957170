package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/testutil/region"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/keeper"
	"github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
)

var dec = math.LegacyMustNewDecFromStr

// hour is the test's calendar: hour h of the region's first day.
var hour = region.Hour

type fixture struct {
	t                       *testing.T
	r                       *region.Region
	alice, bob, carol, dave region.Account
	company                 sdk.AccAddress
	q                       types.QueryServer
}

// setup: the Bakery Co-op (alice and bob) with 1,000 RSC, and the occupation "baker":
// 20 to 40 RSC an hour, floor 24.5 RSC under the default wage factors.
func setup(t *testing.T) *fixture {
	r := region.New(t, region.DefaultConfig())
	f := &fixture{t: t, r: r, alice: r.Accounts["alice"], bob: r.Accounts["bob"], carol: r.Accounts["carol"], dave: r.Accounts["dave"],
		company: r.AgentAddr("Bakery Co-op"), q: keeper.NewQueryServerImpl(r.App.PayrollKeeper)}
	r.Pass(r.Assembly(), []region.Account{f.alice, f.bob}, &types.MsgSetOccupation{Authority: r.Assembly(), Occupation: types.Occupation{
		Name: "baker", MinWage: math.NewInt(20_000_000), MaxWage: math.NewInt(40_000_000),
		Training: dec("0.5"), RegionalNeed: dec("0.2"), Stress: dec("0.2"),
	}})
	f.fund(f.company, 1_000_000_000)
	return f
}

// fund gives a company money by a Conductor route (as a purchase would).
func (f *fixture) fund(company sdk.AccAddress, ursc int64) {
	require.NoError(f.t, region.Pay(f.r.Ctx(), f.r.App, router.Purchase, f.carol.Addr, company, math.NewInt(ursc)))
}

// byCompany passes msgs by the votes of all the Bakery's workers.
func (f *fixture) byCompany(msgs ...sdk.Msg) {
	f.r.Pass(f.company.String(), f.workers(f.company), msgs...)
}

// workers are the accounts with a vote in company's group, alice first.
func (f *fixture) workers(company sdk.AccAddress) []region.Account {
	weights := companyWeight(f.t, f.r, company)
	var out []region.Account
	for _, a := range []region.Account{f.alice, f.bob, f.carol, f.dave} {
		if weights[a.String()] == "1" {
			out = append(out, a)
		}
	}
	return out
}

func (f *fixture) postJob(wage int64) uint64 {
	f.byCompany(&types.MsgPostJob{Company: f.company.String(), OccupationId: 1, HoursPerWeek: 40, Wage: math.NewInt(wage), Description: "bread"})
	jobs, err := f.q.Jobs(f.r.Ctx(), &types.QueryJobsRequest{Company: f.company.String()})
	require.NoError(f.t, err)
	return jobs.Jobs[len(jobs.Jobs)-1].Id
}

// hire has person apply to job and the company hire them; it returns the employment.
func (f *fixture) hire(job uint64, person region.Account) types.Employment {
	f.r.MustDeliver(person, &types.MsgApply{Applicant: person.String(), JobId: job, Note: "hello"})
	f.byCompany(&types.MsgHire{Company: f.company.String(), JobId: job, Applicant: person.String()})
	list, err := f.q.Employments(f.r.Ctx(), &types.QueryEmploymentsRequest{Worker: person.String()})
	require.NoError(f.t, err)
	return list.Employments[len(list.Employments)-1]
}

func (f *fixture) payslips(worker region.Account) []types.Payslip {
	res, err := f.q.Payslips(f.r.Ctx(), &types.QueryPayslipsRequest{Worker: worker.String()})
	require.NoError(f.t, err)
	return res.Payslips
}

func (f *fixture) invariantHolds() {
	for _, inv := range []sdk.Invariant{keeper.WagesAccountedInvariant(f.r.App.PayrollKeeper), keeper.IndexesKeptInvariant(f.r.App.PayrollKeeper)} {
		msg, broken := inv(f.r.Ctx())
		require.False(f.t, broken, msg)
	}
}

// TestIndexesKeptInvariantBreaks: an employment missing from an index, a stray index entry,
// or a job filed under another occupation each break indexes-kept.
func TestIndexesKeptInvariantBreaks(t *testing.T) {
	f := setup(t)
	job := f.postJob(30_000_000)
	e := f.hire(job, f.r.Accounts["dave"])
	f.invariantHolds()
	k := f.r.App.PayrollKeeper
	worker, company := f.r.Accounts["dave"].Addr, f.company
	for name, corrupt := range map[string]func(ctx sdk.Context) error{
		"an employment missing from the worker's index": func(ctx sdk.Context) error {
			return k.EmploymentsByWorker.Remove(ctx, collections.Join(worker, e.Id))
		},
		"a stray entry in the company's index": func(ctx sdk.Context) error {
			return k.EmploymentsByCompany.Set(ctx, collections.Join(company, e.Id+7))
		},
		"a job under another occupation": func(ctx sdk.Context) error {
			return k.JobsByOccupation.Set(ctx, collections.Join(uint64(99), job))
		},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, _ := f.r.Ctx().CacheContext()
			require.NoError(t, corrupt(ctx))
			msg, broken := keeper.IndexesKeptInvariant(k)(ctx)
			require.True(t, broken, msg)
		})
	}
}

// TestPayOverPeriods: dave is hired at 30 RSC/h. A confirmed timesheet of exactly half an
// hour, a shift open across the hour boundary, and a quit mid-period are each paid for
// exactly the work inside each period, with income tax withheld to the treasury, by the pay
// run in EndBlock without any transaction.
func TestPayOverPeriods(t *testing.T) {
	f := setup(t)
	r := f.r
	e := f.hire(f.postJob(30_000_000), f.dave)
	require.Equal(t, "1", companyWeight(t, r, f.company)[f.dave.String()], "a hired worker gets a vote in the co-op")
	treasury := r.AgentAddr("Regional treasury")
	daveStart, treasuryStart, companyStart := r.Balance(f.dave.Addr), r.Balance(treasury), r.Balance(f.company)

	// Period 1 (01:00-02:00): a timesheet of 01:10-01:40, recorded by the company, confirmed by dave.
	r.At(hour(1.75))
	f.byCompany(&types.MsgRecordTimesheet{Company: f.company.String(), EmploymentId: e.Id, Start: hour(1 + 10.0/60), End: hour(1 + 40.0/60), Reason: "forgot to clock in"})
	pending, err := f.q.Timesheets(r.Ctx(), &types.QueryTimesheetsRequest{Worker: f.dave.String()})
	require.NoError(t, err)
	require.Len(t, pending.Timesheets, 1)
	require.Equal(t, "forgot to clock in", pending.Timesheets[0].Reason)
	require.Equal(t, f.company.String(), pending.Timesheets[0].RecordedBy)
	r.MustDeliver(f.dave, &types.MsgConfirmTimesheet{Worker: f.dave.String(), TimesheetId: pending.Timesheets[0].Id})
	pending, err = f.q.Timesheets(r.Ctx(), &types.QueryTimesheetsRequest{Worker: f.dave.String()})
	require.NoError(t, err)
	require.Empty(t, pending.Timesheets)
	r.At(hour(2)) // the boundary: the pay run settles 01:00-02:00
	slips := f.payslips(f.dave)
	require.Len(t, slips, 1)
	require.Equal(t, hour(1), slips[0].PeriodStart)
	require.Equal(t, hour(2), slips[0].PeriodEnd)
	require.Equal(t, uint64(1800), slips[0].SecondsWorked)
	require.Equal(t, int64(15_000_000), slips[0].Gross.Int64())
	require.Equal(t, int64(3_000_000), slips[0].Tax.Int64()) // 20% income tax
	require.Equal(t, int64(12_000_000), slips[0].Net.Int64())
	require.Equal(t, daveStart.AddRaw(12_000_000), r.Balance(f.dave.Addr))
	require.Equal(t, treasuryStart.AddRaw(3_000_000), r.Balance(treasury))
	require.Equal(t, companyStart.SubRaw(15_000_000), r.Balance(f.company))

	// Period 3 (03:00-04:00) and 4: clocked in at 03:30, out at 04:15.
	r.DeliverAt(hour(3.5), f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	r.At(hour(4)) // the open shift's half hour inside period 3 is paid
	slips = f.payslips(f.dave)
	require.Len(t, slips, 2)
	require.Equal(t, hour(3), slips[0].PeriodStart, "newest first")
	require.Equal(t, int64(15_000_000), slips[0].Gross.Int64())
	r.DeliverAt(hour(4.25), f.dave, &types.MsgClockOut{Worker: f.dave.String(), EmploymentId: e.Id})
	r.At(hour(5))
	slips = f.payslips(f.dave)
	require.Len(t, slips, 3)
	require.Equal(t, hour(4), slips[0].PeriodStart)
	require.Equal(t, int64(7_500_000), slips[0].Gross.Int64())

	// Nothing is paid twice: more blocks in the same period change nothing.
	r.At(hour(5.5))
	require.Len(t, f.payslips(f.dave), 3)

	// Period 6: clocked in at 06:10, quits at 06:40: the half hour is paid at once.
	r.DeliverAt(hour(6+10.0/60), f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	r.NextBlock(30*time.Minute - time.Second)
	r.MustDeliver(f.dave, &types.MsgQuit{Worker: f.dave.String(), EmploymentId: e.Id})
	slips = f.payslips(f.dave)
	require.Len(t, slips, 4)
	require.Equal(t, hour(6+40.0/60), slips[0].PeriodEnd, "a partial period ends at the quit")
	require.Equal(t, int64(15_000_000), slips[0].Gross.Int64())
	_, err = f.q.Employment(r.Ctx(), &types.QueryEmploymentRequest{Id: e.Id})
	require.ErrorIs(t, err, types.ErrUnknownEmployment)
	require.NotContains(t, companyWeight(t, r, f.company), f.dave.String(), "leaving the job ends the vote hiring gave")

	paid := int64(15_000_000 + 15_000_000 + 7_500_000 + 15_000_000)
	require.Equal(t, companyStart.SubRaw(paid), r.Balance(f.company))
	require.Equal(t, daveStart.AddRaw(paid-paid/5), r.Balance(f.dave.Addr))
	require.Equal(t, treasuryStart.AddRaw(paid/5), r.Balance(treasury))
	books, err := r.App.MarketKeeper.Books.Get(r.Ctx(), f.company)
	require.NoError(t, err)
	require.Equal(t, paid, books.WageCosts.Int64(), "the gross wages are booked as the company's costs")
	f.invariantHolds()
}

func companyWeight(t *testing.T, r *region.Region, company sdk.AccAddress) map[string]string {
	agent, err := r.App.MembershipKeeper.GetAgent(r.Ctx(), company)
	require.NoError(t, err)
	res, err := r.App.GroupKeeper.GroupMembers(r.Ctx(), &group.QueryGroupMembersRequest{GroupId: agent.GroupId})
	require.NoError(t, err)
	out := map[string]string{}
	for _, m := range res.Members {
		out[m.Member.Address] = m.Member.Weight
	}
	return out
}

// TestClaims: a company that cannot pay owes the wages as claims; when money arrives the
// claims are paid first, oldest first, before current wages.
func TestClaims(t *testing.T) {
	f := setup(t)
	r := f.r
	res := r.MustDeliver(f.carol, &membershiptypes.MsgFoundCompany{Founder: f.carol.String(), Name: "Empty Co-op", Workers: []string{f.carol.String()}})
	require.Zero(t, res.Code)
	empty := r.AgentAddr("Empty Co-op")
	r.Pass(empty.String(), []region.Account{f.carol}, &types.MsgPostJob{Company: empty.String(), OccupationId: 1, HoursPerWeek: 10, Wage: math.NewInt(30_000_000), Description: "x"})
	r.MustDeliver(f.dave, &types.MsgApply{Applicant: f.dave.String(), JobId: 1})
	r.Pass(empty.String(), []region.Account{f.carol}, &types.MsgHire{Company: empty.String(), JobId: 1, Applicant: f.dave.String()})
	both := []region.Account{f.carol, f.dave}
	daveStart := r.Balance(f.dave.Addr)

	work := func(from, to float64) {
		r.Pass(empty.String(), both, &types.MsgRecordTimesheet{Company: empty.String(), EmploymentId: 1, Start: hour(from), End: hour(to), Reason: "shift"})
		ts, err := r.App.PayrollKeeper.TimesheetSeq.Peek(r.Ctx())
		require.NoError(t, err)
		r.MustDeliver(f.dave, &types.MsgConfirmTimesheet{Worker: f.dave.String(), TimesheetId: ts})
	}
	claims := func() []types.Claim {
		res, err := f.q.Claims(r.Ctx(), &types.QueryClaimsRequest{Company: empty.String()})
		require.NoError(t, err)
		return res.Claims
	}
	r.At(hour(1.5))
	work(1, 1.5) // 15 RSC
	r.At(hour(2))
	r.At(hour(2.5))
	work(2, 2.25) // 7.5 RSC
	r.At(hour(3))
	require.Len(t, claims(), 2)
	require.Equal(t, daveStart, r.Balance(f.dave.Addr), "nothing paid")
	f.invariantHolds()
	run, err := f.q.PayRun(r.Ctx(), &types.QueryPayRunRequest{})
	require.NoError(t, err)
	require.Equal(t, int64(22_500_000), run.Totals.Claimed.Int64())

	// Money for the first claim only: it is paid at the next run, the second waits.
	f.fund(empty, 15_000_000)
	r.At(hour(3.5))
	work(3, 3.1)
	r.At(hour(4))
	left := claims()
	require.Len(t, left, 2, "the second claim and the new period are owed")
	require.Equal(t, int64(7_500_000), left[0].Gross.Int64())
	require.Equal(t, daveStart.AddRaw(12_000_000), r.Balance(f.dave.Addr))
	f.invariantHolds()

	f.fund(empty, 100_000_000)
	r.At(hour(4.5))
	work(4, 4.5)
	r.At(hour(5))
	require.Empty(t, claims())
	for _, s := range f.payslips(f.dave) {
		require.Zero(t, s.ClaimId, "payslip %d paid", s.Id)
		require.Positive(t, s.PaidHeight)
	}
	total := int64(15_000_000 + 7_500_000 + 3_000_000 + 15_000_000)
	require.Equal(t, daveStart.AddRaw(total-total/5), r.Balance(f.dave.Addr))
	books, err := r.App.MarketKeeper.Books.Get(r.Ctx(), empty)
	require.NoError(t, err)
	require.Equal(t, total, books.WageCosts.Int64(), "wages owed as claims are costs when earned, once")
	f.invariantHolds()
}

// TestPayRunIsBounded: with at most one payment per block, three workers are paid in three
// blocks, each once.
func TestPayRunIsBounded(t *testing.T) {
	f := setup(t)
	r := f.r
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	params.MaxPayoutsPerBlock = 1
	r.Pass(r.Assembly(), []region.Account{f.alice, f.bob}, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	job := f.postJob(30_000_000)
	var emps []types.Employment
	for _, w := range []region.Account{f.carol, f.dave, f.alice} {
		emps = append(emps, f.hire(job, w))
	}
	r.At(hour(1.5))
	for _, e := range emps {
		f.byCompany(&types.MsgRecordTimesheet{Company: f.company.String(), EmploymentId: e.Id, Start: hour(1.1), End: hour(1.2), Reason: "shift"})
	}
	for i, w := range []region.Account{f.carol, f.dave, f.alice} {
		r.MustDeliver(w, &types.MsgConfirmTimesheet{Worker: w.String(), TimesheetId: uint64(i + 1)})
	}
	r.At(hour(2))
	run, err := f.q.PayRun(r.Ctx(), &types.QueryPayRunRequest{})
	require.NoError(t, err)
	require.True(t, run.Sweep.Active, "one block is not enough")
	r.NextBlock(time.Second)
	r.NextBlock(time.Second)
	run, err = f.q.PayRun(r.Ctx(), &types.QueryPayRunRequest{})
	require.NoError(t, err)
	require.False(t, run.Sweep.Active)
	require.Equal(t, uint64(3), run.Sweep.Blocks)
	for _, w := range []region.Account{f.carol, f.dave, f.alice} {
		require.Len(t, f.payslips(w), 1, w.Name)
	}
	r.NextBlock(time.Second)
	for _, w := range []region.Account{f.carol, f.dave, f.alice} {
		require.Len(t, f.payslips(w), 1, "paid once: %s", w.Name)
	}
	f.invariantHolds()
}

// TestPeerProductivity: co-workers' ratings place a worker's wage; the median counts.
func TestPeerProductivity(t *testing.T) {
	f := setup(t)
	r := f.r
	job := f.postJob(30_000_000)
	eDave, eCarol, eAlice := f.hire(job, f.dave), f.hire(job, f.carol), f.hire(job, f.alice)
	_ = eAlice
	rate := func(rater region.Account, p string) *types.MsgRateCoworker {
		return &types.MsgRateCoworker{Rater: rater.String(), EmploymentId: eDave.Id, Productivity: dec(p)}
	}
	r.MustDeliver(f.carol, rate(f.carol, "1"))
	e, err := r.App.PayrollKeeper.Employment(r.Ctx(), eDave.Id)
	require.NoError(t, err)
	require.Equal(t, int64(40_000_000), e.Wage.Int64())
	r.MustDeliver(f.alice, rate(f.alice, "0"))
	e, _ = r.App.PayrollKeeper.Employment(r.Ctx(), eDave.Id)
	require.Equal(t, int64(32_250_000), e.Wage.Int64(), "median of 0 and 1 is 0.5")

	for name, tc := range map[string]struct {
		signer region.Account
		msg    sdk.Msg
		want   error
	}{
		"rating oneself":     {f.dave, rate(f.dave, "1"), types.ErrNotCoworker},
		"not a co-worker":    {f.bob, rate(f.bob, "1"), types.ErrNotCoworker},
		"above one":          {f.carol, rate(f.carol, "1.1"), types.ErrInvalidRating},
		"negative":           {f.carol, rate(f.carol, "-0.1"), types.ErrInvalidRating},
		"unknown employment": {f.carol, &types.MsgRateCoworker{Rater: f.carol.String(), EmploymentId: 99, Productivity: dec("0.5")}, types.ErrUnknownEmployment},
	} {
		res := r.Deliver(tc.signer, tc.msg)
		require.NotZero(t, res.Code, name)
		require.Contains(t, res.Log, tc.want.Error(), name)
	}
	_ = eCarol
}

// TestManagerHires: the co-op delegates hiring to bob with an authz grant; bob hires alone.
func TestManagerHires(t *testing.T) {
	f := setup(t)
	r := f.r
	job := f.postJob(30_000_000)
	grant, err := authz.NewGrant(r.Time, authz.NewGenericAuthorization(sdk.MsgTypeURL(&types.MsgHire{})), nil)
	require.NoError(t, err)
	f.byCompany(&authz.MsgGrant{Granter: f.company.String(), Grantee: f.bob.String(), Grant: grant})
	r.MustDeliver(f.dave, &types.MsgApply{Applicant: f.dave.String(), JobId: job})
	exec := authz.NewMsgExec(f.bob.Addr, []sdk.Msg{&types.MsgHire{Company: f.company.String(), JobId: job, Applicant: f.dave.String()}})
	r.MustDeliver(f.bob, &exec)
	list, err := f.q.Employments(r.Ctx(), &types.QueryEmploymentsRequest{Worker: f.dave.String()})
	require.NoError(t, err)
	require.Len(t, list.Employments, 1)
	// Without the grant, carol cannot do the same.
	r.MustDeliver(f.carol, &types.MsgApply{Applicant: f.carol.String(), JobId: job})
	exec = authz.NewMsgExec(f.carol.Addr, []sdk.Msg{&types.MsgHire{Company: f.company.String(), JobId: job, Applicant: f.carol.String()}})
	require.NotZero(t, r.Deliver(f.carol, &exec).Code)
}

// TestBadInput: every rule refuses with its registered error, and nothing panics.
func TestBadInput(t *testing.T) {
	f := setup(t)
	r := f.r
	job := f.postJob(30_000_000)
	e := f.hire(job, f.dave)
	r.MustDeliver(f.carol, &types.MsgApply{Applicant: f.carol.String(), JobId: job})
	co := f.company.String()
	r.At(hour(2))
	direct := []struct {
		name   string
		signer region.Account
		msg    sdk.Msg
		want   error
	}{
		{"occupation without the assembly", f.alice, &types.MsgSetOccupation{Authority: f.alice.String(), Occupation: types.Occupation{Name: "x"}}, membershiptypes.ErrUnauthorized},
		{"apply twice", f.carol, &types.MsgApply{Applicant: f.carol.String(), JobId: job}, types.ErrAlreadyApplied},
		{"apply to an unknown job", f.carol, &types.MsgApply{Applicant: f.carol.String(), JobId: 99}, types.ErrUnknownJob},
		{"clock out without clocking in", f.dave, &types.MsgClockOut{Worker: f.dave.String(), EmploymentId: e.Id}, types.ErrNotClockedIn},
		{"clock in on another's job", f.carol, &types.MsgClockIn{Worker: f.carol.String(), EmploymentId: e.Id}, types.ErrNotYours},
		{"clock in on an unknown job", f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: 99}, types.ErrUnknownEmployment},
		{"quit another's job", f.carol, &types.MsgQuit{Worker: f.carol.String(), EmploymentId: e.Id}, types.ErrNotYours},
		{"confirm an unknown timesheet", f.dave, &types.MsgConfirmTimesheet{Worker: f.dave.String(), TimesheetId: 99}, types.ErrUnknownTimesheet},
		{"a person posts a job", f.dave, &types.MsgPostJob{Company: f.dave.String(), OccupationId: 1, HoursPerWeek: 1, Wage: math.NewInt(30_000_000)}, membershiptypes.ErrUnknownAgent},
	}
	for _, tc := range direct {
		res := r.Deliver(tc.signer, tc.msg)
		require.NotZero(t, res.Code, tc.name)
		require.Contains(t, res.Log, tc.want.Error(), tc.name)
	}
	r.MustDeliver(f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	res := r.Deliver(f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	require.Contains(t, res.Log, types.ErrAlreadyClockedIn.Error(), "clocking in twice")

	byCompany := []struct {
		name string
		msg  sdk.Msg
		want error
	}{
		{"wage below the floor", &types.MsgPostJob{Company: co, OccupationId: 1, HoursPerWeek: 40, Wage: math.NewInt(24_499_999)}, types.ErrWageOutOfRange},
		{"wage above the range", &types.MsgPostJob{Company: co, OccupationId: 1, HoursPerWeek: 40, Wage: math.NewInt(40_000_001)}, types.ErrWageOutOfRange},
		{"unknown occupation", &types.MsgPostJob{Company: co, OccupationId: 9, HoursPerWeek: 40, Wage: math.NewInt(30_000_000)}, types.ErrUnknownOccupation},
		{"no hours", &types.MsgPostJob{Company: co, OccupationId: 1, HoursPerWeek: 0, Wage: math.NewInt(30_000_000)}, types.ErrInvalidJob},
		{"hire someone who did not apply", &types.MsgHire{Company: co, JobId: job, Applicant: f.bob.String()}, types.ErrNotApplied},
		{"hire the company itself", &types.MsgHire{Company: co, JobId: job, Applicant: co}, types.ErrSelfHire},
		{"hire a company", &types.MsgHire{Company: co, JobId: job, Applicant: r.Agent("Regional Public Bank").Address}, membershiptypes.ErrNotPerson},
		{"hire into an unknown job", &types.MsgHire{Company: co, JobId: 99, Applicant: f.carol.String()}, types.ErrUnknownJob},
		{"dismiss an unknown employment", &types.MsgDismiss{Company: co, EmploymentId: 99}, types.ErrUnknownEmployment},
		{"timesheet in the future", &types.MsgRecordTimesheet{Company: co, EmploymentId: e.Id, Start: hour(2.9), End: hour(100), Reason: "x"}, types.ErrInvalidInterval},
		{"timesheet ending before it starts", &types.MsgRecordTimesheet{Company: co, EmploymentId: e.Id, Start: hour(2.1), End: hour(2.05), Reason: "x"}, types.ErrInvalidInterval},
		{"timesheet in a paid period", &types.MsgRecordTimesheet{Company: co, EmploymentId: e.Id, Start: hour(0.5), End: hour(0.6), Reason: "x"}, types.ErrInvalidInterval},
		{"timesheet overlapping the open shift", &types.MsgRecordTimesheet{Company: co, EmploymentId: e.Id, Start: hour(2.0001), End: r.Time, Reason: "x"}, types.ErrOverlap},
		{"timesheet without a reason", &types.MsgRecordTimesheet{Company: co, EmploymentId: e.Id, Start: hour(2.0001), End: hour(2.0002)}, types.ErrInvalidInterval},
	}
	for _, tc := range byCompany {
		result, logs := r.Decide(co, f.workers(f.company), tc.msg)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result, tc.name)
		require.Contains(t, logs, tc.want.Error(), tc.name)
	}
	f.invariantHolds()
}

// TestDismissPaysWorked: dismissed mid-period, a worker is paid at once for the work done,
// open shift included, and the reason is recorded in the event.
func TestDismissPaysWorked(t *testing.T) {
	f := setup(t)
	r := f.r
	e := f.hire(f.postJob(30_000_000), f.dave)
	r.DeliverAt(hour(1.5), f.dave, &types.MsgClockIn{Worker: f.dave.String(), EmploymentId: e.Id})
	f.byCompany(&types.MsgRecordTimesheet{Company: f.company.String(), EmploymentId: e.Id, Start: hour(1.1), End: hour(1.2), Reason: "never confirmed"})
	r.At(hour(1.75))
	id := r.Propose(f.alice, f.company.String(), &types.MsgDismiss{Company: f.company.String(), EmploymentId: e.Id, Reason: "the bakery closes"})
	r.Vote(id, group.VOTE_OPTION_YES, f.alice, f.bob)
	result, logs := r.Exec(id, f.alice)
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
	slips := f.payslips(f.dave)
	require.Len(t, slips, 1)
	worked := r.Time.Sub(hour(1.5))
	require.Equal(t, uint64(worked/time.Second), slips[0].SecondsWorked, "the open shift up to the dismissal")
	gross, _, _, _ := types.Pay(math.NewInt(30_000_000), math.LegacyNewDec(int64(worked)).QuoInt64(int64(time.Hour)), math.LegacyZeroDec(), dec("0.2"))
	require.Equal(t, gross, slips[0].Gross)
	_, err := f.q.Employment(r.Ctx(), &types.QueryEmploymentRequest{Id: e.Id})
	require.ErrorIs(t, err, types.ErrUnknownEmployment)
	pending, err := f.q.Timesheets(r.Ctx(), &types.QueryTimesheetsRequest{Worker: f.dave.String()})
	require.NoError(t, err)
	require.Empty(t, pending.Timesheets, "an ended job's unconfirmed timesheets go with it")
	f.invariantHolds()
}

// TestPayRunSpreads: a pay run is spread over the first three quarters of the period at the
// pace the block interval allows (the employments left over the blocks left), never below an
// eighth of the cap nor above the cap, and is over by its deadline when the cap allows.
func TestPayRunSpreads(t *testing.T) {
	cases := []struct {
		name     string
		interval time.Duration
		cap      uint32
		second   int // payments in the run's second block (the first pays the floor)
	}{
		{"1 s blocks: the floor, an eighth of the cap", time.Second, 16, 2}, // ceil(98 / 2699) < 2
		{"60 s blocks: 44 blocks left", time.Minute, 16, 3},                 // ceil(98 / 44)
		{"7 min blocks: the cap", 7 * time.Minute, 16, 16},                  // ceil(98 / 5) > 16
		{"1 s blocks, a cap of 1", time.Second, 1, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := region.New(t, region.DefaultConfig())
			params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
			require.NoError(t, err)
			params.MaxPayoutsPerBlock = tc.cap
			r.Pass(r.Assembly(), []region.Account{r.Accounts["alice"], r.Accounts["bob"]}, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
			employ(t, r, 100)
			next := r.Time.Truncate(time.Hour).Add(time.Hour)
			r.At(next.Add(-tc.interval))
			paid := func() int {
				totals, err := r.App.PayrollKeeper.Totals.Get(r.Ctx())
				require.NoError(t, err)
				return int(totals.Paid.Int64() / 15_000_000)
			}
			floor := max(int(tc.cap)/8, 1)
			r.At(next)
			require.Equal(t, floor, paid())
			r.NextBlock(tc.interval)
			require.Equal(t, floor+tc.second, paid())
			for before := paid(); before < 100; before = paid() {
				r.NextBlock(tc.interval)
				n := paid() - before
				require.LessOrEqual(t, n, int(tc.cap))
				require.GreaterOrEqual(t, n, min(floor, 100-before))
			}
			sweep, err := r.App.PayrollKeeper.Sweep.Get(r.Ctx())
			require.NoError(t, err)
			require.False(t, sweep.Active)
			if int(tc.cap)*int(45*time.Minute/tc.interval) >= 100 {
				require.False(t, r.Time.After(next.Add(45*time.Minute)), "over by the deadline")
			}
		})
	}
}
