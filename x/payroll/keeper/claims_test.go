package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/testutil/region"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/keeper"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// emptyCoop: carol founds the Empty Co-op (no money) and hires dave at 30 RSC an hour; work
// records and confirms a timesheet of dave's.
func emptyCoop(t *testing.T, f *fixture) (sdk.AccAddress, func(from, to float64)) {
	r := f.r
	r.MustDeliver(f.carol, &membershiptypes.MsgFoundCompany{Founder: f.carol.String(), Name: "Empty Co-op", Workers: []string{f.carol.String()}})
	empty := r.AgentAddr("Empty Co-op")
	r.Pass(empty.String(), []region.Account{f.carol}, &types.MsgPostJob{Company: empty.String(), OccupationId: 1, HoursPerWeek: 40, Wage: math.NewInt(30_000_000), Description: "x"})
	r.MustDeliver(f.dave, &types.MsgApply{Applicant: f.dave.String(), JobId: 1})
	r.Pass(empty.String(), []region.Account{f.carol}, &types.MsgHire{Company: empty.String(), JobId: 1, Applicant: f.dave.String()})
	both := []region.Account{f.carol, f.dave}
	return empty, func(from, to float64) {
		r.Pass(empty.String(), both, &types.MsgRecordTimesheet{Company: empty.String(), EmploymentId: 1, Start: hour(from), End: hour(to), Reason: "shift"})
		ts, err := r.App.PayrollKeeper.TimesheetSeq.Peek(r.Ctx())
		require.NoError(t, err)
		r.MustDeliver(f.dave, &types.MsgConfirmTimesheet{Worker: f.dave.String(), TimesheetId: ts})
	}
}

func (f *fixture) claims(company sdk.AccAddress) []types.Claim {
	res, err := f.q.Claims(f.r.Ctx(), &types.QueryClaimsRequest{Company: company.String()})
	require.NoError(f.t, err)
	return res.Claims
}

func (f *fixture) workersFirst() {
	msg, broken := keeper.WorkersFirstInvariant(f.r.App.PayrollKeeper)(f.r.Ctx())
	require.False(f.t, broken, msg)
	f.invariantHolds()
}

// TestClaimsPaidFirstInPart: dave's 15 RSC wage is a claim of the Empty Co-op. Money paid to
// the co-op goes to the claim in the next block, without new work, in part when it is too
// little (6.32 RSC, then 5 RSC); the wage of later work is not paid while the older claim is
// owed; the claim paid in three parts sums exactly to its gross, tax and net, each part
// recorded with its tax.
func TestClaimsPaidFirstInPart(t *testing.T) {
	f := setup(t)
	r := f.r
	empty, work := emptyCoop(t, f)
	treasury := r.AgentAddr("Regional treasury")
	dave, tax0 := r.Balance(f.dave.Addr), r.Balance(treasury)

	r.At(hour(1.5))
	work(1, 1.5) // 15 RSC, 3 RSC of it income tax
	r.At(hour(2))
	require.Len(t, f.claims(empty), 1)
	f.workersFirst()

	// 6.32 RSC reach the co-op: the claim takes them in the next block, no work settled.
	f.fund(empty, 6_320_000)
	r.At(hour(2.2))
	c := f.claims(empty)
	require.Len(t, c, 1)
	require.Equal(t, int64(6_320_000), c[0].PaidGross.Int64())
	require.Equal(t, int64(1_264_000), c[0].PaidTax.Int64(), "3 RSC x 6.32 / 15")
	require.Equal(t, int64(8_680_000), c[0].Owed().Int64())
	require.Equal(t, dave.AddRaw(5_056_000), r.Balance(f.dave.Addr))
	require.True(t, r.Balance(empty).IsZero())
	f.workersFirst()

	// 5 RSC more, and 6 minutes of new work (3 RSC): the old claim takes the 5 RSC; the new
	// wage is a claim behind it, not paid ahead of it.
	r.At(hour(2.65))
	f.fund(empty, 5_000_000)
	work(2.5, 2.6)
	r.At(hour(3))
	c = f.claims(empty)
	require.Len(t, c, 2)
	require.Equal(t, int64(3_680_000), c[0].Owed().Int64())
	require.Equal(t, uint32(2), c[0].Payments)
	require.Equal(t, int64(3_000_000), c[1].Owed().Int64(), "the later wage waits")
	require.Equal(t, dave.AddRaw(5_056_000+4_000_000), r.Balance(f.dave.Addr), "floor(3 x 11.32 / 15) = 2.264 RSC of tax so far")
	f.workersFirst()

	// Enough for both: oldest first, the rest stays with the co-op.
	f.fund(empty, 100_000_000)
	r.At(hour(3.1))
	require.Empty(t, f.claims(empty))
	require.Equal(t, int64(100_000_000-6_680_000), r.Balance(empty).Int64())
	require.Equal(t, dave.AddRaw(12_000_000+2_400_000), r.Balance(f.dave.Addr), "15 and 3 RSC gross, 80% net")
	require.Equal(t, tax0.AddRaw(3_600_000), r.Balance(treasury))
	res, err := f.q.ClaimPayments(r.Ctx(), &types.QueryClaimPaymentsRequest{Worker: f.dave.String()})
	require.NoError(t, err)
	require.Len(t, res.Payments, 4)
	gross, taxPaid, net := math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	for _, p := range res.Payments {
		if p.ClaimId == 1 {
			gross, taxPaid, net = gross.Add(p.Gross), taxPaid.Add(p.Tax), net.Add(p.Net)
		}
	}
	require.Equal(t, []int64{15_000_000, 3_000_000, 12_000_000}, []int64{gross.Int64(), taxPaid.Int64(), net.Int64()}, "three parts sum to the claim")
	require.Equal(t, int64(736_000), res.Payments[1].Tax.Int64(), "newest first: the last part of claim 1 carries the tax left")
	require.True(t, res.Payments[1].Owed.IsZero())
	for _, s := range f.payslips(f.dave) {
		require.Zero(t, s.ClaimId, "payslip %d paid", s.Id)
	}
	totals, err := r.App.PayrollKeeper.Totals.Get(r.Ctx())
	require.NoError(t, err)
	require.True(t, totals.Claimed.IsZero())
	f.workersFirst()
}

