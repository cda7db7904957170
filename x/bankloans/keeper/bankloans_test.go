package keeper_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/bankloans/keeper"
	"github.com/conductor-coop/conductor/x/bankloans/types"
	housingtypes "github.com/conductor-coop/conductor/x/housing/types"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	payrollkeeper "github.com/conductor-coop/conductor/x/payroll/keeper"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
)

var dec = math.LegacyMustNewDecFromStr

// month is the test product's installment period: 730 hours, a twelfth of a year, so 12% a
// year is exactly 1% a period.
const month = 730 * time.Hour

const rsc = 1_000_000

type fixture struct {
	t                             *testing.T
	r                             *region.Region
	alice, bob, carol, dave, erin region.Account
	bank, bakery, mill, treasury  sdk.AccAddress
	q                             types.QueryServer
	product                       uint64
}

// setup: the assembly gives the Regional Public Bank 500 RSC and a product (up to 300 RSC,
// 12 monthly installments at 12% a year, 1% penalty a month on arrears, default after 3
// misses); alice is the bank's loan officer (authz). The Mill Co-op (carol, who manages
// it) and the Bakery (alice, manager) are companies; erin has 1 RSC.
func setup(t *testing.T) *fixture {
	cfg := region.DefaultConfig()
	cfg.NonMembers = append(cfg.NonMembers, "erin")
	cfg.Balances = map[string]int64{"erin": 1 * rsc}
	cfg.Institutions = append(cfg.Institutions, region.Institution{Name: "Mill Co-op", Kind: membershiptypes.AGENT_KIND_COMPANY, Workers: []string{"carol"}})
	r := region.New(t, cfg)
	f := &fixture{
		t: t, r: r, alice: r.Accounts["alice"], bob: r.Accounts["bob"], carol: r.Accounts["carol"], dave: r.Accounts["dave"], erin: r.Accounts["erin"],
		bank: r.AgentAddr("Regional Public Bank"), bakery: r.AgentAddr("Bakery Co-op"), mill: r.AgentAddr("Mill Co-op"),
		treasury: r.AgentAddr("Regional treasury"), q: keeper.NewQueryServerImpl(r.App.BankLoansKeeper),
	}
	asm := r.Assembly()
	r.Pass(asm, []region.Account{f.alice, f.bob},
		&types.MsgFundBank{Authority: asm, Bank: f.bank.String(), Amount: math.NewInt(500 * rsc)},
		&types.MsgSetProduct{Signer: asm, Product: types.Product{
			Bank: f.bank.String(), Name: "Home and workshop", MaxAmount: math.NewInt(300 * rsc), MaxInstallments: 12,
			AnnualRate: dec("0.12"), InstallmentPeriod: month, PenaltyRate: dec("0.01"), DefaultAfter: 3,
		}})
	f.product = 1
	f.r.Grant(f.bank, []region.Account{f.alice, f.bob}, f.alice, &types.MsgApprove{}, &types.MsgReject{}, &types.MsgForgive{}, &types.MsgForceBankruptcy{}, &types.MsgSetProduct{})
	f.r.Grant(f.mill, []region.Account{f.carol}, f.carol, &types.MsgApply{}, &types.MsgRepay{}, &types.MsgDeclareBankruptcy{},
		&markettypes.MsgCreateListing{}, &markettypes.MsgPurchase{}, &payrolltypes.MsgPostJob{}, &payrolltypes.MsgHire{})
	f.r.Grant(f.bakery, []region.Account{f.alice, f.bob}, f.alice, &markettypes.MsgCreateListing{}, &markettypes.MsgPurchase{}, &types.MsgDeclareBankruptcy{})
	return f
}

// borrow has borrower apply (signed by signer: the borrower, or its manager) and the loan
// officer approve; it returns the loan.
func (f *fixture) borrow(signer region.Account, borrower sdk.AccAddress, amount int64, installments uint32) types.Loan {
	msg := &types.MsgApply{Borrower: borrower.String(), ProductId: f.product, Amount: math.NewInt(amount), Installments: installments, Purpose: "a workshop"}
	if signer.Addr.Equals(borrower) {
		f.r.Must(f.r.Deliver(signer, msg))
	} else {
		f.r.Must(f.r.Manage(signer, msg))
	}
	id, err := f.r.App.BankLoansKeeper.LoanSeq.Peek(f.r.Ctx())
	require.NoError(f.t, err)
	f.r.Must(f.r.Manage(f.alice, &types.MsgApprove{Bank: f.bank.String(), LoanId: id}))
	return f.loan(id).Loan
}

func (f *fixture) loan(id uint64) *types.QueryLoanResponse {
	res, err := f.q.Loan(f.r.Ctx(), &types.QueryLoanRequest{Id: id})
	require.NoError(f.t, err)
	return res
}

func (f *fixture) portfolio() types.Portfolio {
	res, err := f.q.Portfolio(f.r.Ctx(), &types.QueryPortfolioRequest{Bank: f.bank.String()})
	require.NoError(f.t, err)
	return res.Portfolio
}

// untilDue commits a block at the loan's next due date (the collection runs in it).
func (f *fixture) untilDue(id uint64) {
	l := f.loan(id).Loan
	require.NotNil(f.t, l.NextDue)
	f.r.At(*l.NextDue)
}

func (f *fixture) invariantHolds() {
	f.t.Helper()
	for _, inv := range []sdk.Invariant{keeper.CapitalAccountedInvariant(f.r.App.BankLoansKeeper), keeper.PaymentsFoldedInvariant(f.r.App.BankLoansKeeper)} {
		msg, broken := inv(f.r.Ctx())
		require.False(f.t, broken, msg)
	}
}

