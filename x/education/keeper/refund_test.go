package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/testutil/region"
	dividendtypes "github.com/conductor-coop/conductor/x/dividend/types"
	"github.com/conductor-coop/conductor/x/education/keeper"
	"github.com/conductor-coop/conductor/x/education/types"
	marketkeeper "github.com/conductor-coop/conductor/x/market/keeper"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	"github.com/conductor-coop/conductor/x/router"
)

const tuition = 6_250_000 // a term of the Carpentry program (see program)

func (f *fixture) books() markettypes.Books {
	res, err := marketkeeper.NewQueryServerImpl(f.r.App.MarketKeeper).Books(f.r.Ctx(), &markettypes.QueryBooksRequest{Company: f.school.String()})
	require.NoError(f.t, err)
	return res.Books
}

func (f *fixture) withdraw(at time.Time, who region.Account) {
	f.t.Helper()
	e := f.student(who).Enrollments[0]
	f.r.Must(f.r.DeliverAt(at, who, &types.MsgWithdraw{Student: who.String(), EnrollmentId: e.Id}))
}

// TestRefund: a withdrawal refunds the tuition of the current term times the part of it
// not used, rounded up to the ursc (in the student's favour), never more than was paid;
// the school pays it by a Conductor action, its books show the tuition as revenue and the
// refund on its own line, and both are recorded value flows. The term is 7,884,000 s long.
func TestRefund(t *testing.T) {
	for _, c := range []struct {
		name  string
		after time.Duration // from the enrollment
		terms int64         // terms paid when withdrawing
		want  int64
	}{
		{"a second in: the whole term, rounded up from 6,249,999.2", time.Second, 1, tuition},
		{"half the term", term / 2, 1, tuition / 2},
		{"a third in: 4,166,666.67 rounded up", term / 3, 1, 4_166_667},
		{"the last second: 0.79 ursc rounded up", term - time.Second, 1, 1},
		{"the second term's middle: only that term's tuition", term + term/2, 2, tuition / 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t)
			r := f.r
			p := f.program(4, 3)
			dave, school := r.Balance(f.dave.Addr), r.Balance(f.school)
			r.Must(f.join(f.dave, p))
			e := f.student(f.dave).Enrollments[0]
			require.Equal(t, e.Start, e.TermStart)
			require.Equal(t, int64(tuition), e.TermTuition.Int64())
			if c.terms == 2 {
				r.At(e.NextDue) // the second term is charged
			}
			f.withdraw(e.Start.Add(c.after), f.dave)
			paid := c.terms * tuition
			require.Equal(t, dave.SubRaw(paid).AddRaw(c.want).String(), r.Balance(f.dave.Addr).String(), "the student, to the ursc")
			require.Equal(t, school.AddRaw(paid).SubRaw(c.want).String(), r.Balance(f.school).String(), "the school, to the ursc")
			b := f.books()
			require.Equal(t, paid, b.Tuition.Int64(), "tuition is the school's revenue")
			require.Equal(t, c.want, b.Refunds.Int64())
			in, n := r.RSCFlows(f.dave.String(), f.school.String(), "education/program/")
			require.Equal(t, paid, in.Int64())
			require.Equal(t, int(c.terms), n)
			back, n := r.RSCFlows(f.school.String(), f.dave.String(), "education/program/")
			require.Equal(t, c.want, back.Int64(), "the refund is a recorded flow")
			require.Equal(t, 1, n)
			s := f.student(f.dave)
			require.Empty(t, s.Enrollments)
			require.Empty(t, s.Refunds, "paid in full")
			f.invariantHolds()
		})
	}
	// at the term's end the term is used up: nothing to refund (and no next term charged)
	f := setup(t)
	p := f.program(4, 3)
	f.r.Must(f.join(f.dave, p))
	e := f.student(f.dave).Enrollments[0]
	dave := f.r.Balance(f.dave.Addr)
	f.withdraw(e.NextDue, f.dave)
	require.Equal(t, dave.String(), f.r.Balance(f.dave.Addr).String())
	require.True(t, f.books().Refunds.IsZero())
}

// TestRefundArithmetic: the rounding at the edges, without the chain.
func TestRefundArithmetic(t *testing.T) {
	start := region.GenesisTime
	e := types.Enrollment{TermStart: start, NextDue: start.Add(3 * time.Second), TermTuition: math.NewInt(10)}
	for at, want := range map[time.Duration]int64{
		-time.Second: 10, 0: 10, time.Second: 7, 2 * time.Second: 4, 3 * time.Second: 0, time.Hour: 0,
	} {
		require.Equal(t, want, e.RefundAt(start.Add(at)).Int64(), at)
	}
	require.True(t, types.Enrollment{NextDue: start.Add(time.Hour)}.RefundAt(start).IsZero(), "an enrollment that recorded no term tuition")
	e.TermTuition = math.ZeroInt()
	require.True(t, e.RefundAt(start).IsZero())
}

