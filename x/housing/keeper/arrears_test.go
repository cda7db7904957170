package keeper_test

import (
	"sort"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	dividendkeeper "github.com/conductor-coop/conductor/x/dividend/keeper"
	dividendtypes "github.com/conductor-coop/conductor/x/dividend/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/housing/keeper"
	"github.com/conductor-coop/conductor/x/housing/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
)

// typedEvents parses the block's events of type T (named name).
func typedEvents[T proto.Message](t *testing.T, res *abci.ResponseFinalizeBlock, name string) []T {
	t.Helper()
	var out []T
	for _, ev := range res.Events {
		if ev.Type != name {
			continue
		}
		if n := len(ev.Attributes); n > 0 && ev.Attributes[n-1].Key == "mode" {
			ev.Attributes = ev.Attributes[:n-1] // the block's "mode": EndBlock
		}
		parsed, err := sdk.ParseTypedEvent(ev)
		require.NoError(t, err)
		out = append(out, parsed.(T))
	}
	return out
}

// until commits an empty block at time at and returns its result.
func (f *fixture) until(at time.Time) *abci.ResponseFinalizeBlock {
	f.t.Helper()
	require.True(f.t, at.After(f.r.Time))
	return f.r.NextBlock(at.Sub(f.r.Time))
}

// setRule sets the region's arrears rule.
func (f *fixture) setRule(after uint32, period time.Duration) {
	f.params.ArrearsNoticeAfter, f.params.ArrearsNoticePeriod = after, period
	f.r.Pass(f.r.Assembly(), f.members, &gptypes.MsgUpdateParams{Authority: f.r.Assembly(), Params: f.params})
}

// give sends amount ursc from one person to another (a plain send: not a Conductor action).
func (f *fixture) give(from region.Account, to sdk.AccAddress, amount int64) {
	f.r.MustDeliver(from, banktypes.NewMsgSend(from.Addr, to, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, amount))))
}

// hire has the Bakery Co-op (funded with funds ursc) hire person as a baker at 30 RSC an
// hour; voters are its workers. It returns the employment.
func (f *fixture) hire(person region.Account, funds int64, voters []region.Account) uint64 {
	r := f.r
	r.Pass(r.Assembly(), f.members, &payrolltypes.MsgSetOccupation{Authority: r.Assembly(), Occupation: payrolltypes.Occupation{
		Name: "baker", MinWage: math.NewInt(20_000_000), MaxWage: math.NewInt(40_000_000),
		Training: dec("0.5"), RegionalNeed: dec("0.2"), Stress: dec("0.2"),
	}})
	if funds > 0 {
		require.NoError(f.t, region.Pay(r.Ctx(), r.App, router.Purchase, f.dave.Addr, f.bakery, math.NewInt(funds)))
	}
	r.Pass(f.bakery.String(), voters, &payrolltypes.MsgPostJob{Company: f.bakery.String(), OccupationId: 1, HoursPerWeek: 40, Wage: math.NewInt(30_000_000), Description: "bread"})
	job, err := r.App.PayrollKeeper.JobSeq.Peek(r.Ctx())
	require.NoError(f.t, err)
	r.MustDeliver(person, &payrolltypes.MsgApply{Applicant: person.String(), JobId: job})
	r.Pass(f.bakery.String(), voters, &payrolltypes.MsgHire{Company: f.bakery.String(), JobId: job, Applicant: person.String()})
	employment, err := r.App.PayrollKeeper.EmploymentSeq.Peek(r.Ctx())
	require.NoError(f.t, err)
	return employment
}

func (f *fixture) debts(tenant sdk.AccAddress) *types.QueryDebtsResponse {
	res, err := f.q.Debts(f.r.Ctx(), &types.QueryDebtsRequest{Tenant: tenant.String()})
	require.NoError(f.t, err)
	return res
}