// TestLoanRepaidOnSchedule: dave borrows 120 RSC over 12 months at 1% a month. Each
// installment is collected when due without a transaction: interest to the treasury,
// principal back to the bank's capital; the last one takes what is left, so the principal
// repaid is exactly what was lent.
func TestLoanRepaidOnSchedule(t *testing.T) {
	f := setup(t)
	r := f.r
	daveStart, treasuryStart := r.Balance(f.dave.Addr), r.Balance(f.treasury)
	l := f.borrow(f.dave, f.dave.Addr, 120*rsc, 12)
	require.Equal(t, types.LOAN_STATUS_ACTIVE, l.Status)
	require.Equal(t, int64(10_661_855), l.Installment.Int64(), "120 RSC x 0.01 x 1.01^12 / (1.01^12 - 1), rounded up")
	require.Equal(t, daveStart.AddRaw(120*rsc), r.Balance(f.dave.Addr))
	require.Equal(t, &membershiptypes.Approval{Manager: f.alice.String()}, l.Decision, "who approved")
	p := f.portfolio()
	require.Equal(t, int64(380*rsc), p.Capital.Int64())
	require.Equal(t, int64(120*rsc), p.Outstanding.Int64())
	schedule := f.loan(l.Id).Schedule
	require.Len(t, schedule, 12)
	require.Equal(t, int64(1_200_000), schedule[0].Interest.Int64())

	interest := math.ZeroInt()
	for i, due := range schedule {
		before := r.Balance(f.dave.Addr)
		f.untilDue(l.Id)
		require.Equal(t, before.Sub(due.Total), r.Balance(f.dave.Addr), "installment %d", i+1)
		interest = interest.Add(due.Interest)
	}
	l = f.loan(l.Id).Loan
	require.Equal(t, types.LOAN_STATUS_REPAID, l.Status)
	require.Equal(t, int64(120*rsc), l.PrincipalPaid.Int64(), "the principal parts sum to the principal exactly")
	require.Equal(t, interest, l.InterestPaid)
	require.Equal(t, treasuryStart.Add(interest), r.Balance(f.treasury), "interest is the treasury's revenue")
	require.Equal(t, daveStart.Sub(interest), r.Balance(f.dave.Addr))
	p = f.portfolio()
	require.Equal(t, int64(500*rsc), p.Capital.Int64())
	require.True(t, p.Outstanding.IsZero())
	require.Equal(t, interest, p.InterestCollected)
	require.Zero(t, p.ActiveLoans)
	require.Len(t, f.loan(l.Id).History, 13, "disbursement and 12 installments")
	// recorded as RSC flows (x/valueflows): the loan to dave, his 12 repayments to the bank
	lent, n := r.RSCFlows(l.Bank, f.dave.String(), "bankloans/loan/")
	require.Equal(t, int64(120*rsc), lent.Int64())
	require.Equal(t, 1, n)
	repaid, n := r.RSCFlows(f.dave.String(), l.Bank, "bankloans/loan/")
	require.Equal(t, interest.AddRaw(120*rsc), repaid)
	require.Equal(t, 12, n)
	f.invariantHolds()
}

// TestArrearsAndDefault: erin cannot pay. A missed installment makes the loan delinquent
// with arrears and a penalty; when money arrives the arrears are collected first; after
// three misses the loan defaults and collections stop.
func TestArrearsAndDefault(t *testing.T) {
	f := setup(t)
	r := f.r
	l := f.borrow(f.erin, f.erin.Addr, 12*rsc, 12)
	A := l.Installment.Int64()
	// erin spends it all.
	f.r.Must(r.Deliver(f.erin, banktypes.NewMsgSend(f.erin.Addr, f.dave.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, r.Balance(f.erin.Addr).Int64())))))

	f.untilDue(l.Id) // miss 1
	l = f.loan(l.Id).Loan
	require.Equal(t, types.LOAN_STATUS_DELINQUENT, l.Status)
	require.Equal(t, uint32(1), l.Missed)
	require.Equal(t, A, l.ArrearsInterest.Add(l.ArrearsPrincipal).Int64(), "the installment is in arrears")
	require.Equal(t, int64(120_000), l.ArrearsInterest.Int64())
	require.Equal(t, A, f.portfolio().Arrears.Int64(), "the bank's portfolio shows the arrears")

	// money arrives; the next due date collects the arrears, a penalty on them, and the installment.
	f.r.Must(r.Deliver(f.dave, banktypes.NewMsgSend(f.dave.Addr, f.erin.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 3*A)))))
	penalty := A / 100
	interest2, principal2 := types.Split(l.Remaining, l.Installment, l.PeriodRate)
	f.untilDue(l.Id)
	l = f.loan(l.Id).Loan
	require.Equal(t, types.LOAN_STATUS_ACTIVE, l.Status, "arrears cleared")
	require.True(t, f.portfolio().Arrears.IsZero())
	require.True(t, l.ArrearsInterest.IsZero() && l.ArrearsPrincipal.IsZero())
	require.Equal(t, 3*A-(A+penalty+interest2.Int64()+principal2.Int64()), r.Balance(f.erin.Addr).Int64())

	// spent again: three more misses and the loan defaults.
	f.r.Must(r.Deliver(f.erin, banktypes.NewMsgSend(f.erin.Addr, f.dave.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, r.Balance(f.erin.Addr).Int64())))))
	f.untilDue(l.Id)
	f.untilDue(l.Id)
	l = f.loan(l.Id).Loan
	require.Equal(t, uint32(3), l.Missed)
	require.Equal(t, types.LOAN_STATUS_DEFAULTED, l.Status)
	require.Nil(t, l.NextDue, "collections stop")
	require.Empty(t, f.loan(l.Id).Schedule)
	p := f.portfolio()
	require.Equal(t, uint64(1), p.DefaultedLoans)
	require.Zero(t, p.ActiveLoans)
	r.At(r.Time.Add(2 * month))
	require.Equal(t, l, f.loan(l.Id).Loan, "nothing more is collected")

	// erin repays it all later: arrears first, then the rest; the loan is repaid.
	owed := l.Owed()
	f.r.Must(r.Deliver(f.dave, banktypes.NewMsgSend(f.dave.Addr, f.erin.Addr, sdk.NewCoins(sdk.NewCoin(app.Denom, owed.AddRaw(5))))))
	f.r.Must(r.Deliver(f.erin, &types.MsgRepay{Borrower: f.erin.String(), LoanId: l.Id, Amount: owed.AddRaw(5)}))
	l = f.loan(l.Id).Loan
	require.Equal(t, types.LOAN_STATUS_REPAID, l.Status)
	require.Equal(t, int64(5), r.Balance(f.erin.Addr).Int64(), "no more than owed is taken")
	require.Equal(t, int64(12*rsc), l.PrincipalPaid.Int64())
	f.invariantHolds()
}

