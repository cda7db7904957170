package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/testutil/region"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

// restFixture: windows of a day, the profit-at-rest tax at 2%, no internal sales tax (the
// default, which makes circling free), and day(n) the start of the n-th window from now.
func restFixture(t *testing.T) (*fixture, func(n int64) time.Time) {
	f := setup(t)
	p := f.params
	p.ProfitAtRestTaxRate, p.ProfitAtRestDelay, p.InternalSalesTaxRate = dec("0.02"), 24*time.Hour, math.LegacyZeroDec()
	f.setParams(p)
	today := f.r.Time.Unix() / 86400
	return f, func(n int64) time.Time { return time.Unix((today+n)*86400, 0).UTC() }
}

// coop founds a co-op of workers (the first signs) with a 1 RSC listing, funded with ursc.
func (f *fixture) coop(name string, ursc int64, workers ...region.Account) (sdk.AccAddress, uint64) {
	var addrs []string
	for _, w := range workers {
		addrs = append(addrs, w.String())
	}
	f.r.Must(f.r.Deliver(workers[0], &membershiptypes.MsgFoundCompany{Founder: workers[0].String(), Name: name, Workers: addrs}))
	c := f.r.AgentAddr(name)
	f.r.Pass(c.String(), workers, &markettypes.MsgCreateListing{Seller: c.String(), Kind: markettypes.LISTING_KIND_SERVICE, Name: name + " work", Unit: "hour", UnitPrice: math.NewInt(rsc), Stock: "unlimited"})
	if ursc > 0 {
		require.NoError(f.t, f.r.App.DividendKeeper.Track(f.r.Ctx(), c, math.ZeroInt()))
		require.NoError(f.t, region.Pay(f.r.Ctx(), f.r.App, router.Purchase, f.erin.Addr, c, math.NewInt(ursc)))
	}
	return c, f.lastListing()
}

func (f *fixture) lastListing() uint64 {
	last, err := f.r.App.MarketKeeper.ListingSeq.Peek(f.r.Ctx())
	require.NoError(f.t, err)
	return last
}

// buyAll has buyer spend its whole balance on listing, by its workers' vote.
func (f *fixture) buyAll(buyer sdk.AccAddress, workers []region.Account, listing uint64) {
	n := f.r.Balance(buyer).Quo(math.NewInt(rsc)).Uint64()
	f.r.Pass(buyer.String(), workers, &markettypes.MsgPurchase{Buyer: buyer.String(), ListingId: listing, Quantity: n})
}

// TestCirclingCostsWhatRestingDoes: two co-ops of the same worker (carol) buy each other's
// listings in turn, in alternate windows, so that each holds nothing at some moment of every
// window. What circles is taxed each window as if it had rested in one co-op: the receiver
// counts money from a co-op of the same workers as held since the window's start. Two co-ops
// of different workers trading the same way are taxed only on what rests with them.
func TestCirclingCostsWhatRestingDoes(t *testing.T) {
	f, day := restFixture(t)
	r := f.r
	carol, dave := []region.Account{f.carol}, []region.Account{f.dave}
	a, listingA := f.coop("Mill A", 100*rsc, f.carol)
	b, listingB := f.coop("Mill B", 0, f.carol)
	resting, _ := f.coop("Resting Co-op", 100*rsc, f.carol)
	x, _ := f.coop("Mill X", 100*rsc, f.dave)
	y, listingY := f.coop("Mill Y", 0, f.carol)

	r.At(day(1).Add(time.Minute)) // window 1: A holds 100, X holds 100
	f.buyAll(a, carol, listingB)  // A pays its 100 to B (same worker)
	f.buyAll(x, dave, listingY)
	r.At(day(2).Add(time.Minute)) // window 1 taxed; window 2 begins
	r.NextBlock(time.Second)
	require.Equal(t, int64(98*rsc), r.Balance(resting).Int64(), "resting: 2% of 100")
	require.Equal(t, int64(98*rsc), r.Balance(b).Int64(), "circled into B: taxed as if it had rested")
	require.Equal(t, int64(100*rsc), r.Balance(y).Int64(), "an arm's length sale: not at rest through the window")
	f.buyAll(b, carol, listingA) // window 2: B pays it back to A
	r.At(day(3).Add(time.Minute))
	r.NextBlock(time.Second)
	require.Equal(t, int64(98*rsc-1_960_000), r.Balance(resting).Int64())
	require.Equal(t, int64(98*rsc-1_960_000), r.Balance(a).Int64(), "back in A: taxed again, as resting is")
	require.True(t, r.Balance(b).IsZero())
	f.invariantHolds()
}