func (f *fixture) indexesHold() {
	f.invariantHolds()
	msg, broken := keeper.NoticesAndDebtsIndexedInvariant(f.r.App.HousingKeeper)(f.r.Ctx())
	require.False(f.t, broken, msg)
	gs, err := f.r.App.HousingKeeper.ExportGenesis(f.r.Ctx())
	require.NoError(f.t, err)
	require.NoError(f.t, gs.Validate(), "the exported state validates")
}

// TestArrearsRule: the tenant rule from the first arrears to the lease's end. erin (not a
// member: 1 RSC cost + 0.2 RSC markup a month, the markup the treasury's) leases a home and
// gives away all she has. The month is 30 days; the region gives notice at 2 months of
// arrears (2.4 RSC), for a notice period of 10 days unless a case says otherwise. After one
// unpaid month she owes 1.2 RSC and has no notice; after two, 2.4 RSC: notice, ending 10 days
// later. Unpaid, the lease ends exactly then (not at the next rent), the home goes to the next
// on the wait-list (bob), no further month is charged and the 2.4 RSC stay her debt. Paid
// below the threshold in time (at the notice's end, or at a rent collection), the notice is
// lifted and the lease goes on; with arrears_notice_after 0 there is never a notice.
func TestArrearsRule(t *testing.T) {
	const day = 24 * time.Hour
	cases := []struct {
		name   string
		after  uint32
		period time.Duration
		// during runs between the notice and its end (the notice's start at T2, the
		// month's rent collection at T3 = T2 + 30 days).
		during func(f *fixture, t2 time.Time)
		// ended: the lease ends at the notice's end; lifted: when the notice is lifted
		// (zero: never given, or it ends the lease).
		ended  bool
		lifted func(t2 time.Time) time.Time
		// toAgency and toTreasury is what erin paid (cost first, then her markup); arrears
		// what she owes at the end.
		toAgency, toTreasury, arrearsCost, arrearsMarkup int64
	}{
		{name: "unpaid: the lease ends at the notice's end", after: 2, period: 10 * day, during: func(*fixture, time.Time) {},
			ended: true, arrearsCost: 2 * rsc, arrearsMarkup: 400_000},
		{name: "paid below the threshold in time: lifted at the notice's end", after: 2, period: 10 * day,
			during: func(f *fixture, t2 time.Time) { f.give(f.dave, f.erin.Addr, 1_500_000) },
			lifted: func(t2 time.Time) time.Time { return t2.Add(10 * day) },
			// 1.5 RSC, cost first: 0.5 + 0.4 = 0.9 RSC left, below 2.4; the next month then
			// brings it to 2.1 RSC, still below: no new notice
			toAgency: 1_500_000, arrearsCost: 1_500_000, arrearsMarkup: 600_000},
		{name: "paid at the next rent collection: lifted then", after: 2, period: 40 * day,
			during: func(f *fixture, t2 time.Time) { f.give(f.dave, f.erin.Addr, 3_600_000) },
			// 2.4 RSC of arrears and the month's 1.2: 3 RSC of cost, 0.6 of markup
			lifted:   func(t2 time.Time) time.Time { return t2.Add(30 * day) },
			toAgency: 3 * rsc, toTreasury: 600_000},
		{name: "arrears_notice_after 0: never a notice", after: 0, period: 10 * day, during: func(*fixture, time.Time) {},
			arrearsCost: 3 * rsc, arrearsMarkup: 600_000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			r := f.r
			f.setRule(tc.after, tc.period)
			home := f.unit(types.UNIT_KIND_APARTMENT, "", 50)
			entry := f.join(f.erin, types.UNIT_KIND_APARTMENT, "", 0)
			r.MustDeliver(f.erin, &types.MsgAcceptOffer{Applicant: f.erin.String(), EntryId: entry})
			bob := f.join(f.bob, types.UNIT_KIND_APARTMENT, "", 0)
			f.give(f.erin, f.dave.Addr, 10*rsc-1_200_000)
			require.True(t, r.Balance(f.erin.Addr).IsZero())
			agency, treasury := r.Balance(f.agency), r.Balance(f.treasury)
			l := f.lease(1)
			start := l.Start
			t1, t2, t3 := start.Add(30*day), start.Add(60*day), start.Add(90*day)

			f.until(t1)
			l = f.lease(1)
			require.Equal(t, int64(1_200_000), l.Arrears().Int64(), "a month owed")
			require.Nil(t, l.NoticeEnds, "one month is below the threshold")

			res := f.until(t2)
			l = f.lease(1)
			require.Equal(t, int64(2_400_000), l.Arrears().Int64())
			notices := typedEvents[*types.EventArrearsNotice](t, res, "conductor.housing.v1.EventArrearsNotice")
			if tc.after == 0 {
				require.Empty(t, notices)
				require.Nil(t, l.NoticeAt)
			} else {
				ends := t2.Add(tc.period)
				require.Len(t, notices, 1)
				require.Equal(t, types.EventArrearsNotice{LeaseId: 1, UnitId: home, Tenant: f.erin.String(), Arrears: math.NewInt(2_400_000),
					Threshold: math.NewInt(2_400_000), Ends: ends}, *notices[0])
				require.Equal(t, t2, *l.NoticeAt)
				require.Equal(t, ends, *l.NoticeEnds)
			}
			f.indexesHold()
			r.NextBlock(time.Second)
			tc.during(f, t2)

			// Just before the notice's end nothing has happened.
			end := t2.Add(tc.period)
			if tc.lifted == nil || tc.lifted(t2).After(end.Add(-time.Second)) {
				f.until(end.Add(-time.Second))
				require.True(t, f.lease(1).Active)
			}
			var lifted []*types.EventArrearsNoticeLifted
			var endedEvents []*types.EventLeaseEndedForArrears
			moments := []time.Time{end, t3, t3.Add(time.Hour)}
			sort.Slice(moments, func(i, j int) bool { return moments[i].Before(moments[j]) })
			for _, at := range moments {
				if !at.After(r.Time) {
					continue
				}
				res := f.until(at)
				lifted = append(lifted, typedEvents[*types.EventArrearsNoticeLifted](t, res, "conductor.housing.v1.EventArrearsNoticeLifted")...)
				endedEvents = append(endedEvents, typedEvents[*types.EventLeaseEndedForArrears](t, res, "conductor.housing.v1.EventLeaseEndedForArrears")...)
				if at.Equal(end) && tc.ended {
					require.Len(t, endedEvents, 1, "the lease ends at the notice's end")
					require.Equal(t, bob, f.getUnit(home).OfferedTo, "the home went to the next on the wait-list")
				}
				if tc.lifted != nil && at.Equal(tc.lifted(t2)) {
					require.Len(t, lifted, 1, "the notice is lifted then")
				}
			}
			l = f.lease(1)
			require.Equal(t, tc.arrearsCost, l.ArrearsCost.Int64())
			require.Equal(t, tc.arrearsMarkup, l.ArrearsMarkup.Int64())
			require.Nil(t, l.NoticeAt)
			require.Nil(t, l.NoticeEnds)
			require.True(t, r.Balance(f.erin.Addr).IsZero())
			require.Equal(t, agency.AddRaw(tc.toAgency), r.Balance(f.agency), "the cost, to the agency")
			require.Equal(t, treasury.AddRaw(tc.toTreasury), r.Balance(f.treasury), "her markup, to the treasury")
			debts := f.debts(f.erin.Addr)
			if !tc.ended {
				require.Empty(t, endedEvents)
				require.True(t, l.Active)
				require.False(t, l.EndedForArrears)
				require.Equal(t, types.UNIT_STATUS_LEASED, f.getUnit(home).Status)
				require.Empty(t, debts.Leases, "an active lease's arrears are not a debt yet")
				if tc.lifted != nil {
					require.Len(t, lifted, 1)
					require.Equal(t, uint64(1), lifted[0].LeaseId)
				} else {
					require.Empty(t, lifted)
				}
				f.indexesHold()
				return
			}
			require.Equal(t, types.EventLeaseEndedForArrears{LeaseId: 1, UnitId: home, Tenant: f.erin.String(), Debt: math.NewInt(2_400_000)}, *endedEvents[0])
			require.Empty(t, lifted)
			require.False(t, l.Active)
			require.True(t, l.EndedForArrears)
			require.Nil(t, l.NextDue, "no further month is charged")
			require.Len(t, debts.Leases, 1)
			require.Equal(t, int64(2_400_000), debts.Total.Int64(), "the arrears stay her debt")
			require.False(t, debts.Noted)
			f.indexesHold()
		})
	}
}