// TestEarlyRepayment: a partial repayment ahead of schedule lowers the principal (no
// interest on it): the installments stay the same and the loan ends sooner.
func TestEarlyRepayment(t *testing.T) {
	f := setup(t)
	r := f.r
	l := f.borrow(f.dave, f.dave.Addr, 100*rsc, 10)
	require.Len(t, f.loan(l.Id).Schedule, 10)
	res := r.Deliver(f.dave, &types.MsgRepay{Borrower: f.dave.String(), LoanId: l.Id, Amount: math.NewInt(50 * rsc)})
	f.r.Must(res)
	l = f.loan(l.Id).Loan
	require.Equal(t, int64(50*rsc), l.Remaining.Int64())
	require.Equal(t, int64(50*rsc), f.portfolio().Outstanding.Int64())
	schedule := f.loan(l.Id).Schedule
	require.Less(t, len(schedule), 10)
	require.Equal(t, l.Installment, schedule[0].Total)
	f.untilDue(l.Id)
	require.Equal(t, schedule[0].Remaining, f.loan(l.Id).Loan.Remaining)
	f.invariantHolds()
}

// TestForgive: the bank writes a loan off; the decision and reason are recorded.
func TestForgive(t *testing.T) {
	f := setup(t)
	l := f.borrow(f.dave, f.dave.Addr, 50*rsc, 5)
	f.r.Must(f.r.Manage(f.alice, &types.MsgForgive{Bank: f.bank.String(), LoanId: l.Id, Reason: "flood"}))
	l = f.loan(l.Id).Loan
	require.Equal(t, types.LOAN_STATUS_FORGIVEN, l.Status)
	require.Equal(t, int64(50*rsc), l.WrittenOff.Int64())
	require.Equal(t, "flood", l.Note)
	require.Equal(t, f.alice.String(), l.Decision.Manager)
	p := f.portfolio()
	require.Equal(t, int64(50*rsc), p.WrittenOff.Int64())
	require.True(t, p.Outstanding.IsZero())
	require.Equal(t, int64(450*rsc), p.Capital.Int64())
	f.invariantHolds()
}

// TestOfficerSelfDealing: a loan officer (alice, with the bank's authz grants) may not
// approve or forgive a loan of her own, or of a company she works in (the Bakery): the
// decision is refused and nothing moves. The bank's board decides those loans together, by
// proposal, and the proposal is recorded as the decision.
func TestOfficerSelfDealing(t *testing.T) {
	cases := []struct {
		name     string
		borrower func(f *fixture) sdk.AccAddress
		apply    func(f *fixture, msg *types.MsgApply)
	}{
		{"her own loan", func(f *fixture) sdk.AccAddress { return f.alice.Addr }, func(f *fixture, msg *types.MsgApply) {
			f.r.Must(f.r.Deliver(f.alice, msg))
		}},
		{"a loan of the company she works in", func(f *fixture) sdk.AccAddress { return f.bakery }, func(f *fixture, msg *types.MsgApply) {
			f.r.Pass(f.bakery.String(), []region.Account{f.alice, f.bob}, msg)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t)
			r := f.r
			borrower := c.borrower(f)
			c.apply(f, &types.MsgApply{Borrower: borrower.String(), ProductId: f.product, Amount: math.NewInt(50 * rsc), Installments: 5, Purpose: "a workshop"})
			id, err := r.App.BankLoansKeeper.LoanSeq.Peek(r.Ctx())
			require.NoError(t, err)
			held, capital := r.Balance(borrower), f.portfolio().Capital
			board := []region.Account{f.alice, f.bob}

			res := r.Manage(f.alice, &types.MsgApprove{Bank: f.bank.String(), LoanId: id})
			region.RequireError(t, types.ErrSelfDealing, res)
			require.Contains(t, res.Log, types.ErrSelfDealing.Error())
			require.Equal(t, types.LOAN_STATUS_APPLIED, f.loan(id).Loan.Status)
			require.Equal(t, held, r.Balance(borrower), "nothing disbursed")
			require.Equal(t, capital, f.portfolio().Capital)

			approve := &types.MsgApprove{Bank: f.bank.String(), LoanId: id}
			proposal := r.Propose(f.alice, f.bank.String(), approve)
			r.Vote(proposal, group.VOTE_OPTION_YES, board...)
			result, logs := r.Exec(proposal, f.alice)
			require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, "the board decides: %s", logs)
			l := f.loan(id).Loan
			require.Equal(t, types.LOAN_STATUS_ACTIVE, l.Status)
			require.Equal(t, &membershiptypes.Approval{ProposalId: proposal}, l.Decision)
			require.Equal(t, held.AddRaw(50*rsc), r.Balance(borrower))

			res = r.Manage(f.alice, &types.MsgForgive{Bank: f.bank.String(), LoanId: id, Reason: "a friend"})
			region.RequireError(t, types.ErrSelfDealing, res)
			require.Contains(t, res.Log, types.ErrSelfDealing.Error())
			l = f.loan(id).Loan
			require.Equal(t, types.LOAN_STATUS_ACTIVE, l.Status)
			require.True(t, l.WrittenOff.IsZero())
			require.Equal(t, int64(50*rsc), f.portfolio().Outstanding.Int64())

			forgive := &types.MsgForgive{Bank: f.bank.String(), LoanId: id, Reason: "flood"}
			proposal = r.Propose(f.bob, f.bank.String(), forgive)
			r.Vote(proposal, group.VOTE_OPTION_YES, board...)
			result, logs = r.Exec(proposal, f.alice)
			require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, "the board decides: %s", logs)
			l = f.loan(id).Loan
			require.Equal(t, types.LOAN_STATUS_FORGIVEN, l.Status)
			require.Equal(t, &membershiptypes.Approval{ProposalId: proposal}, l.Decision)
			require.Equal(t, int64(50*rsc), l.WrittenOff.Int64())
			f.invariantHolds()
		})
	}
}