// TestRefundOwed: a school that cannot pay the whole refund pays what it holds; the rest is
// owed to the student (public in the student query) and paid when the school has the money
// again (here a subsidy by the assembly), at the next try an hour on.
func TestRefundOwed(t *testing.T) {
	f := setup(t)
	r := f.r
	p := f.program(4, 3)
	r.Must(f.join(f.dave, p))
	e := f.student(f.dave).Enrollments[0]
	// the school spends all but 1 RSC of what it holds
	left := int64(1_000_000)
	spent := r.Balance(f.school).SubRaw(left)
	require.NoError(t, region.Pay(r.Ctx(), r.App, router.Refund, f.school, f.erin.Addr, spent))
	dave := r.Balance(f.dave.Addr)
	f.withdraw(e.Start.Add(term/2), f.dave) // refund 3,125,000
	require.Equal(t, dave.AddRaw(left).String(), r.Balance(f.dave.Addr).String(), "what the school held")
	require.True(t, r.Balance(f.school).IsZero())
	s := f.student(f.dave)
	require.Len(t, s.Refunds, 1)
	owed := int64(tuition/2) - left
	require.Equal(t, owed, s.Refunds[0].Owed.Int64())
	require.Equal(t, f.school.String(), s.Refunds[0].School)
	require.Equal(t, left, f.books().Refunds.Int64())

	// nothing yet: the school is still empty at the next try
	r.At(s.Refunds[0].NextTry)
	require.Equal(t, owed, f.student(f.dave).Refunds[0].Owed.Int64())

	// the assembly subsidizes the school; the next try pays the rest
	asm := r.Assembly()
	r.Pass(asm, []region.Account{f.alice, f.bob}, &dividendtypes.MsgSubsidize{Authority: asm, Company: f.school.String(), Amount: math.NewInt(5_000_000), Reason: "the school's refunds"})
	r.At(f.student(f.dave).Refunds[0].NextTry)
	require.Equal(t, dave.AddRaw(tuition/2).String(), r.Balance(f.dave.Addr).String(), "the whole refund, to the ursc")
	require.Empty(t, f.student(f.dave).Refunds)
	b := f.books()
	require.Equal(t, int64(tuition/2), b.Refunds.Int64())
	require.Equal(t, int64(5_000_000), b.Subsidies.Int64())
	back, n := r.RSCFlows(f.school.String(), f.dave.String(), "education/program/")
	require.Equal(t, int64(tuition/2), back.Int64())
	require.Equal(t, 2, n, "paid in two flows")

	// the refunds owed survive an export and import
	gs, err := r.App.EducationKeeper.ExportGenesis(r.Ctx())
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	f.invariantHolds()
}

// TestWithdrawalGrace: a withdrawal within withdrawal_grace of enrolling (14 days by
// default) does not count as enrolled for the wait-list priority; one a second later does.
func TestWithdrawalGrace(t *testing.T) {
	f := setup(t)
	r := f.r
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	grace := params.WithdrawalGrace
	require.Equal(t, 14*24*time.Hour, grace)

	p := f.program(2, 3)
	r.Must(f.join(f.fred, p))
	r.Must(f.join(f.erin, p))
	fred, erin := f.student(f.fred).Enrollments[0], f.student(f.erin).Enrollments[0]
	f.withdraw(fred.Start.Add(grace), f.fred)             // the last moment of the grace
	f.withdraw(erin.Start.Add(grace+time.Second), f.erin) // a second after it

	rf, re := f.student(f.fred).Record, f.student(f.erin).Record
	require.Zero(t, rf.EnrolledNow)
	require.Nil(t, rf.LastEnd, "fred counts as never enrolled")
	require.Equal(t, uint32(1), rf.WithdrawnInGrace)
	require.Zero(t, rf.Withdrawn)
	require.NotNil(t, re.LastEnd)
	require.Equal(t, uint32(1), re.Withdrawn)
	require.Zero(t, re.WithdrawnInGrace)

	// on a full program's wait-list, fred (in grace) is served before erin, who joined first
	full := f.program(1, 1)
	r.Must(f.join(f.dave, full))
	r.Must(f.join(f.erin, full))
	r.Must(f.join(f.fred, full))
	wl, err := f.q.Waitlist(r.Ctx(), &types.QueryWaitlistRequest{ProgramId: full})
	require.NoError(t, err)
	require.Equal(t, f.fred.String(), wl.Places[0].Applicant.Person)
	require.Equal(t, uint32(1), wl.Places[0].Group)
	require.Equal(t, f.erin.String(), wl.Places[1].Applicant.Person)
	require.Equal(t, uint32(3), wl.Places[1].Group, "erin withdrew after the grace: enrolled recently")
	require.Equal(t, uint32(1), keeper.Group(rf, r.Time, params.SchoolingPriorityYears))
	f.invariantHolds()
}
