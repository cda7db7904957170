package keeper_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/education/keeper"
	"github.com/conductor-coop/conductor/x/education/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

const rsc = 1_000_000

// term is a quarter of the test year: 365 days / 4.
const term = 365 * 24 * time.Hour / 4

type fixture struct {
	t                                   *testing.T
	r                                   *region.Region
	alice, bob, carol, dave, erin, fred region.Account
	school                              sdk.AccAddress
	q                                   types.QueryServer
}

// setup: the Trade School (a regional company); students pay a quarter of the operating
// cost (tuition_share 0.25); priority to those not enrolled in the last 2 years.
func setup(t *testing.T) *fixture {
	cfg := region.DefaultConfig()
	cfg.NonMembers = append(cfg.NonMembers, "erin", "fred")
	cfg.Institutions = append(cfg.Institutions, region.Institution{Name: "Trade School", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}})
	r := region.New(t, cfg)
	f := &fixture{t: t, r: r, alice: r.Accounts["alice"], bob: r.Accounts["bob"], carol: r.Accounts["carol"], dave: r.Accounts["dave"],
		erin: r.Accounts["erin"], fred: r.Accounts["fred"], school: r.AgentAddr("Trade School"), q: keeper.NewQueryServerImpl(r.App.EducationKeeper)}
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	params.TuitionShare, params.SchoolingPriorityYears = math.LegacyMustNewDecFromStr("0.25"), 2
	r.Pass(r.Assembly(), []region.Account{f.alice, f.bob}, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	return f
}

// program sets a program of the Trade School: 400 RSC a year for 4 seats, quarterly terms:
// tuition 0.25 x 400 / 4 / 4 = 6.25 RSC a term.
func (f *fixture) program(capacity, terms uint32) uint64 {
	asm := f.r.Assembly()
	f.r.Pass(asm, []region.Account{f.alice, f.bob}, &types.MsgSetProgram{Authority: asm, Program: types.Program{
		School: f.school.String(), Name: "Carpentry", Capacity: capacity, YearlyCost: math.NewInt(400 * rsc), Term: term, Terms: terms,
	}})
	id, err := f.r.App.EducationKeeper.ProgramSeq.Peek(f.r.Ctx())
	require.NoError(f.t, err)
	return id
}

func (f *fixture) join(who region.Account, program uint64) *abci.ExecTxResult {
	return f.r.Deliver(who, &types.MsgJoinWaitlist{Person: who.String(), ProgramId: program})
}

func (f *fixture) student(who region.Account) *types.QueryStudentResponse {
	res, err := f.q.Student(f.r.Ctx(), &types.QueryStudentRequest{Person: who.String()})
	require.NoError(f.t, err)
	return res
}

func (f *fixture) invariantHolds() {
	msg, broken := keeper.SeatsInvariant(f.r.App.EducationKeeper)(f.r.Ctx())
	require.False(f.t, broken, msg)
}

// TestTuition: tuition = share x operating cost / capacity, a term's part of a year,
// rounded down; charged at enrollment and each term without a transaction, paid to the
// school; after the last term the enrollment completes.
func TestTuition(t *testing.T) {
	f := setup(t)
	r := f.r
	p := f.program(4, 2)
	programs, err := f.q.Programs(r.Ctx(), &types.QueryProgramsRequest{})
	require.NoError(t, err)
	tuition := int64(6_250_000)
	require.Equal(t, tuition, programs.Programs[0].Tuition.Int64())
	dave, school := r.Balance(f.dave.Addr), r.Balance(f.school)
	f.r.Must(f.join(f.dave, p))
	require.Equal(t, dave.SubRaw(tuition), r.Balance(f.dave.Addr), "a free seat: enrolled, the first term paid")
	e := f.student(f.dave).Enrollments[0]
	r.At(e.NextDue)
	require.Equal(t, dave.SubRaw(2*tuition), r.Balance(f.dave.Addr), "the second term, collected when it starts")
	require.Equal(t, school.AddRaw(2*tuition), r.Balance(f.school))
	r.At(e.NextDue.Add(term))
	s := f.student(f.dave)
	require.Empty(t, s.Enrollments, "completed after the last term")
	require.Equal(t, uint32(1), s.Record.Completed)
	require.NotNil(t, s.Record.LastEnd)
	f.invariantHolds()
}

