package keeper_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/bankloans/keeper"
	"github.com/conductor-coop/conductor/x/bankloans/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
)

// retain has the assembly set the retention window and the folds a block.
func (f *fixture) retain(window time.Duration, perBlock uint32) {
	params, err := f.r.App.GovernanceParamsKeeper.GetParams(f.r.Ctx())
	require.NoError(f.t, err)
	params.Retention = gptypes.Retention{Window: window, MaxFoldsPerBlock: perBlock}
	f.r.Pass(f.r.Assembly(), []region.Account{f.alice, f.bob}, &gptypes.MsgUpdateParams{Authority: f.r.Assembly(), Params: params})
}

// foldAll has the assembly set an hour's window (ten folds a block) and commits a block two
// hours on: every payment until now is folded.
func (f *fixture) foldAll() {
	f.retain(time.Hour, 10)
	f.r.At(f.r.Time.Add(2 * time.Hour))
}

// send moves RSC between persons.
func (f *fixture) send(from, to region.Account, ursc int64) {
	f.r.Must(f.r.Deliver(from, banktypes.NewMsgSend(from.Addr, to.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, ursc)))))
}

// TestPaymentsFolded: a loan's payments stay in its history for the retention window (two
// months here) and are then folded into the loan's statement, which sums them exactly by
// kind: the disbursement, the installments (one missed), an early repayment. The query
// shows both; the history never holds a payment older than the window; a shorter window
// folds the rest a bounded number a block; the invariants hold throughout.
func TestPaymentsFolded(t *testing.T) {
	f := setup(t)
	r := f.r
	window := 2 * month
	f.retain(window, 2)
	l := f.borrow(f.erin, f.erin.Addr, 12*rsc, 12)
	f.send(f.erin, f.dave, r.Balance(f.erin.Addr).Int64()) // she spends it: the first is missed
	for i := 0; ; i++ {
		if i == 1 {
			f.send(f.dave, f.erin, 20*rsc)
		}
		if i == 4 {
			f.r.Must(r.Deliver(f.erin, &types.MsgRepay{Borrower: f.erin.String(), LoanId: l.Id, Amount: math.NewInt(rsc)}))
		}
		if f.loan(l.Id).Loan.NextDue == nil {
			break
		}
		f.untilDue(l.Id)
		res := f.loan(l.Id)
		for _, p := range res.History {
			require.True(t, p.Time.After(r.Time.Add(-window)), "installment %d: payment %d of %s is past the window", i+1, p.Seq, p.Time)
		}
		folded := uint64(0)
		if res.Statement != nil {
			folded = res.Statement.Folded()
			require.Equal(t, folded+1, res.History[0].Seq, "the history starts where the statement ends")
		}
		require.Equal(t, res.Loan.HistoryLen, folded+uint64(len(res.History)))
		f.invariantHolds()
	}
	l = f.loan(l.Id).Loan
	require.Equal(t, types.LOAN_STATUS_REPAID, l.Status)
	history := f.loan(l.Id)
	require.NotNil(t, history.Statement)
	require.NotEmpty(t, history.History)

	// an hour's window: the rest are folded, one a block
	f.retain(time.Hour, 1)
	left := len(f.loan(l.Id).History)
	require.Equal(t, 2, left, "the last two installments, inside the two months")
	for blocks := 0; left > 0; blocks++ {
		require.Less(t, blocks, 5)
		if blocks == 0 {
			r.At(r.Time.Add(2 * time.Hour))
		} else {
			r.NextBlock(time.Second)
		}
		n := len(f.loan(l.Id).History)
		require.Equal(t, 1, left-n, "one a block")
		left = n
	}
	f.invariantHolds()
	st := f.loan(l.Id).Statement
	require.Equal(t, l.HistoryLen, st.Folded())
	require.Equal(t, 2+uint64(l.DueCount), st.Folded(), "the disbursement, the repayment, the installments")
	lines := map[types.PaymentKind]types.StatementLine{}
	for _, line := range st.Lines {
		lines[line.Kind] = line
	}
	require.Len(t, lines, 3)
	require.Equal(t, uint64(1), lines[types.PAYMENT_KIND_DISBURSEMENT].Payments)
	require.Equal(t, int64(12*rsc), lines[types.PAYMENT_KIND_DISBURSEMENT].Principal.Int64())
	inst, repay := lines[types.PAYMENT_KIND_INSTALLMENT], lines[types.PAYMENT_KIND_REPAYMENT]
	require.Equal(t, uint64(l.DueCount), inst.Payments)
	require.Equal(t, uint32(11), l.DueCount, "the repayment shortened the loan by one")
	require.Equal(t, uint64(1), inst.Missed, "the first installment")
	require.Equal(t, uint64(1), repay.Payments)
	require.Equal(t, int64(rsc), repay.Principal.Add(repay.Interest).Int64())
	require.Equal(t, l.PrincipalPaid, inst.Principal.Add(repay.Principal), "to the ursc")
	require.Equal(t, int64(12*rsc), l.PrincipalPaid.Int64())
	require.Equal(t, l.InterestPaid, inst.Interest.Add(repay.Interest))
	require.Equal(t, f.portfolio().InterestCollected, l.InterestPaid)
}