// TestBankruptcy: the Mill Co-op borrowed 100 RSC and spent 95; dave's 60 RSC of wages
// take its last 5 RSC (a claim paid in part) and the 55 RSC left are a claim. When the
// Bakery pays the Mill 80 RSC, the claim is paid first, in the same block, without new work;
// in its bankruptcy the 25 RSC left go to the bank; the rest of the loan is written off; its
// listings close and it is dissolved: nothing can reach it afterwards.
func TestBankruptcy(t *testing.T) {
	f := setup(t)
	r := f.r
	loan := f.borrow(f.carol, f.mill, 100*rsc, 12)
	require.Equal(t, int64(100*rsc), r.Balance(f.mill).Int64(), "disbursed to the company's account")

	// The Mill spends 95 RSC on bread.
	f.r.Must(f.r.Manage(f.alice, &markettypes.MsgCreateListing{Seller: f.bakery.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "Bread", Unit: "loaf", UnitPrice: math.NewInt(rsc), Stock: "unlimited"}))
	f.r.Must(f.r.Manage(f.carol, &markettypes.MsgPurchase{Buyer: f.mill.String(), ListingId: 1, Quantity: 95}))
	require.Equal(t, int64(5*rsc), r.Balance(f.mill).Int64())

	daveBefore, treasuryBefore := r.Balance(f.dave.Addr), r.Balance(f.treasury)
	f.millOwesDave()
	require.Equal(t, daveBefore.AddRaw(4*rsc), r.Balance(f.dave.Addr), "the Mill's 5 RSC to the claim at once: 4 net")
	owes, err := r.App.PayrollKeeper.OwesWages(r.Ctx(), f.mill)
	require.NoError(t, err)
	require.True(t, owes, "the wages are a claim")

	// The Bakery buys 80 RSC of flour from the Mill: the claim is paid in that block.
	f.r.Must(f.r.Manage(f.carol, &markettypes.MsgCreateListing{Seller: f.mill.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "Flour", Unit: "kg", UnitPrice: math.NewInt(rsc), Stock: "1000"}))
	f.r.Must(f.r.Manage(f.alice, &markettypes.MsgPurchase{Buyer: f.bakery.String(), ListingId: 2, Quantity: 80}))
	require.Equal(t, int64(25*rsc), r.Balance(f.mill).Int64(), "80 RSC arrived, 55 RSC to the claim")
	require.Equal(t, daveBefore.AddRaw(48*rsc), r.Balance(f.dave.Addr), "60 RSC gross, 48 net")
	owes, err = r.App.PayrollKeeper.OwesWages(r.Ctx(), f.mill)
	require.NoError(t, err)
	require.False(t, owes)

	capitalBefore := f.portfolio().Capital
	// The bank cannot force it: the loan has not defaulted.
	region.RequireError(t, types.ErrNotDefaulted, f.r.Manage(f.alice, &types.MsgForceBankruptcy{Bank: f.bank.String(), LoanId: loan.Id}))
	f.r.Must(f.r.Manage(f.carol, &types.MsgDeclareBankruptcy{Company: f.mill.String()}))

	loan = f.loan(loan.Id).Loan
	require.Equal(t, types.LOAN_STATUS_BANKRUPT, loan.Status)
	require.Equal(t, int64(25*rsc), loan.PrincipalPaid.Int64(), "then the bank")
	require.Equal(t, int64(75*rsc), loan.WrittenOff.Int64())
	require.Equal(t, capitalBefore.AddRaw(25*rsc), f.portfolio().Capital)
	require.Equal(t, treasuryBefore.AddRaw(12*rsc), r.Balance(f.treasury), "the income tax on the wages")
	require.True(t, r.Balance(f.mill).IsZero())
	require.Equal(t, membershiptypes.AGENT_KIND_DISSOLVED, r.Agent("Mill Co-op").Kind)

	// Nothing reaches it any more.
	region.RequireError(t, markettypes.ErrUnknownListing, r.Deliver(f.dave, &markettypes.MsgPurchase{Buyer: f.dave.String(), ListingId: 2, Quantity: 1}))
	region.RequireError(t, markettypes.ErrNotSeller, f.r.Manage(f.carol, &markettypes.MsgCreateListing{Seller: f.mill.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "Flour", Unit: "kg", UnitPrice: math.NewInt(1), Stock: "1"}))
	region.RequireError(t, membershiptypes.ErrDirectTransfer, r.Deliver(f.dave, banktypes.NewMsgSend(f.dave.Addr, f.mill, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1)))))
	region.RequireError(t, types.ErrNotBorrower, f.r.Manage(f.carol, &types.MsgApply{Borrower: f.mill.String(), ProductId: f.product, Amount: math.NewInt(rsc), Installments: 1}))
	region.RequireError(t, membershiptypes.ErrDissolved, f.r.Manage(f.carol, &types.MsgDeclareBankruptcy{Company: f.mill.String()}))
	f.invariantHolds()
}