// TestPriority: seats go first to those never enrolled, then to those not enrolled in the
// last N years, then to the rest, each group in the order it joined; a full program keeps
// joiners waiting (nobody enrolls past capacity); wait-list length is the demand.
func TestPriority(t *testing.T) {
	f := setup(t)
	r := f.r
	past := f.program(1, 1) // a one-term program: dave and erin have studied, dave long ago
	f.r.Must(f.join(f.dave, past))
	r.At(f.student(f.dave).Enrollments[0].NextDue) // dave completes
	f.r.Must(f.join(f.erin, past))
	// Three years on, erin finishes (her term's end is long past): she studied recently.
	r.At(r.Time.Add(3 * 365 * 24 * time.Hour))

	p := f.program(1, 4)
	f.r.Must(f.join(f.bob, p)) // takes the one seat
	require.Len(t, f.student(f.bob).Enrollments, 1)
	// Waiting, in this order: erin (studied less than 2 years ago), dave (3 years ago),
	// fred (never).
	f.r.Must(f.join(f.erin, p))
	f.r.Must(f.join(f.dave, p))
	f.r.Must(f.join(f.fred, p))
	programs, err := f.q.Programs(r.Ctx(), &types.QueryProgramsRequest{})
	require.NoError(t, err)
	require.Equal(t, uint64(3), programs.Programs[1].Waiting, "demand")
	require.Equal(t, uint32(1), programs.Programs[1].Program.Enrolled, "not past capacity")
	wl, err := f.q.Waitlist(r.Ctx(), &types.QueryWaitlistRequest{ProgramId: p})
	require.NoError(t, err)
	require.Equal(t, f.fred.String(), wl.Places[0].Applicant.Person)
	require.Equal(t, uint32(1), wl.Places[0].Group)
	require.Equal(t, f.dave.String(), wl.Places[1].Applicant.Person)
	require.Equal(t, uint32(2), wl.Places[1].Group)
	require.Equal(t, uint32(3), wl.Places[2].Group)

	next := func() string {
		enrollments := f.student(f.bob).Enrollments
		if len(enrollments) > 0 {
			f.r.Must(r.Deliver(f.bob, &types.MsgWithdraw{Student: f.bob.String(), EnrollmentId: enrollments[0].Id}))
		}
		for _, who := range []region.Account{f.fred, f.dave, f.erin} {
			if s := f.student(who); len(s.Enrollments) > 0 && s.Enrollments[0].ProgramId == p {
				return who.Name
			}
		}
		return ""
	}
	require.Equal(t, "fred", next(), "never enrolled first")
	withdraw := func(who region.Account) {
		for _, e := range f.student(who).Enrollments {
			f.r.Must(r.Deliver(who, &types.MsgWithdraw{Student: who.String(), EnrollmentId: e.Id}))
		}
	}
	withdraw(f.fred)
	require.Len(t, f.student(f.dave).Enrollments, 1, "then those not enrolled in the last 2 years")
	withdraw(f.dave)
	require.Len(t, f.student(f.erin).Enrollments, 1, "then the rest")
	require.Equal(t, uint32(1), f.student(f.fred).Record.WithdrawnInGrace, "fred withdrew at once, within the grace period")
	f.invariantHolds()
}

// TestUnpaid: a student who cannot pay a term's tuition is unenrolled and the seat goes on.
func TestUnpaid(t *testing.T) {
	f := setup(t)
	r := f.r
	p := f.program(1, 3)
	f.r.Must(f.join(f.erin, p))
	f.r.Must(f.join(f.fred, p))
	e := f.student(f.erin).Enrollments[0]
	f.r.Must(r.Deliver(f.erin, banktypes.NewMsgSend(f.erin.Addr, f.dave.Addr, sdk.NewCoins(sdk.NewCoin(app.Denom, r.Balance(f.erin.Addr))))))
	r.At(e.NextDue)
	require.Empty(t, f.student(f.erin).Enrollments)
	require.Len(t, f.student(f.fred).Enrollments, 1, "the seat went to the next")
	f.invariantHolds()
}