// TestDebtCollectedFirst: frank (a member: 1 RSC + 5% a month, all the agency's) lets his
// lease end for arrears: he owes 2.1 RSC. A gift by a plain send is his to spend (he pays a
// new lease's first month with it). Then income reaches him by a Conductor action in the
// block his new lease's rent is due: a wage (30 minutes' shift of 15 RSC, 3 RSC net) or the
// dividend (3 RSC). The debt is collected from it first (2.1 RSC), the rent gets the rest
// (0.9 RSC of its 1.05 RSC: 0.15 RSC of arrears); the agency receives both.
func TestDebtCollectedFirst(t *testing.T) {
	const day = 24 * time.Hour
	cases := []struct {
		name string
		// arrange makes 3 RSC reach frank at time at; it returns what the treasury gains by
		// it (the wage's income tax, less the dividend it pays).
		arrange func(f *fixture, frank region.Account, at time.Time) int64
	}{
		{"a wage", func(f *fixture, frank region.Account, at time.Time) int64 {
			r := f.r
			r.At(at.Add(-2 * time.Hour))
			employment := f.hire(frank, 100*rsc, []region.Account{f.alice, f.bob})
			// a shift from 7.5 minutes before the hour: 3.75 RSC gross, 3 RSC net
			r.DeliverAt(at.Add(-450*time.Second), frank, &payrolltypes.MsgClockIn{Worker: frank.String(), EmploymentId: employment})
			require.True(t, r.Balance(frank.Addr).IsZero())
			f.until(at) // the pay run at the hour pays it
			return 750_000
		}},
		{"the dividend", func(f *fixture, frank region.Account, at time.Time) int64 {
			r := f.r
			require.Positive(t, at.Sub(r.Time)-30*24*time.Hour+time.Hour, "the period closes before the rent falls due")
			// 24 RSC of revenue this period: half for the 4 members, 3 RSC each
			require.NoError(t, r.App.DividendKeeper.Book(r.Ctx(), dividendtypes.SOURCE_INCOME_TAX, math.NewInt(24*rsc)))
			r.At(at.Add(-time.Hour)) // the period closed
			owed, err := dividendkeeper.NewQueryServerImpl(r.App.DividendKeeper).Payouts(r.Ctx(), &dividendtypes.QueryPayoutsRequest{Member: frank.String()})
			require.NoError(t, err)
			require.Equal(t, int64(3*rsc), owed.Owed.Int64())
			require.True(t, r.Balance(frank.Addr).IsZero())
			r.DeliverAt(at, frank, &dividendtypes.MsgClaim{Member: frank.String()}) // paid in the tx
			return -3 * rsc
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := setupWith(t, func(cfg *region.Config) {
				cfg.Members = append(cfg.Members, "frank")
				cfg.Balances["frank"] = 10 * rsc
			})
			r := f.r
			frank := r.Accounts["frank"]
			f.params.ProfitAtRestTaxRate = math.LegacyZeroDec() // no other revenue for the dividend
			f.setRule(2, 10*day)
			f.unit(types.UNIT_KIND_APARTMENT, "", 50)
			r.MustDeliver(frank, &types.MsgAcceptOffer{Applicant: frank.String(), EntryId: f.join(frank, types.UNIT_KIND_APARTMENT, "", 0)})
			f.give(frank, f.dave.Addr, 10*rsc-1_050_000)
			start := f.lease(1).Start
			f.until(start.Add(30 * day))
			f.until(start.Add(60 * day))
			require.NotNil(t, f.lease(1).NoticeEnds)
			f.until(start.Add(70 * day))
			require.True(t, f.lease(1).EndedForArrears)
			debts := f.debts(frank.Addr)
			require.Equal(t, int64(2_100_000), debts.Total.Int64())

			// A gift by a plain send is not income a Conductor action paid: it is his to
			// spend, and he pays a new lease's first month with it, at an hour (the home is
			// vacant again, nobody else waiting).
			f.give(f.dave, frank.Addr, 1_050_000)
			require.False(t, f.debts(frank.Addr).Noted)
			entry := f.join(frank, types.UNIT_KIND_APARTMENT, "", 0)
			require.Equal(t, entry, f.getUnit(1).OfferedTo)
			r.DeliverAt(r.Time.Truncate(time.Hour).Add(time.Hour), frank, &types.MsgAcceptOffer{Applicant: frank.String(), EntryId: entry})
			require.True(t, r.Balance(frank.Addr).IsZero())
			l := f.lease(2)
			require.True(t, l.Active)
			due := *l.NextDue
			require.Zero(t, due.Sub(due.Truncate(time.Hour)), "the rent falls due at an hour")

			agency, treasury := r.Balance(f.agency), r.Balance(f.treasury)
			gained := tc.arrange(f, frank, due)
			require.Equal(t, due, r.Time, "the income arrived in the block the rent fell due")
			require.Equal(t, agency.AddRaw(2_100_000+900_000), r.Balance(f.agency), "the debt, then what was left for the rent")
			require.Equal(t, treasury.AddRaw(gained), r.Balance(f.treasury))
			require.True(t, r.Balance(frank.Addr).IsZero())
			debts = f.debts(frank.Addr)
			require.Empty(t, debts.Leases, "the debt is paid")
			require.True(t, debts.Total.IsZero())
			require.False(t, debts.Noted)
			ended := f.lease(1)
			require.True(t, ended.Arrears().IsZero())
			require.Equal(t, int64(1_050_000+2_100_000), ended.Paid.Int64())
			l = f.lease(2)
			require.Equal(t, int64(150_000), l.Arrears().Int64(), "the rent got what the debt left")
			require.Equal(t, int64(100_000), l.ArrearsCost.Int64(), "cost first")
			// the debt's payment is recorded as RSC transfers to the agency
			paid, _ := r.RSCFlows(frank.String(), f.agency.String(), "housing/lease/1")
			require.Equal(t, int64(1_050_000+2_100_000), paid.Int64())
			f.indexesHold()
		})
	}
}