// millOwesDave: dave works two hours for the Mill at 30 RSC an hour, paid each hour; the
// Mill (with less than 30 RSC) pays its first claim what it has, in part: the rest of the
// 60 RSC is owed as claims.
func (f *fixture) millOwesDave() {
	r := f.r
	held := r.Balance(f.mill)
	f.hireDave()
	h1 := r.Time.Truncate(time.Hour).Add(time.Hour)
	r.DeliverAt(h1, f.dave, &payrolltypes.MsgClockIn{Worker: f.dave.String(), EmploymentId: 1})
	r.DeliverAt(h1.Add(2*time.Hour), f.dave, &payrolltypes.MsgClockOut{Worker: f.dave.String(), EmploymentId: 1})
	r.At(h1.Add(2*time.Hour + time.Minute))
	claims, err := r.App.PayrollKeeper.Totals.Get(r.Ctx())
	require.NoError(f.t, err)
	require.Equal(f.t, 60*rsc-held.Int64(), claims.Claimed.Int64())
	require.True(f.t, r.Balance(f.mill).IsZero(), "all it had went to the claim")
}

// hireDave: the Mill hires dave as a miller at 30 RSC an hour.
func (f *fixture) hireDave() {
	r := f.r
	asm := r.Assembly()
	r.Pass(asm, []region.Account{f.alice, f.bob}, &payrolltypes.MsgSetOccupation{Authority: asm, Occupation: payrolltypes.Occupation{
		Name: "miller", MinWage: math.NewInt(20 * rsc), MaxWage: math.NewInt(40 * rsc), Training: dec("0.5"), RegionalNeed: dec("0.2"), Stress: dec("0.2"),
	}})
	f.r.Must(f.r.Manage(f.carol, &payrolltypes.MsgPostJob{Company: f.mill.String(), OccupationId: 1, HoursPerWeek: 10, Wage: math.NewInt(30 * rsc), Description: "milling"}))
	f.r.Must(r.Deliver(f.dave, &payrolltypes.MsgApply{Applicant: f.dave.String(), JobId: 1}))
	f.r.Must(f.r.Manage(f.carol, &payrolltypes.MsgHire{Company: f.mill.String(), JobId: 1, Applicant: f.dave.String()}))
}

// TestWagesComeFirst: a company that owes wages pays them before its installment: the 10 RSC
// it borrowed went to dave's claim, the installment is missed.
func TestWagesComeFirst(t *testing.T) {
	f := setup(t)
	l := f.borrow(f.carol, f.mill, 10*rsc, 12)
	dave := f.r.Balance(f.dave.Addr)
	f.millOwesDave()
	f.untilDue(l.Id)
	l = f.loan(l.Id).Loan
	require.Equal(t, uint32(1), l.Missed)
	require.Equal(t, types.LOAN_STATUS_DELINQUENT, l.Status)
	require.Equal(t, int64(8*rsc), f.r.Balance(f.dave.Addr).Sub(dave).Int64(), "10 RSC gross to dave's claim")
	require.True(t, f.r.Balance(f.mill).IsZero())
	f.invariantHolds()
}

// TestBankruptcyPaysWorkersInPart: the Mill holds 12.64 RSC when it declares bankruptcy 50
// minutes into dave's shift: his 25 RSC wage is more than it has, and the workers come
// first: he is paid the 12.64 RSC (a claim paid in part, less its tax), the bank nothing, and
// the rest of his wage stays owed by the dissolved co-op.
func TestBankruptcyPaysWorkersInPart(t *testing.T) {
	f := setup(t)
	r := f.r
	loan := f.borrow(f.carol, f.mill, 100*rsc, 12)
	f.r.Must(f.r.Manage(f.alice, &markettypes.MsgCreateListing{Seller: f.bakery.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "Bread", Unit: "g", UnitPrice: math.NewInt(10_000), Stock: "unlimited"}))
	f.r.Must(f.r.Manage(f.carol, &markettypes.MsgPurchase{Buyer: f.mill.String(), ListingId: 1, Quantity: 8736}))
	require.Equal(t, int64(12_640_000), r.Balance(f.mill).Int64())
	f.hireDave()
	h1 := r.Time.Truncate(time.Hour).Add(time.Hour)
	r.DeliverAt(h1, f.dave, &payrolltypes.MsgClockIn{Worker: f.dave.String(), EmploymentId: 1})
	dave, treasury, capital := r.Balance(f.dave.Addr), r.Balance(f.treasury), f.portfolio().Capital
	r.At(h1.Add(50 * time.Minute))
	f.r.Must(f.r.Manage(f.carol, &types.MsgDeclareBankruptcy{Company: f.mill.String()}))

	claim, err := r.App.PayrollKeeper.Claims.Get(r.Ctx(), collections.Join(f.mill, uint64(1)))
	require.NoError(t, err)
	require.True(t, claim.Gross.GTE(math.NewInt(25*rsc)), "50 minutes and the block's seconds at 30 RSC: %s", claim.Gross)
	tax := claim.Tax.MulRaw(12_640_000).Quo(claim.Gross) // the claim's tax in proportion, rounded down
	require.Equal(t, claim.PaidTax, tax)
	require.Equal(t, int64(12_640_000)-tax.Int64(), r.Balance(f.dave.Addr).Sub(dave).Int64(), "all 12.64 RSC to the wage, less its tax")
	require.Equal(t, tax, r.Balance(f.treasury).Sub(treasury), "the income tax on what was paid")
	require.True(t, f.loan(loan.Id).Loan.PrincipalPaid.IsZero(), "nothing to the bank while a wage is owed")
	require.Equal(t, int64(100*rsc), f.loan(loan.Id).Loan.WrittenOff.Int64())
	require.Equal(t, capital, f.portfolio().Capital)
	require.Equal(t, claim.Gross.SubRaw(12_640_000), claim.Owed(), "the rest still owed by the dissolved co-op")
	require.Equal(t, membershiptypes.AGENT_KIND_DISSOLVED, r.Agent("Mill Co-op").Kind)
	f.invariantHolds()
}