// TestBorrowedCapitalNotTaxed: a co-op that borrows 500 RSC to invest and holds it through
// a window pays the profit-at-rest tax only on its own 100 RSC, not on the principal it
// owes the bank (2% a window would cost far more than the loan's interest).
func TestBorrowedCapitalNotTaxed(t *testing.T) {
	f, day := restFixture(t)
	r := f.r
	bank := r.AgentAddr("Regional Public Bank")
	founders := []region.Account{f.alice, f.bob, f.carol}
	r.Pass(r.Assembly(), founders,
		&bankloanstypes.MsgFundBank{Authority: r.Assembly(), Bank: bank.String(), Amount: math.NewInt(600 * rsc)},
		&bankloanstypes.MsgSetProduct{Signer: r.Assembly(), Product: bankloanstypes.Product{
			Bank: bank.String(), Name: "workshop", MaxAmount: math.NewInt(1000 * rsc), MaxInstallments: 60,
			AnnualRate: dec("0.06"), InstallmentPeriod: 30 * 24 * time.Hour, PenaltyRate: dec("0.01"), DefaultAfter: 3,
		}})
	borrower, _ := f.coop("Workshop Co-op", 100*rsc, f.carol)
	control, _ := f.coop("Control Co-op", 100*rsc, f.carol)
	r.Pass(borrower.String(), []region.Account{f.carol}, &bankloanstypes.MsgApply{Borrower: borrower.String(), ProductId: 1, Amount: math.NewInt(500 * rsc), Installments: 60, Purpose: "a lathe"})
	r.Pass(bank.String(), founders, &bankloanstypes.MsgApprove{Bank: bank.String(), LoanId: 1})
	require.Equal(t, int64(600*rsc), r.Balance(borrower).Int64())

	r.At(day(1).Add(time.Minute)) // window 1: the co-op holds its 100 RSC and the 500 borrowed
	r.At(day(2).Add(time.Minute))
	r.NextBlock(time.Second)
	require.Equal(t, int64(98*rsc), r.Balance(control).Int64())
	require.Equal(t, int64(598*rsc), r.Balance(borrower).Int64(), "2% of 100 RSC: the 500 owed to the bank is not profit")
	f.invariantHolds()
}

// TestRestRateChangeFromNextWindow: the assembly raises the profit-at-rest tax from 2% to 10%
// during a window; that window is taxed at 2% (the rate when it opened), the next at 10%.
func TestRestRateChangeFromNextWindow(t *testing.T) {
	f, day := restFixture(t)
	r := f.r
	held, _ := f.coop("Held Co-op", 100*rsc, f.carol)
	r.At(day(1).Add(time.Minute)) // window 1 opens at 2%
	r.At(day(1).Add(12 * time.Hour))
	p := f.params
	p.ProfitAtRestTaxRate = dec("0.10")
	f.setParams(p) // voted mid-window
	r.At(day(2).Add(time.Minute))
	r.NextBlock(time.Second)
	require.Equal(t, int64(98*rsc), r.Balance(held).Int64(), "window 1 at the rate it opened with")
	r.At(day(3).Add(time.Minute))
	r.NextBlock(time.Second)
	require.Equal(t, int64(98*rsc-9_800_000), r.Balance(held).Int64(), "window 2 at 10%")
	f.invariantHolds()
}