// TestPaymentsGenesis: an export keeps the statements and the payments left; an import
// rebuilds the fold queue; a genesis whose statement and payments do not make the loan's
// history is refused, each for its own reason.
func TestPaymentsGenesis(t *testing.T) {
	f := setup(t)
	r := f.r
	f.retain(month+time.Hour, 1)
	l := f.borrow(f.dave, f.dave.Addr, 12*rsc, 12)
	for range 3 {
		f.untilDue(l.Id)
	}
	k := r.App.BankLoansKeeper
	gs, err := k.ExportGenesis(r.Ctx())
	require.NoError(t, err)
	require.Len(t, gs.Statements, 1)
	require.Equal(t, uint64(2), gs.Statements[0].Folded(), "the disbursement and the first installment")
	require.Len(t, gs.Payments, 2)
	require.NoError(t, gs.Validate())

	for _, c := range []struct {
		name, want string
		spoil      func(gs *types.GenesisState)
	}{
		{"a statement that folds nothing", "statement of loan 1 folds no payments", func(gs *types.GenesisState) { gs.Statements[0].Lines = nil }},
		{"a statement of an unknown loan", "statement of loan 99: unknown", func(gs *types.GenesisState) { gs.Statements[0].LoanId = 99 }},
		{"a payment twice", "or twice", func(gs *types.GenesisState) { gs.Payments = append(gs.Payments, gs.Payments[0]) }},
		{"a payment beyond the history", "outside its history", func(gs *types.GenesisState) { gs.Payments[1].Seq = 9 }},
		{"a payment of an unknown loan", "of loan 99: unknown loan", func(gs *types.GenesisState) { gs.Payments[1].LoanId = 99 }},
		{"a payment missing", "3 payments folded and listed, history_len 4", func(gs *types.GenesisState) { gs.Payments = gs.Payments[:1] }},
		{"payments that do not sum to the loan's", "payments sum to", func(gs *types.GenesisState) { gs.Payments[0].Interest = gs.Payments[0].Interest.AddRaw(1) }},
		{"a payment without an amount", "a missing or negative amount", func(gs *types.GenesisState) { gs.Payments[0].Principal = math.Int{} }},
		{"a loan without its totals", "a missing or negative total paid", func(gs *types.GenesisState) { gs.Loans[0].InterestPaid = math.Int{} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			cdc := r.App.AppCodec()
			bz, err := cdc.MarshalJSON(gs)
			require.NoError(t, err)
			var copied types.GenesisState
			require.NoError(t, cdc.UnmarshalJSON(bz, &copied))
			c.spoil(&copied)
			err = copied.Validate()
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, c.want)
		})
	}

	// cleared and imported, the queue is back: the next payment past the window is folded
	ctx := r.Ctx()
	require.NoError(t, k.PaymentQueue.Clear(ctx, nil))
	require.NoError(t, k.Payments.Clear(ctx, nil))
	require.NoError(t, k.Statements.Clear(ctx, nil))
	require.NoError(t, k.InitGenesis(ctx, gs))
	f.invariantHolds()
	f.untilDue(l.Id)
	require.Equal(t, uint64(3), f.loan(l.Id).Statement.Folded())
	f.invariantHolds()
}