// TestClaimsPassIsBounded: with one payment a block, three claims are paid over three
// blocks, oldest first; the money waits, noted, for the next block, and the invariant holds
// after each.
func TestClaimsPassIsBounded(t *testing.T) {
	f := setup(t)
	r := f.r
	empty, work := emptyCoop(t, f)
	for h := 1.0; h < 4; h++ {
		r.At(hour(h + 0.5))
		work(h, h+0.5) // 15 RSC each
	}
	r.At(hour(4))
	require.Len(t, f.claims(empty), 3)
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	params.MaxPayoutsPerBlock = 1
	r.Pass(r.Assembly(), []region.Account{f.alice, f.bob}, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	f.fund(empty, 45_000_000)
	for left := 2; left >= 0; left-- {
		r.NextBlock(0)
		require.Len(t, f.claims(empty), left)
		if left > 0 {
			arrived, err := r.App.PayrollKeeper.Arrived.Get(r.Ctx(), empty)
			require.NoError(t, err)
			require.Equal(t, int64(left)*15_000_000, arrived.Int64())
		}
		f.workersFirst()
	}
	has, err := r.App.PayrollKeeper.Arrived.Has(r.Ctx(), empty)
	require.NoError(t, err)
	require.False(t, has)
}

// TestWorkersFirstInvariantBreaks: money an indebted co-op holds beyond what reached it since
// its claims were paid, or less, breaks the invariant.
func TestWorkersFirstInvariantBreaks(t *testing.T) {
	f := setup(t)
	r := f.r
	empty, work := emptyCoop(t, f)
	r.At(hour(1.5))
	work(1, 1.5)
	r.At(hour(2))
	f.workersFirst()
	k := r.App.PayrollKeeper
	require.NoError(t, k.Arrived.Set(r.Ctx(), empty, math.NewInt(5)))
	_, broken := keeper.WorkersFirstInvariant(k)(r.Ctx())
	require.True(t, broken, "noted money it no longer holds: it left by another route")
	require.NoError(t, k.Arrived.Remove(r.Ctx(), empty))
	require.NoError(t, k.Claims.Remove(r.Ctx(), collections.Join(empty, uint64(1))))
	require.NoError(t, k.Indebted.Remove(r.Ctx(), empty))
	require.NoError(t, k.IndebtedCount.Set(r.Ctx(), 0))
	require.NoError(t, k.Arrived.Set(r.Ctx(), empty, math.ZeroInt()))
	_, broken = keeper.WorkersFirstInvariant(k)(r.Ctx())
	require.True(t, broken, "noted but owing nothing")
}

// TestClaimsPassSkipsAFailure: a company whose claims cannot be paid (here a corrupted claim,
// first in the pass) is left noted for the next block; the others are paid.
func TestClaimsPassSkipsAFailure(t *testing.T) {
	f := setup(t)
	r := f.r
	empty, work := emptyCoop(t, f)
	r.At(hour(1.5))
	work(1, 1.5)
	r.At(hour(2))
	k := r.App.PayrollKeeper
	broken := sdk.AccAddress(make([]byte, 20)) // sorts first
	r.Fund(r.Ctx(), broken, math.NewInt(1_000_000))
	ctx := r.Ctx()
	require.NoError(t, k.Indebted.Set(ctx, broken))
	require.NoError(t, k.IndebtedCount.Set(ctx, 2))
	require.NoError(t, k.Claims.Set(ctx, collections.Join(broken, uint64(99)), types.Claim{Id: 99, Company: broken.String(), Worker: "bad",
		Gross: math.NewInt(10), Tax: math.ZeroInt(), Net: math.NewInt(10), PaidGross: math.ZeroInt(), PaidTax: math.ZeroInt(), PaidNet: math.ZeroInt()}))
	require.NoError(t, k.Arrived.Set(ctx, broken, math.NewInt(1_000_000)))
	f.fund(empty, 15_000_000)
	r.At(hour(2.1))
	require.Empty(t, f.claims(empty), "the Empty Co-op's claim is paid")
	left, err := k.Arrived.Get(r.Ctx(), broken)
	require.NoError(t, err)
	require.Equal(t, int64(1_000_000), left.Int64(), "the failing company stays noted")
}