// TestDebtBeforeInstallment: housing's EndBlock runs before x/bankloans', so the debt of an
// ended lease is collected from income before the bank's installment takes it. frank borrows
// 12 RSC (12 monthly installments) and leases a home, then gives away all he has: his lease
// ends for arrears (2.1 RSC owed) and his installments are missed. In the block of his third
// installment he claims his 3 RSC dividend: the debt takes 2.1 RSC first, the bank 0.9.
func TestDebtBeforeInstallment(t *testing.T) {
	const day = 24 * time.Hour
	f := setupWith(t, func(cfg *region.Config) {
		cfg.Members = append(cfg.Members, "frank")
		cfg.Balances["frank"] = 10 * rsc
	})
	r := f.r
	frank := r.Accounts["frank"]
	f.params.ProfitAtRestTaxRate = math.LegacyZeroDec()
	f.setRule(2, 10*day)
	bank, asm := r.AgentAddr("Regional Public Bank"), r.Assembly()
	r.Pass(asm, f.members,
		&bankloanstypes.MsgFundBank{Authority: asm, Bank: bank.String(), Amount: math.NewInt(100 * rsc)},
		&bankloanstypes.MsgSetProduct{Signer: asm, Product: bankloanstypes.Product{
			Bank: bank.String(), Name: "Workshop", MaxAmount: math.NewInt(50 * rsc), MaxInstallments: 12,
			AnnualRate: dec("0.12"), InstallmentPeriod: 30 * day, PenaltyRate: dec("0.01"), DefaultAfter: 12,
		}})
	r.Grant(bank, []region.Account{f.alice, f.bob, f.carol}, f.alice, &bankloanstypes.MsgApprove{})
	r.MustDeliver(frank, &bankloanstypes.MsgApply{Borrower: frank.String(), ProductId: 1, Amount: math.NewInt(12 * rsc), Installments: 12, Purpose: "a workshop"})
	loanID, err := r.App.BankLoansKeeper.LoanSeq.Peek(r.Ctx())
	require.NoError(t, err)
	r.Must(r.Manage(f.alice, &bankloanstypes.MsgApprove{Bank: bank.String(), LoanId: loanID}))
	r.MustDeliver(frank, &types.MsgAcceptOffer{Applicant: frank.String(), EntryId: func() uint64 {
		f.unit(types.UNIT_KIND_APARTMENT, "", 50)
		return f.join(frank, types.UNIT_KIND_APARTMENT, "", 0)
	}()})
	f.give(frank, f.dave.Addr, r.Balance(frank.Addr).Int64())
	start := f.lease(1).Start
	f.until(start.Add(30 * day))
	f.until(start.Add(60 * day))
	f.until(start.Add(70 * day))
	require.True(t, f.lease(1).EndedForArrears)
	require.Equal(t, int64(2_100_000), f.debts(frank.Addr).Total.Int64())

	// 24 RSC of revenue in the period: half for the 4 members, 3 RSC each.
	require.NoError(t, r.App.DividendKeeper.Book(r.Ctx(), dividendtypes.SOURCE_INCOME_TAX, math.NewInt(24*rsc)))
	loan, err := r.App.BankLoansKeeper.Loans.Get(r.Ctx(), loanID)
	require.NoError(t, err)
	require.Equal(t, uint32(2), loan.Missed, "two installments missed")
	due := *loan.NextDue
	r.At(due.Add(-time.Second))
	owed, err := dividendkeeper.NewQueryServerImpl(r.App.DividendKeeper).Payouts(r.Ctx(), &dividendtypes.QueryPayoutsRequest{Member: frank.String()})
	require.NoError(t, err)
	require.Equal(t, int64(3*rsc), owed.Owed.Int64())
	agency, treasury := r.Balance(f.agency), r.Balance(f.treasury)
	paidBefore := loan.PrincipalPaid.Add(loan.InterestPaid)
	interestBefore := loan.InterestPaid

	r.DeliverAt(due, frank, &dividendtypes.MsgClaim{Member: frank.String()})
	require.True(t, r.Balance(frank.Addr).IsZero())
	require.Equal(t, agency.AddRaw(2_100_000), r.Balance(f.agency), "the debt first")
	require.True(t, f.debts(frank.Addr).Total.IsZero())
	loan, err = r.App.BankLoansKeeper.Loans.Get(r.Ctx(), loanID)
	require.NoError(t, err)
	require.Equal(t, int64(900_000), loan.PrincipalPaid.Add(loan.InterestPaid).Sub(paidBefore).Int64(), "the installment gets what is left")
	require.Equal(t, treasury.SubRaw(3*rsc).Add(loan.InterestPaid.Sub(interestBefore)), r.Balance(f.treasury), "the dividend out, the interest in")
	f.indexesHold()
}