// TestBankruptcyLeftover: a company no bank funded, with no debts: its funds go to the region.
func TestBankruptcyLeftover(t *testing.T) {
	f := setup(t)
	r := f.r
	require.NoError(t, region.Pay(r.Ctx(), r.App, router.Purchase, f.dave.Addr, f.bakery, math.NewInt(7*rsc)))
	treasury := r.Balance(f.treasury)
	f.r.Must(f.r.Manage(f.alice, &types.MsgDeclareBankruptcy{Company: f.bakery.String()}))
	require.Equal(t, treasury.AddRaw(7*rsc), r.Balance(f.treasury))
	require.Equal(t, membershiptypes.AGENT_KIND_DISSOLVED, r.Agent("Bakery Co-op").Kind)
	flow, n := r.RSCFlows(f.bakery.String(), f.treasury.String(), "bankloans/bankruptcy")
	require.Equal(t, []any{math.NewInt(7 * rsc), 1}, []any{flow, n}, "what is left returns to the region as a value flow")
}

// TestForcedBankruptcy: a company's loan defaults; the bank winds it up.
func TestForcedBankruptcy(t *testing.T) {
	f := setup(t)
	l := f.borrow(f.carol, f.mill, 10*rsc, 12)
	f.r.Must(f.r.Manage(f.alice, &markettypes.MsgCreateListing{Seller: f.bakery.String(), Kind: markettypes.LISTING_KIND_SERVICE, Name: "Catering", Unit: "day", UnitPrice: math.NewInt(10 * rsc), Stock: "unlimited"}))
	f.r.Must(f.r.Manage(f.carol, &markettypes.MsgPurchase{Buyer: f.mill.String(), ListingId: 1, Quantity: 1}))
	for range 3 {
		f.untilDue(l.Id)
	}
	require.Equal(t, types.LOAN_STATUS_DEFAULTED, f.loan(l.Id).Loan.Status)
	f.r.Must(f.r.Manage(f.alice, &types.MsgForceBankruptcy{Bank: f.bank.String(), LoanId: l.Id}))
	l = f.loan(l.Id).Loan
	require.Equal(t, types.LOAN_STATUS_BANKRUPT, l.Status)
	require.Equal(t, int64(10*rsc), l.WrittenOff.Int64())
	require.Zero(t, f.portfolio().DefaultedLoans)
	f.invariantHolds()
}

// TestBadInput: each rule refuses with its registered error and moves nothing.
func TestBadInput(t *testing.T) {
	f := setup(t)
	r := f.r
	apply := func(amount int64, n uint32) *types.MsgApply {
		return &types.MsgApply{Borrower: f.dave.String(), ProductId: f.product, Amount: math.NewInt(amount), Installments: n}
	}
	approved := f.borrow(f.dave, f.dave.Addr, 10*rsc, 2)
	f.r.Must(r.Deliver(f.dave, apply(200*rsc, 2)))
	big, err := r.App.BankLoansKeeper.LoanSeq.Peek(r.Ctx())
	require.NoError(t, err)
	cases := []struct {
		name string
		run  func() *abci.ExecTxResult
		err  *errorsmod.Error
	}{
		{"zero amount", func() *abci.ExecTxResult { return r.Deliver(f.dave, apply(0, 2)) }, types.ErrInvalidAmount},
		{"negative amount", func() *abci.ExecTxResult { return r.Deliver(f.dave, apply(-1, 2)) }, types.ErrInvalidAmount},
		{"zero term", func() *abci.ExecTxResult { return r.Deliver(f.dave, apply(rsc, 0)) }, types.ErrInvalidTerm},
		{"term above the product's", func() *abci.ExecTxResult { return r.Deliver(f.dave, apply(rsc, 13)) }, types.ErrInvalidTerm},
		{"above the product's limit", func() *abci.ExecTxResult { return r.Deliver(f.dave, apply(300*rsc+1, 2)) }, types.ErrAboveLimit},
		{"unknown product", func() *abci.ExecTxResult {
			m := apply(rsc, 2)
			m.ProductId = 9
			return r.Deliver(f.dave, m)
		}, types.ErrUnknownProduct},
		{"approving twice", func() *abci.ExecTxResult {
			return f.r.Manage(f.alice, &types.MsgApprove{Bank: f.bank.String(), LoanId: approved.Id})
		}, types.ErrNotPending},
		{"more than the bank's capital", func() *abci.ExecTxResult {
			require.NoError(t, r.App.BankLoansKeeper.Portfolios.Set(r.Ctx(), f.bank, withCapital(f.portfolio(), 100*rsc)))
			return f.r.Manage(f.alice, &types.MsgApprove{Bank: f.bank.String(), LoanId: big})
		}, types.ErrInsufficientCapital},
		{"repaying someone else's loan", func() *abci.ExecTxResult {
			return r.Deliver(f.carol, &types.MsgRepay{Borrower: f.carol.String(), LoanId: approved.Id, Amount: math.NewInt(1)})
		}, types.ErrNotBorrower},
		{"repaying nothing", func() *abci.ExecTxResult {
			return r.Deliver(f.dave, &types.MsgRepay{Borrower: f.dave.String(), LoanId: approved.Id, Amount: math.ZeroInt()})
		}, types.ErrInvalidAmount},
		{"repaying an unknown loan", func() *abci.ExecTxResult {
			return r.Deliver(f.dave, &types.MsgRepay{Borrower: f.dave.String(), LoanId: 99, Amount: math.NewInt(1)})
		}, types.ErrUnknownLoan},
		{"funding the bank without the assembly", func() *abci.ExecTxResult {
			return r.Deliver(f.dave, &types.MsgFundBank{Authority: f.dave.String(), Bank: f.bank.String(), Amount: math.NewInt(1)})
		}, membershiptypes.ErrUnauthorized},
		{"a product set by a person", func() *abci.ExecTxResult {
			return r.Deliver(f.dave, &types.MsgSetProduct{Signer: f.dave.String(), Product: types.Product{Bank: f.bank.String(), Name: "x", MaxAmount: math.NewInt(1), MaxInstallments: 1, AnnualRate: dec("0"), InstallmentPeriod: month, PenaltyRate: dec("0"), DefaultAfter: 1}})
		}, types.ErrNotBank},
		{"an invalid product", func() *abci.ExecTxResult {
			return f.r.Manage(f.alice, &types.MsgSetProduct{Signer: f.bank.String(), Product: types.Product{Bank: f.bank.String(), Name: "x", MaxAmount: math.NewInt(1), MaxInstallments: 1, AnnualRate: dec("0"), InstallmentPeriod: time.Second, PenaltyRate: dec("0"), DefaultAfter: 1}})
		}, types.ErrInvalidProduct},
		{"a product of a company", func() *abci.ExecTxResult {
			return f.r.Manage(f.alice, &types.MsgSetProduct{Signer: f.bank.String(), Product: types.Product{Bank: f.mill.String()}})
		}, types.ErrNotBank},
		{"the bank does not borrow", func() *abci.ExecTxResult {
			g, err := authz.NewGrant(r.Time, authz.NewGenericAuthorization(sdk.MsgTypeURL(&types.MsgApply{})), nil)
			require.NoError(t, err)
			r.Pass(f.bank.String(), []region.Account{f.alice, f.bob}, &authz.MsgGrant{Granter: f.bank.String(), Grantee: f.bob.String(), Grant: g})
			return f.r.Manage(f.bob, &types.MsgApply{Borrower: f.bank.String(), ProductId: f.product, Amount: math.NewInt(1), Installments: 1})
		}, types.ErrNotBorrower},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dave, treasury := r.Balance(f.dave.Addr), r.Balance(f.treasury)
			region.RequireError(t, c.err, c.run())
			require.Equal(t, dave, r.Balance(f.dave.Addr))
			require.Equal(t, treasury, r.Balance(f.treasury))
		})
	}
}

