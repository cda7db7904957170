package app_test

import (
	"encoding/json"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	marketkeeper "github.com/conductor-coop/conductor/x/market/keeper"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	payrollkeeper "github.com/conductor-coop/conductor/x/payroll/keeper"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
	vfkeeper "github.com/conductor-coop/conductor/x/valueflows/keeper"
	vftypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// foldRegion is a region whose records are folded after a day: carol works at the Bakery
// Co-op (30 RSC an hour), dave and carol buy its bread, and the bakery produces flour it
// keeps (an event on a resource: never folded).
type foldRegion struct {
	t                       *testing.T
	r                       *region.Region
	alice, bob, carol, dave region.Account
	bakery                  sdk.AccAddress
	employment, listing     uint64
	payroll                 payrolltypes.QueryServer
	market                  markettypes.QueryServer
	flows                   vftypes.QueryServer
	window                  time.Duration
	foldsPerBlock           uint32
	founders                []region.Account
}

func newFoldRegion(t *testing.T) *foldRegion {
	r := region.New(t, region.DefaultConfig())
	f := &foldRegion{t: t, r: r, alice: r.Accounts["alice"], bob: r.Accounts["bob"], carol: r.Accounts["carol"], dave: r.Accounts["dave"],
		bakery: r.AgentAddr("Bakery Co-op"), window: 24 * time.Hour, foldsPerBlock: 3,
		payroll: payrollkeeper.NewQueryServerImpl(r.App.PayrollKeeper), market: marketkeeper.NewQueryServerImpl(r.App.MarketKeeper),
		flows: vfkeeper.NewQueryServerImpl(r.App.ValueFlowsKeeper)}
	f.founders = []region.Account{f.alice, f.bob, f.carol}
	params := f.params()
	params.Retention = gptypes.Retention{Window: f.window, MaxFoldsPerBlock: f.foldsPerBlock}
	params.InternalSalesTaxRate = math.LegacyMustNewDecFromStr("0.05")
	r.AssemblyDecide(f.founders, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	r.AssemblyDecide(f.founders, &payrolltypes.MsgSetOccupation{Authority: r.Assembly(), Occupation: payrolltypes.Occupation{
		Name: "baker", MinWage: math.NewInt(20_000_000), MaxWage: math.NewInt(40_000_000),
		Training: math.LegacyZeroDec(), RegionalNeed: math.LegacyZeroDec(), Stress: math.LegacyZeroDec(),
	}})
	workers := []region.Account{f.alice, f.bob}
	r.Pass(f.bakery.String(), workers, &payrolltypes.MsgPostJob{Company: f.bakery.String(), OccupationId: 1, HoursPerWeek: 40, Wage: math.NewInt(30_000_000), Description: "bread"})
	r.MustDeliver(f.carol, &payrolltypes.MsgApply{Applicant: f.carol.String(), JobId: 1})
	r.Pass(f.bakery.String(), workers, &payrolltypes.MsgHire{Company: f.bakery.String(), JobId: 1, Applicant: f.carol.String()})
	f.employment = 1
	r.Grant(f.bakery, []region.Account{f.alice, f.bob, f.carol}, f.alice, &markettypes.MsgCreateListing{}, &vftypes.MsgStartProcess{}, &vftypes.MsgRecordEvent{})
	res := r.Manage(f.alice, &markettypes.MsgCreateListing{Seller: f.bakery.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "Bread",
		Unit: "loaf", UnitPrice: math.NewInt(3_000_000), Stock: "unlimited"})
	r.Must(res)
	f.listing = 1
	return f
}

func (f *foldRegion) params() gptypes.Params {
	p, err := f.r.App.GovernanceParamsKeeper.GetParams(f.r.Ctx())
	require.NoError(f.t, err)
	return p
}

// fund gives the bakery money (the harness's test funding, region.Fund).
func (f *foldRegion) fund(ursc int64) { f.r.Fund(f.r.Ctx(), f.bakery, math.NewInt(ursc)) }

// work has carol work from `from` for hours (clocked in and out), and lets the pay run pay it.
func (f *foldRegion) work(from time.Time, hours float64) {
	f.r.DeliverAt(from, f.carol, &payrolltypes.MsgClockIn{Worker: f.carol.String(), EmploymentId: f.employment})
	f.r.DeliverAt(from.Add(time.Duration(hours*float64(time.Hour))), f.carol, &payrolltypes.MsgClockOut{Worker: f.carol.String(), EmploymentId: f.employment})
	f.r.At(f.r.Time.Truncate(time.Hour).Add(time.Hour + time.Minute)) // the next pay run
	f.r.NextBlock(time.Minute)
}

func (f *foldRegion) buy(buyer region.Account, loaves uint64) {
	f.r.MustDeliver(buyer, &markettypes.MsgPurchase{Buyer: buyer.String(), ListingId: f.listing, Quantity: loaves})
}

func (f *foldRegion) payslips() *payrolltypes.QueryPayslipsResponse {
	res, err := f.payroll.Payslips(f.r.Ctx(), &payrolltypes.QueryPayslipsRequest{Worker: f.carol.String()})
	require.NoError(f.t, err)
	return res
}

func (f *foldRegion) sales() *markettypes.QueryOrdersResponse {
	res, err := f.market.Orders(f.r.Ctx(), &markettypes.QueryOrdersRequest{Seller: f.bakery.String()})
	require.NoError(f.t, err)
	return res
}

func (f *foldRegion) eventsOf(agent sdk.AccAddress) *vftypes.QueryEventsResponse {
	res, err := f.flows.Events(f.r.Ctx(), &vftypes.QueryEventsRequest{Agent: agent.String()})
	require.NoError(f.t, err)
	return res
}

// invariantsHold checks the three modules' folding invariants and their others.
func (f *foldRegion) invariantsHold() {
	f.t.Helper()
	ctx := f.r.Ctx()
	for name, inv := range map[string]sdk.Invariant{
		"payroll statements-folded": payrollkeeper.StatementsFoldedInvariant(f.r.App.PayrollKeeper),
		"payroll wages-accounted":   payrollkeeper.WagesAccountedInvariant(f.r.App.PayrollKeeper),
		"market orders-reconcile":   marketkeeper.OrdersReconcileInvariant(f.r.App.MarketKeeper),
		"valueflows events-folded":  vfkeeper.EventsFoldedInvariant(f.r.App.ValueFlowsKeeper),
		"valueflows process-costs":  vfkeeper.ProcessCostsInvariant(f.r.App.ValueFlowsKeeper),
	} {
		msg, broken := inv(ctx)
		require.False(f.t, broken, "%s: %s", name, msg)
	}
}

// payslipSums is what a statement of the payslips must say.
func payslipSums(slips []payrolltypes.Payslip) payrolltypes.Statement {
	st := payrolltypes.NewStatement(slips[0])
	for _, s := range slips {
		st.Add(s)
	}
	return st
}

// TestFoldAfterTheWindow: payslips, orders and the value flows of them stay in state for the
// retention window and are then folded, a bounded number a block, into statements that sum
// them exactly (to the ursc, hours to the second); the queries show the statements in
// their place; an event on a resource stays; the invariants hold throughout.
func TestFoldAfterTheWindow(t *testing.T) {
	f := newFoldRegion(t)
	r := f.r
	f.fund(1_000_000_000)
	start := r.Time.Truncate(24 * time.Hour).Add(24*time.Hour + 8*time.Hour) // 08:00 the next day
	f.work(start, 2.5)                                                       // three payslips: 1h, 1h, 0.5h
	f.buy(f.dave, 4)
	f.buy(f.carol, 1)
	f.buy(f.dave, 2)
	started := r.Manage(f.alice, &vftypes.MsgStartProcess{Company: f.bakery.String(), Name: "ovens"})
	r.Must(started)
	res := r.Manage(f.alice, &vftypes.MsgRecordEvent{Company: f.bakery.String(), Action: vftypes.ACTION_PRODUCE, ProcessId: 1, SpecId: vftypes.SpecEquipment, Quantity: "5", Description: "an oven"})
	r.Must(res)

	slips := f.payslips().Payslips
	require.Len(t, slips, 3)
	wantSlip := payslipSums(slips)
	require.Equal(t, uint64(9000), wantSlip.SecondsWorked, "2.5 hours")
	require.Equal(t, math.NewInt(75_000_000), wantSlip.Gross)
	orders := f.sales().Orders
	require.Len(t, orders, 3)
	carolEvents := f.eventsOf(f.carol.Addr).Events
	require.NotEmpty(t, carolEvents)
	produced := f.eventsOf(f.bakery)
	for _, st := range produced.Statements { // only its funding, from before the window, is folded yet
		require.Len(t, st.Lines, 1)
		require.Equal(t, vftypes.ACTION_TRANSFER, st.Lines[0].Action)
	}
	f.invariantsHold()

	// inside the window nothing is folded
	r.At(start.Add(f.window - time.Hour))
	r.NextBlock(time.Second)
	require.Len(t, f.payslips().Payslips, 3)
	require.Len(t, f.sales().Orders, 3)
	require.Empty(t, f.payslips().Statements)

	// past it, at most foldsPerBlock records a module a block
	r.At(start.Add(f.window + 4*time.Hour))
	for blocks := 0; ; blocks++ {
		left := len(f.payslips().Payslips)
		orders := len(f.sales().Orders)
		if left == 0 && orders == 0 {
			break
		}
		require.Less(t, blocks, 10)
		r.NextBlock(time.Second)
		require.GreaterOrEqual(t, left-len(f.payslips().Payslips), 0)
		require.LessOrEqual(t, left-len(f.payslips().Payslips), int(f.foldsPerBlock))
		require.LessOrEqual(t, orders-len(f.sales().Orders), int(f.foldsPerBlock))
		f.invariantsHold()
	}
	for i := 0; i < 10; i++ { // the value flows fold at their own pace
		r.NextBlock(time.Second)
	}
	f.invariantsHold()

	// payslips: one statement with the exact sums
	got := f.payslips()
	require.Empty(t, got.Payslips)
	require.Len(t, got.Statements, 1)
	st := got.Statements[0]
	require.Equal(t, uint32(start.Year()*100+int(start.Month())), st.Month)
	require.Equal(t, uint32(3), st.Payslips)
	require.Equal(t, wantSlip.SecondsWorked, st.SecondsWorked)
	require.True(t, wantSlip.Hours.Equal(st.Hours), "%s hours, want %s", st.Hours, wantSlip.Hours)
	require.Equal(t, wantSlip.Gross, st.Gross)
	require.Equal(t, wantSlip.Tax, st.Tax)
	require.Equal(t, wantSlip.Net, st.Net)
	require.True(t, st.Claimed.IsZero())

	// orders: the bakery's statement by tax rate
	sales := f.sales()
	require.Empty(t, sales.Orders)
	require.Len(t, sales.Statements, 1)
	// dave is not a member (the external rate), carol is: two lines
	wantSales := map[bool]*markettypes.StatementLine{}
	for _, o := range orders {
		l, ok := wantSales[o.External]
		if !ok {
			l = &markettypes.StatementLine{Denom: o.Denom, TaxRate: o.TaxRate, External: o.External, Amount: math.ZeroInt(), Tax: math.ZeroInt()}
			wantSales[o.External] = l
		}
		l.Orders, l.Units, l.Amount, l.Tax = l.Orders+1, l.Units+o.Quantity, l.Amount.Add(o.Amount), l.Tax.Add(o.Tax)
	}
	require.Len(t, sales.Statements[0].Lines, 2)
	for _, l := range sales.Statements[0].Lines {
		w := wantSales[l.External]
		require.Equal(t, w.Orders, l.Orders)
		require.Equal(t, w.Units, l.Units)
		require.Equal(t, w.Amount, l.Amount)
		require.Equal(t, w.Tax, l.Tax)
		require.True(t, w.TaxRate.Equal(l.TaxRate))
	}
	require.Equal(t, uint32(2), wantSales[true].Orders, "dave's two orders")
	require.True(t, math.LegacyMustNewDecFromStr("0.05").Equal(wantSales[false].TaxRate), "carol's at the internal rate")
	_, err := f.market.Order(r.Ctx(), &markettypes.QueryOrderRequest{Id: orders[0].Id})
	require.ErrorIs(t, err, markettypes.ErrUnknownOrder, "a folded order is gone from state")

	// value flows: carol's events are in her statement, line by line
	carol := f.eventsOf(f.carol.Addr)
	require.Empty(t, carol.Events)
	require.Len(t, carol.Statements, 1)
	wantLines := map[string]vftypes.StatementLine{}
	for _, e := range carolEvents {
		l := vftypes.Statement{}
		l.Add(e, e.Provider == f.carol.String())
		key := l.Lines[0].Action.String() + "/" + l.Lines[0].Unit + "/" + map[bool]string{true: "provided", false: "received"}[l.Lines[0].Provided]
		if prev, ok := wantLines[key]; ok {
			l.Lines[0].Events += prev.Events
			l.Lines[0].Quantity = l.Lines[0].Quantity.Add(prev.Quantity)
			l.Lines[0].Value = l.Lines[0].Value.Add(prev.Value)
		}
		wantLines[key] = l.Lines[0]
	}
	require.Len(t, carol.Statements[0].Lines, len(wantLines))
	for _, l := range carol.Statements[0].Lines {
		key := l.Action.String() + "/" + l.Unit + "/" + map[bool]string{true: "provided", false: "received"}[l.Provided]
		w, ok := wantLines[key]
		require.True(t, ok, key)
		require.Equal(t, w.Events, l.Events, key)
		require.True(t, w.Quantity.Equal(l.Quantity), key)
		require.True(t, w.Value.Equal(l.Value), key)
	}
	work := vftypes.StatementLine{}
	for _, l := range carol.Statements[0].Lines {
		if l.Action == vftypes.ACTION_WORK {
			work = l
		}
	}
	require.True(t, work.Provided)
	require.Equal(t, uint32(3), work.Events)
	require.True(t, work.Quantity.Equal(wantSlip.Hours))
	require.True(t, work.Value.Equal(math.LegacyNewDecFromInt(wantSlip.Gross)))

	// the oven's production stays: its resource needs it
	bakery := f.eventsOf(f.bakery)
	require.Len(t, bakery.Events, 1)
	require.Equal(t, vftypes.ACTION_PRODUCE, bakery.Events[0].Action)
	require.NotEmpty(t, bakery.Statements)
	// the period query reads across the gaps the fold left
	period, err := f.flows.Events(r.Ctx(), &vftypes.QueryEventsRequest{Period: start.Format(time.DateOnly) + "," + start.Add(24*time.Hour).Format(time.DateOnly)})
	require.NoError(t, err)
	require.Len(t, period.Events, 1)
	require.Equal(t, bakery.Events[0].Id, period.Events[0].Id)
}

// TestFoldKeepsOwedPayslips: a payslip owed as a wage claim is not folded (its claim refers
// to it) until the claim is paid; then it is folded at once, counted as claimed.
func TestFoldKeepsOwedPayslips(t *testing.T) {
	f := newFoldRegion(t)
	r := f.r
	start := r.Time.Truncate(24 * time.Hour).Add(32 * time.Hour)
	f.work(start, 1) // the bakery holds nothing: a claim
	slips := f.payslips().Payslips
	require.Len(t, slips, 1)
	require.NotZero(t, slips[0].ClaimId)
	r.At(start.Add(f.window + 2*time.Hour))
	for i := 0; i < 3; i++ {
		r.NextBlock(time.Second)
	}
	require.Len(t, f.payslips().Payslips, 1, "an owed payslip stays")
	f.invariantsHold()
	f.fund(100_000_000)
	r.NextBlock(time.Second) // the claims pass pays it, and folds it
	got := f.payslips()
	require.Empty(t, got.Payslips)
	require.Len(t, got.Statements, 1)
	require.Equal(t, slips[0].Gross, got.Statements[0].Claimed)
	require.Equal(t, slips[0].Gross, got.Statements[0].Gross)
	f.invariantsHold()
}

// TestRetentionChangedByTheAssembly: a longer window folds nothing more (and refolds
// nothing); a shorter one folds what it leaves behind gradually, bounded per block.
func TestRetentionChangedByTheAssembly(t *testing.T) {
	f := newFoldRegion(t)
	r := f.r
	f.fund(1_000_000_000)
	start := r.Time.Truncate(24 * time.Hour).Add(32 * time.Hour)
	f.work(start, 2)
	r.At(start.Add(f.window + 4*time.Hour))
	for i := 0; i < 5; i++ {
		r.NextBlock(time.Second)
	}
	folded := f.payslips()
	require.Empty(t, folded.Payslips)
	require.Len(t, folded.Statements, 1)

	// a week's window: the next days' payslips stay, the statement is untouched
	day2 := r.Time.Truncate(24 * time.Hour).Add(32 * time.Hour)
	f.work(day2, 7)
	params := f.params()
	params.Retention.Window = 7 * 24 * time.Hour
	r.AssemblyDecide(f.founders, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	r.At(day2.Add(3 * 24 * time.Hour))
	for i := 0; i < 5; i++ {
		r.NextBlock(time.Second)
	}
	now := f.payslips()
	require.Len(t, now.Payslips, 7)
	require.Equal(t, folded.Statements, now.Statements)
	f.invariantsHold()

	// an hour's window: the seven are folded, three a block
	params.Retention.Window = time.Hour
	r.AssemblyDecide(f.founders, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	left := len(f.payslips().Payslips)
	for blocks := 0; left > 0; blocks++ {
		require.Less(t, blocks, 5)
		r.NextBlock(time.Second)
		n := len(f.payslips().Payslips)
		require.LessOrEqual(t, left-n, int(f.foldsPerBlock))
		left = n
	}
	after := f.payslips()
	require.Len(t, after.Statements, 1, "the month's one statement, folded into twice")
	require.Equal(t, uint32(9), after.Statements[0].Payslips)
	require.Equal(t, math.NewInt(9*30_000_000), after.Statements[0].Gross)
	require.Equal(t, uint64(9*3600), after.Statements[0].SecondsWorked)
	f.invariantsHold()
}

// TestExportImportMidFold: an export taken while records are being folded keeps the
// statements, the records left and the folding queue; the imported region folds the rest.
func TestExportImportMidFold(t *testing.T) {
	f := newFoldRegion(t)
	r := f.r
	f.fund(1_000_000_000)
	start := r.Time.Truncate(24 * time.Hour).Add(32 * time.Hour)
	f.work(start, 7)
	for i := 0; i < 5; i++ {
		f.buy(f.dave, 1)
	}
	r.At(start.Add(f.window + 8*time.Hour))
	require.Len(t, f.payslips().Payslips, int(7-f.foldsPerBlock), "one block folded three")
	require.NotEmpty(t, f.payslips().Statements)

	exported, err := r.App.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &state))
	var vf vftypes.GenesisState
	r.App.AppCodec().MustUnmarshalJSON(state[vftypes.ModuleName], &vf)
	require.NotEmpty(t, vf.Statements)
	require.Positive(t, vf.FoldCursor)

	imported, _ := importGenesis(t, exported.AppState, exported.Height, time.Time{})
	sameStores(t, r.App, r.Ctx().BlockHeader(), imported, payrolltypes.StoreKey, markettypes.StoreKey)
	// (the import's empty first block, at time zero, records a profit-at-rest tax event:
	// value flows are compared by their folding state)
	again, err := imported.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var state2 map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(again.AppState, &state2))
	var vf2 vftypes.GenesisState
	r.App.AppCodec().MustUnmarshalJSON(state2[vftypes.ModuleName], &vf2)
	require.Equal(t, vf.Statements, vf2.Statements)
	require.Equal(t, vf.FoldCursor, vf2.FoldCursor)
	require.Equal(t, vf.Folded, vf2.Folded)
	require.Equal(t, vf.Events, vf2.Events[:len(vf.Events)])

	// the import goes on folding: the next block folds three more, as the region would
	payslips := func(a *app.App) int {
		res, err := payrollkeeper.NewQueryServerImpl(a.PayrollKeeper).Payslips(a.NewUncachedContext(false, r.Ctx().BlockHeader()),
			&payrolltypes.QueryPayslipsRequest{Worker: f.carol.String()})
		require.NoError(t, err)
		return len(res.Payslips)
	}
	require.Equal(t, int(7-f.foldsPerBlock), payslips(imported))
	_, err = imported.FinalizeBlock(&abci.RequestFinalizeBlock{Height: exported.Height + 1, Time: r.Time.Add(time.Second)})
	require.NoError(t, err)
	_, err = imported.Commit()
	require.NoError(t, err)
	require.Equal(t, int(7-2*f.foldsPerBlock), payslips(imported))
}