// TestOwesWagesPaysNoRent: a company tenant that owes wage claims pays no rent while it does
// (its money goes to its workers first): the month is owed as arrears, its money untouched.
// The Bakery Co-op leases an oven and holds 3.95 RSC when its rent falls due; in one case it
// owes its workers wages then (x/payroll's index of indebted companies: the claims pass has
// not yet taken its money).
func TestOwesWagesPaysNoRent(t *testing.T) {
	for _, owes := range []bool{false, true} {
		t.Run(map[bool]string{false: "no claims: pays", true: "owes wages: arrears"}[owes], func(t *testing.T) {
			f := setup(t)
			r := f.r
			require.NoError(t, region.Pay(r.Ctx(), r.App, router.Purchase, f.dave.Addr, f.bakery, math.NewInt(5*rsc)))
			oven := f.unit(types.UNIT_KIND_EQUIPMENT, "", 1)
			f.r.Must(f.r.Manage(f.alice, &types.MsgJoinWaitlist{Applicant: f.bakery.String(), Kind: types.UNIT_KIND_EQUIPMENT}))
			f.r.Must(f.r.Manage(f.alice, &types.MsgAcceptOffer{Applicant: f.bakery.String(), EntryId: f.getUnit(oven).OfferedTo}))
			held, agency := r.Balance(f.bakery), r.Balance(f.agency)
			require.Equal(t, int64(5*rsc-1_050_000), held.Int64())
			due := *f.lease(1).NextDue
			r.At(due.Add(-time.Second))
			if owes {
				require.NoError(t, r.App.PayrollKeeper.Indebted.Set(r.Ctx(), f.bakery))
			}
			r.At(due)
			owing, err := r.App.PayrollKeeper.OwesWages(r.Ctx(), f.bakery)
			require.NoError(t, err)
			require.Equal(t, owes, owing)
			l := f.lease(1)
			if owes {
				require.Equal(t, held, r.Balance(f.bakery), "its money is its workers'")
				require.Equal(t, agency, r.Balance(f.agency))
				require.Equal(t, int64(1_050_000), l.Arrears().Int64(), "the month is owed")
				return
			}
			require.Equal(t, held.SubRaw(1_050_000), r.Balance(f.bakery))
			require.Equal(t, agency.AddRaw(1_050_000), r.Balance(f.agency))
			require.True(t, l.Arrears().IsZero())
		})
	}
}