func withCapital(p types.Portfolio, capital int64) types.Portfolio {
	p.Capital = math.NewInt(capital)
	return p
}

// TestCapitalInvariantBreaks: the invariant sees capital that does not add up.
func TestCapitalInvariantBreaks(t *testing.T) {
	f := setup(t)
	f.borrow(f.dave, f.dave.Addr, 10*rsc, 2)
	f.invariantHolds()
	ctx := f.r.Ctx()
	require.NoError(t, f.r.App.BankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, f.dave.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1))))
	_, broken := keeper.CapitalAccountedInvariant(f.r.App.BankLoansKeeper)(ctx)
	require.True(t, broken)
	require.Equal(t, authtypes.NewModuleAddress(types.ModuleName), f.r.App.AccountKeeper.GetModuleAddress(types.ModuleName))
}

// TestCollectionFailureDoesNotHalt: a loan whose collection fails (here its record is gone,
// as on a corrupt store) is taken out of the queue and the others are still collected; the
// block does not fail.
func TestCollectionFailureDoesNotHalt(t *testing.T) {
	f := setup(t)
	r := f.r
	broken := f.borrow(f.dave, f.dave.Addr, 10*rsc, 2)
	fine := f.borrow(f.carol, f.carol.Addr, 10*rsc, 2)
	require.NoError(t, r.App.BankLoansKeeper.Loans.Remove(r.Ctx(), broken.Id))
	carol := r.Balance(f.carol.Addr)
	r.At(*fine.NextDue)
	require.Equal(t, carol.Sub(fine.Installment), r.Balance(f.carol.Addr), "the other loan was collected")
	has, err := r.App.BankLoansKeeper.Due.Has(r.Ctx(), collections.Join(*broken.NextDue, broken.Id))
	require.NoError(t, err)
	require.False(t, has, "the broken loan left the queue")
	r.At(r.Time.Add(month))
	require.Equal(t, types.LOAN_STATUS_REPAID, f.loan(fine.Id).Loan.Status)
}