// TestBadInput: each rule refuses with its registered error.
func TestBadInput(t *testing.T) {
	f := setup(t)
	r := f.r
	p := f.program(1, 2)
	f.r.Must(f.join(f.dave, p))
	asm := r.Assembly()
	cases := []struct {
		name string
		run  func() *abci.ExecTxResult
		err  *errorsmod.Error
	}{
		{"joining twice", func() *abci.ExecTxResult { return f.join(f.dave, p) }, types.ErrAlreadyWaiting},
		{"an unknown program", func() *abci.ExecTxResult { return f.join(f.erin, 99) }, types.ErrUnknownProgram},
		{"leaving a wait-list one is not on", func() *abci.ExecTxResult {
			return r.Deliver(f.erin, &types.MsgLeaveWaitlist{Person: f.erin.String(), ProgramId: p})
		}, types.ErrNotWaiting},
		{"withdrawing another's enrollment", func() *abci.ExecTxResult {
			return r.Deliver(f.erin, &types.MsgWithdraw{Student: f.erin.String(), EnrollmentId: 1})
		}, types.ErrUnknownEnroll},
		{"a program without the assembly", func() *abci.ExecTxResult {
			return r.Deliver(f.erin, &types.MsgSetProgram{Authority: f.erin.String(), Program: types.Program{
				School: f.school.String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(1), Term: term, Terms: 1,
			}})
		}, membershiptypes.ErrUnauthorized},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			region.RequireError(t, c.err, c.run())
		})
	}
	// A program invalid in itself is refused when the proposal is submitted (ValidateBasic),
	// not when it executes: a 3-minute term fails at once.
	for name, prog := range map[string]types.Program{
		"no capacity":        {Id: 0, School: f.school.String(), Name: "x", Capacity: 0, YearlyCost: math.NewInt(1), Term: term, Terms: 1},
		"negative cost":      {School: f.school.String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(-1), Term: term, Terms: 1},
		"no name":            {School: f.school.String(), Capacity: 1, YearlyCost: math.NewInt(1), Term: term, Terms: 1},
		"a 3-minute term":    {School: f.school.String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(1), Term: 3 * time.Minute, Terms: 1},
		"just under an hour": {School: f.school.String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(1), Term: time.Hour - time.Second, Terms: 1},
		"no term":            {School: f.school.String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(1), Term: term, Terms: 0},
	} {
		t.Run(name, func(t *testing.T) {
			prop, err := assemblytypes.NewMsgPropose(f.alice.String(), assemblytypes.PROPOSAL_KIND_GENERAL, "program", "", "", &types.MsgSetProgram{Authority: asm, Program: prog})
			require.NoError(t, err)
			region.RequireError(t, types.ErrInvalidProgram, r.Deliver(f.alice, prop))
			region.RequireError(t, types.ErrInvalidProgram, r.Deliver(f.alice, &types.MsgSetProgram{Authority: asm, Program: prog}))
		})
	}
	// An hour is enough.
	hour := types.Program{School: f.school.String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(1), Term: time.Hour, Terms: 1}
	require.NoError(t, (&types.MsgSetProgram{Authority: asm, Program: hour}).ValidateBasic())
	// What depends on the state fails when the proposal executes.
	for name, prog := range map[string]types.Program{
		"a company's": {School: r.AgentAddr("Bakery Co-op").String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(1), Term: term, Terms: 1},
		"unknown":     {Id: 99, School: f.school.String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(1), Term: term, Terms: 1},
	} {
		result, logs := r.Decide(asm, []region.Account{f.alice, f.bob}, &types.MsgSetProgram{Authority: asm, Program: prog})
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result, name)
		require.NotEmpty(t, logs, name)
	}
	// Two students enrolled: the capacity cannot go below two.
	p2 := f.program(2, 2)
	f.r.Must(f.join(f.erin, p2))
	f.r.Must(f.join(f.fred, p2))
	_, logs := r.Decide(asm, []region.Account{f.alice, f.bob}, &types.MsgSetProgram{Authority: asm, Program: types.Program{Id: p2, School: f.school.String(), Name: "x", Capacity: 1, YearlyCost: math.NewInt(1), Term: term, Terms: 1}})
	require.Contains(t, logs, types.ErrOverCapacity.Error())
	f.invariantHolds()
}