// TestWriteOffFolded: a forgiven loan's write-off is folded like its other payments: the
// statement's write-off line is the principal the bank wrote off.
func TestWriteOffFolded(t *testing.T) {
	f := setup(t)
	r := f.r
	l := f.borrow(f.dave, f.dave.Addr, 12*rsc, 12)
	f.untilDue(l.Id)
	f.r.Must(r.Manage(f.alice, &types.MsgForgive{Bank: f.bank.String(), LoanId: l.Id, Reason: "a flood"}))
	l = f.loan(l.Id).Loan
	require.Equal(t, types.LOAN_STATUS_FORGIVEN, l.Status)
	require.True(t, l.WrittenOff.IsPositive())
	f.foldAll()
	res := f.loan(l.Id)
	require.Empty(t, res.History)
	require.Equal(t, uint64(3), res.Statement.Folded(), "the disbursement, the installment, the write-off")
	i := slices.IndexFunc(res.Statement.Lines, func(line types.StatementLine) bool { return line.Kind == types.PAYMENT_KIND_WRITE_OFF })
	require.GreaterOrEqual(t, i, 0, "a write-off line")
	require.Equal(t, l.WrittenOff, res.Statement.Lines[i].Principal)
	f.invariantHolds()
}

// TestFoldSkipsAMissingPayment: a queued payment that is not in the state (a bad genesis)
// loses its queue key; the fold goes on with the others and never stops.
func TestFoldSkipsAMissingPayment(t *testing.T) {
	f := setup(t)
	r := f.r
	l := f.borrow(f.dave, f.dave.Addr, 12*rsc, 12)
	f.untilDue(l.Id)
	k := r.App.BankLoansKeeper
	require.NoError(t, k.Payments.Remove(r.Ctx(), collections.Join(l.Id, uint64(1)))) // the disbursement, queued first
	f.foldAll()
	res := f.loan(l.Id)
	require.Empty(t, res.History)
	require.Equal(t, uint64(1), res.Statement.Folded(), "the installment")
	n := 0
	require.NoError(t, k.PaymentQueue.Walk(r.Ctx(), nil, func(collections.Triple[time.Time, uint64, uint64]) (bool, error) { n++; return false, nil }))
	require.Zero(t, n, "the lost payment's key went with the others")
}

// TestMigrate1to2: version 1 kept every payment with no folding queue; the migration queues
// each one, and the first block past the window folds them.
func TestMigrate1to2(t *testing.T) {
	f := setup(t)
	r := f.r
	l := f.borrow(f.dave, f.dave.Addr, 12*rsc, 12)
	f.untilDue(l.Id)
	k := r.App.BankLoansKeeper
	ctx := r.Ctx()
	require.NoError(t, k.PaymentQueue.Clear(ctx, nil)) // as version 1 left it
	msg, broken := keeper.PaymentsFoldedInvariant(k)(ctx)
	require.True(t, broken, "unqueued payments are caught: %s", msg)

	require.NoError(t, k.Migrate1to2(ctx))
	f.invariantHolds()
	f.foldAll()
	res := f.loan(l.Id)
	require.Empty(t, res.History)
	require.Equal(t, uint64(2), res.Statement.Folded(), "the disbursement and the installment")
	f.invariantHolds()
}

// TestInvariantCatchesAStrayPayment: a payment beyond a loan's history, even queued and
// with the loan's sums untouched, breaks payments-folded.
func TestInvariantCatchesAStrayPayment(t *testing.T) {
	f := setup(t)
	r := f.r
	l := f.borrow(f.dave, f.dave.Addr, 12*rsc, 12)
	f.invariantHolds()
	k := r.App.BankLoansKeeper
	ctx := r.Ctx()
	stray := types.Payment{LoanId: l.Id, Seq: 99, Kind: types.PAYMENT_KIND_DISBURSEMENT, Time: r.Time, Principal: math.ZeroInt(), Interest: math.ZeroInt(), Due: math.ZeroInt()}
	require.NoError(t, k.Payments.Set(ctx, collections.Join(l.Id, stray.Seq), stray))
	require.NoError(t, k.PaymentQueue.Set(ctx, collections.Join3(stray.Time, l.Id, stray.Seq)))
	msg, broken := keeper.PaymentsFoldedInvariant(k)(ctx)
	require.True(t, broken)
	require.Contains(t, msg, "lists payment 99, outside its history of 1")
}