// TestBankruptcyPaysRentArrears: rent arrears are the other creditors, paid pro rata after
// the bank, every ursc of the funds to them (the floors' remainder to the largest fraction)
// before anything goes to the region; the company's leases end and the regional equipment
// goes back to the wait-list.
func TestBankruptcyPaysRentArrears(t *testing.T) {
	f := setup(t)
	r := f.r
	asm := r.Assembly()
	r.Pass(asm, []region.Account{f.alice, f.bob}, &membershiptypes.MsgCreateInstitution{Authority: asm, Institution: membershiptypes.Institution{
		Name: "Equipment Agency", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{f.alice.String()},
	}})
	agency := r.AgentAddr("Equipment Agency")
	f.r.Grant(agency, []region.Account{f.alice}, f.alice, &housingtypes.MsgRegisterUnit{})
	f.r.Grant(f.mill, []region.Account{f.carol}, f.carol, &housingtypes.MsgJoinWaitlist{}, &housingtypes.MsgAcceptOffer{})
	for i, tax := range []int64{rsc, 2 * rsc} { // a saw and a lathe
		f.r.Must(f.r.Manage(f.alice, &housingtypes.MsgRegisterUnit{Signer: agency.String(), Unit: housingtypes.Unit{
			Kind: housingtypes.UNIT_KIND_EQUIPMENT, Name: []string{"saw", "lathe"}[i], Area: 1, Agency: agency.String(),
			PropertyTax: math.NewInt(tax), Maintenance: math.ZeroInt(), Administration: math.ZeroInt(),
		}}))
		require.NoError(t, region.Pay(r.Ctx(), r.App, router.Purchase, f.dave.Addr, f.mill, math.NewInt(tax)))
		f.r.Must(f.r.Manage(f.carol, &housingtypes.MsgJoinWaitlist{Applicant: f.mill.String(), Kind: housingtypes.UNIT_KIND_EQUIPMENT}))
		f.r.Must(f.r.Manage(f.carol, &housingtypes.MsgAcceptOffer{Applicant: f.mill.String(), EntryId: uint64(i + 1)}))
	}
	lease, err := r.App.HousingKeeper.Leases.Get(r.Ctx(), 2)
	require.NoError(t, err)
	r.At(*lease.NextDue) // the Mill has nothing: a month of arrears on each
	arrears := func(id uint64) int64 {
		l, err := r.App.HousingKeeper.Leases.Get(r.Ctx(), id)
		require.NoError(t, err)
		return l.ArrearsCost.Int64()
	}
	require.Equal(t, []int64{rsc, 2 * rsc}, []int64{arrears(1), arrears(2)})

	require.NoError(t, region.Pay(r.Ctx(), r.App, router.Purchase, f.dave.Addr, f.mill, math.NewInt(rsc+1)))
	before, treasury := r.Balance(agency), r.Balance(f.treasury)
	f.r.Must(f.r.Manage(f.carol, &types.MsgDeclareBankruptcy{Company: f.mill.String()}))
	require.Equal(t, before.AddRaw(rsc+1), r.Balance(agency), "the other creditors take every ursc left")
	require.Equal(t, treasury, r.Balance(f.treasury), "none to the region while a creditor is owed")
	flow, n := r.RSCFlows(f.mill.String(), agency.String(), "housing/lease/")
	// the first months' rent (settled in the leases' use events) and each lease's share now
	require.Equal(t, []any{math.NewInt(3*rsc + rsc + 1), 4}, []any{flow, n}, "each lease's share is a value flow")
	// floor(1,000,001 x 1/3) = 333,333 (remainder 2/3) and floor(1,000,001 x 2/3) = 666,667
	// (remainder 1/3): the ursc left goes to the saw's larger remainder.
	require.Equal(t, []int64{rsc - 333_334, 2*rsc - 666_667}, []int64{arrears(1), arrears(2)}, "the rest is lost")
	for _, id := range []uint64{1, 2} {
		lease, err = r.App.HousingKeeper.Leases.Get(r.Ctx(), id)
		require.NoError(t, err)
		require.False(t, lease.Active)
		unit, err := r.App.HousingKeeper.Units.Get(r.Ctx(), id)
		require.NoError(t, err)
		require.Equal(t, housingtypes.UNIT_STATUS_VACANT, unit.Status, "the equipment is the region's again")
	}
}

// TestNothingAheadOfWages: while the Mill owes dave wages, money that reaches it in a block
// cannot leave it by any other route before the claims pass of that block pays him: its
// manager's purchase and its loan repayment in the same block as the Bakery's payment are
// refused (ErrOwesWages), and the claims take the money.
func TestNothingAheadOfWages(t *testing.T) {
	for _, tc := range []struct {
		name string
		msg  func(f *fixture, loan uint64) sdk.Msg
	}{
		{"its own purchase", func(f *fixture, _ uint64) sdk.Msg {
			return &markettypes.MsgPurchase{Buyer: f.mill.String(), ListingId: 1, Quantity: 1}
		}},
		{"a repayment to the bank", func(f *fixture, loan uint64) sdk.Msg {
			return &types.MsgRepay{Borrower: f.mill.String(), LoanId: loan, Amount: math.NewInt(rsc)}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			r := f.r
			loan := f.borrow(f.carol, f.mill, 10*rsc, 12)
			f.millOwesDave() // the 10 RSC went to dave; 50 RSC owed
			f.r.Must(f.r.Manage(f.alice, &markettypes.MsgCreateListing{Seller: f.bakery.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "Bread", Unit: "loaf", UnitPrice: math.NewInt(rsc), Stock: "unlimited"}))
			f.r.Must(f.r.Manage(f.carol, &markettypes.MsgCreateListing{Seller: f.mill.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "Flour", Unit: "kg", UnitPrice: math.NewInt(rsc), Stock: "1000"}))
			require.NoError(t, region.Pay(r.Ctx(), r.App, router.Purchase, f.erin.Addr, f.bakery, math.NewInt(rsc)))
			require.NoError(t, region.Pay(r.Ctx(), r.App, router.Purchase, f.alice.Addr, f.bakery, math.NewInt(20*rsc)))
			dave, bakery, capital := r.Balance(f.dave.Addr), r.Balance(f.bakery), f.portfolio().Capital

			pay := authz.NewMsgExec(f.alice.Addr, []sdk.Msg{&markettypes.MsgPurchase{Buyer: f.bakery.String(), ListingId: 2, Quantity: 10}})
			spend := authz.NewMsgExec(f.carol.Addr, []sdk.Msg{tc.msg(f, loan.Id)})
			res := r.NextBlock(time.Second, r.Tx([]region.Account{f.alice}, &pay), r.Tx([]region.Account{f.carol}, &spend))
			require.Zerof(t, res.TxResults[0].Code, "the Bakery pays the Mill: %s", res.TxResults[0].Log)
			region.RequireError(t, payrolltypes.ErrOwesWages, res.TxResults[1])

			require.Equal(t, bakery.SubRaw(10*rsc), r.Balance(f.bakery), "nothing came back to the Bakery")
			require.Equal(t, capital, f.portfolio().Capital, "nothing to the bank")
			require.Equal(t, dave.AddRaw(8*rsc), r.Balance(f.dave.Addr), "the 10 RSC to dave's claim in the same block")
			require.True(t, r.Balance(f.mill).IsZero())
			msg, broken := payrollkeeper.WorkersFirstInvariant(r.App.PayrollKeeper)(r.Ctx())
			require.False(t, broken, msg)
		})
	}
}