// TestNoticesAndDebtsInvariantBreaks: a notice out of its queue, a debt out of the debtors'
// index, or a stray entry in either breaks the invariant.
func TestNoticesAndDebtsInvariantBreaks(t *testing.T) {
	const day = 24 * time.Hour
	cases := []struct {
		name  string
		until time.Duration // after the lease's start: 60 days, a notice; 70, a debt
		spoil func(f *fixture, l types.Lease)
	}{
		{"a notice out of its queue", 60 * day, func(f *fixture, l types.Lease) {
			require.NoError(f.t, f.r.App.HousingKeeper.NoticesDue.Remove(f.r.Ctx(), collections.Join(*l.NoticeEnds, l.Id)))
		}},
		{"a stray notice", 60 * day, func(f *fixture, l types.Lease) {
			require.NoError(f.t, f.r.App.HousingKeeper.NoticesDue.Set(f.r.Ctx(), collections.Join(l.NoticeEnds.Add(time.Hour), l.Id)))
		}},
		{"a debt out of the index", 70 * day, func(f *fixture, l types.Lease) {
			require.NoError(f.t, f.r.App.HousingKeeper.Debtors.Remove(f.r.Ctx(), collections.Join(f.erin.Addr, l.Id)))
		}},
		{"a stray debt", 70 * day, func(f *fixture, l types.Lease) {
			require.NoError(f.t, f.r.App.HousingKeeper.Debtors.Set(f.r.Ctx(), collections.Join(f.dave.Addr, l.Id)))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			f.setRule(2, 10*day)
			f.unit(types.UNIT_KIND_APARTMENT, "", 50)
			f.r.MustDeliver(f.erin, &types.MsgAcceptOffer{Applicant: f.erin.String(), EntryId: f.join(f.erin, types.UNIT_KIND_APARTMENT, "", 0)})
			f.give(f.erin, f.dave.Addr, 10*rsc-1_200_000)
			start := f.lease(1).Start
			for _, d := range []time.Duration{30 * day, 60 * day, 70 * day} {
				if d <= tc.until {
					f.until(start.Add(d))
				}
			}
			f.indexesHold()
			tc.spoil(f, f.lease(1))
			_, broken := keeper.NoticesAndDebtsIndexedInvariant(f.r.App.HousingKeeper)(f.r.Ctx())
			require.True(t, broken)
		})
	}
}
