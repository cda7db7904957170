package keeper_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/piprate/json-gold/ld"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/testutil/region"
	housingtypes "github.com/conductor-coop/conductor/x/housing/types"
	marketkeeper "github.com/conductor-coop/conductor/x/market/keeper"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/valueflows/keeper"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

const rsc = 1_000_000

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

// hour is the test's calendar: hour h of the region's first day.
var hour = region.Hour

type fixture struct {
	t                       *testing.T
	r                       *region.Region
	alice, bob, carol, dave region.Account
	mill, bakery            sdk.AccAddress
	q                       types.QueryServer
}

// setup: four members; the Mill, a regional company (alice), sells at cost; the Bakery
// Co-op (bob). alice manages the Mill and bob the Bakery by authz grants for every
// valueflows, market and payroll message they need; both have 1,000 RSC.
func setup(t *testing.T, more ...region.Institution) *fixture {
	cfg := region.DefaultConfig()
	cfg.Members, cfg.NonMembers = []string{"alice", "bob", "carol", "dave"}, nil
	cfg.Institutions = append([]region.Institution{
		{Name: "Mill", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"alice"}},
		{Name: "Bakery Co-op", Kind: membershiptypes.AGENT_KIND_COMPANY, Workers: []string{"bob"}},
	}, more...)
	r := region.New(t, cfg)
	f := &fixture{t: t, r: r, alice: r.Accounts["alice"], bob: r.Accounts["bob"], carol: r.Accounts["carol"], dave: r.Accounts["dave"],
		mill: r.AgentAddr("Mill"), bakery: r.AgentAddr("Bakery Co-op"), q: keeper.NewQueryServerImpl(r.App.ValueFlowsKeeper)}
	msgs := []sdk.Msg{&types.MsgDefineSpec{}, &types.MsgStartProcess{}, &types.MsgRecordEvent{}, &types.MsgAcceptTransfer{}, &types.MsgRejectTransfer{},
		&types.MsgAttach{}, &types.MsgFinishProcess{},
		&types.MsgCreateRecipe{}, &markettypes.MsgCreateListing{}, &markettypes.MsgPurchase{}, &payrolltypes.MsgPostJob{}, &payrolltypes.MsgHire{},
		&housingtypes.MsgJoinWaitlist{}, &housingtypes.MsgAcceptOffer{}}
	r.Grant(f.mill, []region.Account{f.alice}, f.alice, msgs...)
	r.Grant(f.bakery, []region.Account{f.bob}, f.bob, msgs...)
	for _, c := range []sdk.AccAddress{f.mill, f.bakery} {
		r.Fund(r.Ctx(), c, math.NewInt(1_000*rsc))
	}
	return f
}

// as runs msg for a company through its manager and fails the test unless it ran.
func (f *fixture) as(manager region.Account, msg sdk.Msg) {
	f.t.Helper()
	f.r.Must(f.r.Manage(manager, msg))
}

// refused runs msg through manager and checks it fails with want.
func (f *fixture) refused(manager region.Account, want *errorsmod.Error, msg sdk.Msg) {
	f.t.Helper()
	res := f.r.Manage(manager, msg)
	require.NotZero(f.t, res.Code, "%T ran", msg)
	require.Contains(f.t, res.Log, want.Error())
}

func (f *fixture) last(seq collections.Sequence) uint64 {
	f.t.Helper()
	id, err := seq.Peek(f.r.Ctx())
	require.NoError(f.t, err)
	return id
}

func (f *fixture) resource(id uint64) types.EconomicResource {
	f.t.Helper()
	r, err := f.r.App.ValueFlowsKeeper.Resource(f.r.Ctx(), id)
	require.NoError(f.t, err)
	return r
}

func (f *fixture) invariantsHold() {
	f.t.Helper()
	for _, inv := range []func(keeper.Keeper) sdk.Invariant{keeper.ResourcesInvariant, keeper.ProcessCostsInvariant} {
		msg, broken := inv(f.r.App.ValueFlowsKeeper)(f.r.Ctx())
		require.False(f.t, broken, msg)
	}
}

// defineSpec has manager's company define a kind and returns its id.
func (f *fixture) defineSpec(manager region.Account, company sdk.AccAddress, name, unit, class string) uint64 {
	f.as(manager, &types.MsgDefineSpec{Agent: company.String(), Name: name, Unit: unit, Classification: class})
	return f.last(f.r.App.ValueFlowsKeeper.SpecSeq)
}

// employ has company hire person as occupation at wage (ursc an hour); it returns the
// employment id.
func (f *fixture) employ(manager region.Account, company sdk.AccAddress, person region.Account, occupation uint64, wage int64) uint64 {
	pk := f.r.App.PayrollKeeper
	f.as(manager, &payrolltypes.MsgPostJob{Company: company.String(), OccupationId: occupation, HoursPerWeek: 40, Wage: math.NewInt(wage), Description: "work"})
	job := f.last(pk.JobSeq)
	f.r.MustDeliver(person, &payrolltypes.MsgApply{Applicant: person.String(), JobId: job, Note: "hello"})
	f.as(manager, &payrolltypes.MsgHire{Company: company.String(), JobId: job, Applicant: person.String()})
	return f.last(pk.EmploymentSeq)
}

// workEvents are the work events company received, oldest first.
func (f *fixture) workEvents(company sdk.AccAddress) []types.EconomicEvent {
	f.t.Helper()
	var out []types.EconomicEvent
	for _, e := range f.events(company) {
		if e.Action == types.ACTION_WORK {
			out = append(out, e)
		}
	}
	return out
}

// TestSupplyChainCost: wheat from the Farm Co-op, accepted by the Mill (a regional
// company), is milled into flour with carol's paid hours, sold at cost to the Bakery Co-op,
// baked into loaves with dave's hours and sliced into bags: each step through signed
// transactions, pay by the payroll run. The bag's unit cost is the hand-computed sum, and
// the Mill's listing price is the flour's.
func TestSupplyChainCost(t *testing.T) {
	f := setup(t, region.Institution{Name: "Farm Co-op", Kind: membershiptypes.AGENT_KIND_COMPANY, Workers: []string{"dave"}})
	farm := f.r.AgentAddr("Farm Co-op")
	f.r.Grant(farm, []region.Account{f.dave}, f.dave, &types.MsgRecordEvent{})
	r, vk := f.r, f.r.App.ValueFlowsKeeper
	for _, name := range []string{"miller", "baker"} {
		r.Pass(r.Assembly(), []region.Account{f.alice, f.bob, f.carol}, &payrolltypes.MsgSetOccupation{Authority: r.Assembly(), Occupation: payrolltypes.Occupation{
			Name: name, MinWage: math.NewInt(20 * rsc), MaxWage: math.NewInt(40 * rsc), Training: dec("0.5"), RegionalNeed: dec("0.2"), Stress: dec("0.2"),
		}})
	}
	carolAtMill := f.employ(f.alice, f.mill, f.carol, 1, 30*rsc)
	daveAtBakery := f.employ(f.bob, f.bakery, f.dave, 2, 25*rsc)

	wheat := f.defineSpec(f.alice, f.mill, "wheat", "kg", "food/grain")
	flour := f.defineSpec(f.alice, f.mill, "flour", "kg", "food/grain")
	loaf := f.defineSpec(f.bob, f.bakery, "loaf", "each", "food/bakery")
	bag := f.defineSpec(f.bob, f.bakery, "bag of slices", "each", "food/bakery")

	// the Mill's opening stock: 1,000 kg of wheat the farm grew for 500 RSC, transferred to
	// the Mill, which accepts it (a regional company values its stock only at recorded costs)
	f.as(f.dave, &types.MsgRecordEvent{Company: farm.String(), Action: types.ACTION_RAISE, SpecId: wheat, Quantity: "1000", Value: "500000000"})
	farmWheat := f.last(vk.ResourceSeq)
	f.as(f.dave, &types.MsgRecordEvent{Company: farm.String(), Action: types.ACTION_TRANSFER, ResourceId: farmWheat, Receiver: f.mill.String(), Quantity: "1000"})
	f.as(f.alice, &types.MsgAcceptTransfer{Receiver: f.mill.String(), TransferId: f.last(vk.TransferSeq)})
	wheatRes := f.last(vk.ResourceSeq)
	require.Equal(t, dec("500000000"), f.resource(wheatRes).Value)

	// milling: 100 kg of wheat and carol's 2 hours (30 RSC/h) make 50 kg of flour
	f.as(f.alice, &types.MsgStartProcess{Company: f.mill.String(), Name: "milling"})
	milling := f.last(vk.ProcessSeq)
	r.DeliverAt(hour(1), f.carol, &payrolltypes.MsgClockIn{Worker: f.carol.String(), EmploymentId: carolAtMill})
	r.DeliverAt(hour(3), f.carol, &payrolltypes.MsgClockOut{Worker: f.carol.String(), EmploymentId: carolAtMill})
	f.as(f.alice, &types.MsgRecordEvent{Company: f.mill.String(), Action: types.ACTION_CONSUME, ProcessId: milling, ResourceId: wheatRes, Quantity: "100"})
	f.as(f.alice, &types.MsgRecordEvent{Company: f.mill.String(), Action: types.ACTION_PRODUCE, ProcessId: milling, SpecId: flour, Quantity: "50"})
	flourRes := f.last(vk.ResourceSeq)
	r.At(hour(4))
	r.NextBlock(time.Minute)
	work := f.workEvents(f.mill)
	require.Len(t, work, 2, "an hour in each of two pay periods")
	hours := math.LegacyZeroDec()
	for _, e := range work {
		require.Equal(t, f.carol.String(), e.Provider)
		require.Equal(t, uint64(1), e.OccupationId)
		require.Equal(t, math.NewInt(30*rsc), e.Wage)
		f.as(f.alice, &types.MsgAttach{Company: f.mill.String(), EventId: e.Id, ProcessId: milling})
		hours = hours.Add(e.Quantity)
	}
	require.Equal(t, dec("2"), hours)
	f.as(f.alice, &types.MsgFinishProcess{Company: f.mill.String(), ProcessId: milling})
	// (50 RSC of wheat + 60 RSC of labour) / 50 kg
	require.Equal(t, dec("2200000"), f.resource(flourRes).UnitCost())
	require.Equal(t, dec("450000000"), f.resource(wheatRes).Value, "the wheat left keeps its average cost")

	// the Mill lists its flour at cost; the Bakery buys 20 kg at the flour's unit cost
	f.as(f.alice, &markettypes.MsgCreateListing{Seller: f.mill.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "flour", Unit: "kg",
		UnitPrice: math.NewInt(1), Stock: "50", ResourceId: flourRes})
	listing := f.last(r.App.MarketKeeper.ListingSeq)
	before := r.Balance(f.bakery)
	f.as(f.bob, &markettypes.MsgPurchase{Buyer: f.bakery.String(), ListingId: listing, Quantity: 20})
	require.Equal(t, math.NewInt(44*rsc), before.Sub(r.Balance(f.bakery)), "20 kg at 2.2 RSC, no internal sales tax")
	require.Equal(t, dec("30"), f.resource(flourRes).OnhandQuantity)
	bakeryFlour := f.last(vk.ResourceSeq)
	require.Equal(t, f.bakery.String(), f.resource(bakeryFlour).Owner)
	require.Equal(t, dec("44000000"), f.resource(bakeryFlour).Value)

	// baking: 20 kg of flour and dave's hour (25 RSC) make 40 loaves
	f.as(f.bob, &types.MsgStartProcess{Company: f.bakery.String(), Name: "baking"})
	baking := f.last(vk.ProcessSeq)
	r.DeliverAt(hour(5), f.dave, &payrolltypes.MsgClockIn{Worker: f.dave.String(), EmploymentId: daveAtBakery})
	r.DeliverAt(hour(6.5), f.dave, &payrolltypes.MsgClockOut{Worker: f.dave.String(), EmploymentId: daveAtBakery})
	r.At(hour(7))
	r.NextBlock(time.Minute)
	work = f.workEvents(f.bakery)
	require.Len(t, work, 2, "an hour, then half an hour")
	require.Equal(t, dec("1"), work[0].Quantity)
	require.Equal(t, dec("0.5"), work[1].Quantity)
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_CONSUME, ProcessId: baking, ResourceId: bakeryFlour, Quantity: "20"})
	f.as(f.bob, &types.MsgAttach{Company: f.bakery.String(), EventId: work[0].Id, ProcessId: baking})
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_PRODUCE, ProcessId: baking, SpecId: loaf, Quantity: "40"})
	loaves := f.last(vk.ResourceSeq)
	f.as(f.bob, &types.MsgFinishProcess{Company: f.bakery.String(), ProcessId: baking})
	require.Equal(t, dec("1725000"), f.resource(loaves).UnitCost(), "(44 + 25) RSC / 40")

	// slicing: the 40 loaves and dave's other half hour make 40 bags
	f.as(f.bob, &types.MsgStartProcess{Company: f.bakery.String(), Name: "slicing"})
	slicing := f.last(vk.ProcessSeq)
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_CONSUME, ProcessId: slicing, ResourceId: loaves, Quantity: "40"})
	f.as(f.bob, &types.MsgAttach{Company: f.bakery.String(), EventId: work[1].Id, ProcessId: slicing, Quantity: "0.5"})
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_PRODUCE, ProcessId: slicing, SpecId: bag, Quantity: "40"})
	bags := f.last(vk.ResourceSeq)
	f.as(f.bob, &types.MsgFinishProcess{Company: f.bakery.String(), ProcessId: slicing})

	// by hand: flour 20 kg x (50 + 60) / 50 = 44; + 25 + 12.5 of labour = 81.5 RSC for 40 bags
	cost, err := f.q.Cost(r.Ctx(), &types.QueryCostRequest{ResourceId: bags})
	require.NoError(t, err)
	require.Equal(t, dec("2037500"), cost.UnitCost)
	require.Equal(t, []types.LabourCost{{OccupationId: 2, Hours: dec("0.0125"), Value: dec("312500")}}, cost.Labour, "per bag")
	require.Equal(t, []types.InputCost{{SpecId: loaf, Action: types.ACTION_CONSUME, Unit: "each", Quantity: dec("1"), Value: dec("1725000")}}, cost.Inputs)
	require.Equal(t, []uint64{slicing}, cost.ProcessIds)
	cost, err = f.q.Cost(r.Ctx(), &types.QueryCostRequest{ResourceId: flourRes})
	require.NoError(t, err)
	require.Equal(t, []types.LabourCost{{OccupationId: 1, Hours: dec("0.04"), Value: dec("1200000")}}, cost.Labour, "2 h for 50 kg")
	require.Equal(t, []types.InputCost{{SpecId: wheat, Action: types.ACTION_CONSUME, Unit: "kg", Quantity: dec("2"), Value: dec("1000000")}}, cost.Inputs)
	cost, err = f.q.Cost(r.Ctx(), &types.QueryCostRequest{ResourceId: bakeryFlour})
	require.NoError(t, err)
	require.Equal(t, dec("2200000"), cost.Acquired, "bought at 2.2 RSC a kg")

	t.Run("trace back from the bags to the wheat, track the wheat forward", func(t *testing.T) {
		back, err := f.q.Trace(r.Ctx(), &types.QueryTraceRequest{ResourceId: bags})
		require.NoError(t, err)
		var resources, processes []uint64
		for _, s := range back.Steps {
			switch s.Kind {
			case "resource":
				resources = append(resources, s.Id)
			case "process":
				processes = append(processes, s.Id)
			}
		}
		require.Equal(t, []uint64{bags, loaves, bakeryFlour, flourRes, wheatRes, farmWheat}, resources)
		require.Equal(t, []uint64{slicing, baking, milling}, processes)
		fwd, err := f.q.Trace(r.Ctx(), &types.QueryTraceRequest{ResourceId: wheatRes, Forward: true})
		require.NoError(t, err)
		resources = nil
		for _, s := range fwd.Steps {
			if s.Kind == "resource" {
				resources = append(resources, s.Id)
			}
		}
		require.Equal(t, []uint64{wheatRes, flourRes, bakeryFlour, loaves, bags}, resources)
	})

	t.Run("the purchase is recorded: flour and the RSC paying for it", func(t *testing.T) {
		res, err := f.q.Events(r.Ctx(), &types.QueryEventsRequest{ResourceId: bakeryFlour})
		require.NoError(t, err)
		in := res.Events[0]
		require.Equal(t, types.ACTION_TRANSFER, in.Action)
		require.Equal(t, f.mill.String(), in.Provider)
		require.Equal(t, f.bakery.String(), in.Receiver)
		require.Equal(t, "market/order/1", in.Link)
		require.Equal(t, []types.Settlement{{Receiver: f.mill.String(), Amount: math.NewInt(44 * rsc), Denom: "ursc", Note: "price"}}, in.SettledBy,
			"the RSC that paid for it, no sales tax inside the region")
		orders, err := marketkeeper.NewQueryServerImpl(r.App.MarketKeeper).Orders(r.Ctx(), &markettypes.QueryOrdersRequest{Seller: f.mill.String()})
		require.NoError(t, err)
		require.Len(t, orders.Orders, 1, "the seller's orders, found by its flows")
		require.Equal(t, f.bakery.String(), orders.Orders[0].Buyer)
	})

	t.Run("events page by agent, process and period", func(t *testing.T) {
		page, err := f.q.Events(r.Ctx(), &types.QueryEventsRequest{ProcessId: milling, Pagination: &query.PageRequest{Limit: 1}})
		require.NoError(t, err)
		require.Len(t, page.Events, 1)
		require.NotEmpty(t, page.Pagination.NextKey)
		rest, err := f.q.Events(r.Ctx(), &types.QueryEventsRequest{ProcessId: milling, Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
		require.NoError(t, err)
		require.Len(t, rest.Events, 1, "consume, then produce")
		all, err := f.q.Events(r.Ctx(), &types.QueryEventsRequest{Period: "2026-01-01,2026-01-02"})
		require.NoError(t, err)
		seen := map[uint64]bool{}
		next := []byte(nil)
		for {
			p, err := f.q.Events(r.Ctx(), &types.QueryEventsRequest{Period: "2026-01-01,2026-01-02", Pagination: &query.PageRequest{Key: next, Limit: 3}})
			require.NoError(t, err)
			for _, e := range p.Events {
				require.False(t, seen[e.Id], "event %d twice", e.Id)
				seen[e.Id] = true
			}
			if next = p.Pagination.NextKey; next == nil {
				break
			}
		}
		require.Len(t, seen, len(all.Events))
		none, err := f.q.Events(r.Ctx(), &types.QueryEventsRequest{Period: "2026-02-01,2026-03-01"})
		require.NoError(t, err)
		require.Empty(t, none.Events)
		worker, err := f.q.Events(r.Ctx(), &types.QueryEventsRequest{Agent: f.carol.String()})
		require.NoError(t, err)
		require.Len(t, worker.Events, 2, "carol's two work events")
	})

	t.Run("JSON-LD export of a process expands in the VF vocabulary", func(t *testing.T) {
		res, err := f.q.Export(r.Ctx(), &types.QueryExportRequest{Subject: "process", Id: milling})
		require.NoError(t, err)
		nodes := expand(t, res.JsonLd)
		require.Contains(t, nodes, keeper.VocabVF+"Process")
		require.Contains(t, nodes, keeper.VocabVF+"EconomicEvent")
		require.Contains(t, nodes, keeper.VocabVF+"EconomicResource")
		require.Contains(t, res.JsonLd, `"action":"produce"`)
		period, err := f.q.Export(r.Ctx(), &types.QueryExportRequest{Subject: "period", Period: "2026-01-01,2026-01-02"})
		require.NoError(t, err)
		require.Contains(t, expand(t, period.JsonLd), keeper.VocabVF+"EconomicEvent")
		require.Contains(t, period.JsonLd, `"settles"`, "the purchase's RSC settles the flour's transfer")
	})
	f.invariantsHold()
}

// TestRentedFacilityCost: the Bakery rents a facility from the Housing Agency; the month's
// use, recorded when the rent is paid, is put half to a baking process, whose cost is the
// flour it consumed plus half the month's rent.
func TestRentedFacilityCost(t *testing.T) {
	f := setup(t, region.Institution{Name: "Housing Agency", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}})
	r, vk := f.r, f.r.App.ValueFlowsKeeper
	agency := r.AgentAddr("Housing Agency")
	r.Grant(agency, []region.Account{f.carol}, f.carol, &housingtypes.MsgRegisterUnit{})
	f.as(f.carol, &housingtypes.MsgRegisterUnit{Signer: agency.String(), Unit: housingtypes.Unit{
		Kind: housingtypes.UNIT_KIND_FACILITY, Name: "bakehouse", Location: "north", Area: 80, Agency: agency.String(),
		PropertyTax: math.NewInt(600_000), Maintenance: math.NewInt(300_000), Administration: math.NewInt(100_000),
	}})
	f.as(f.bob, &housingtypes.MsgJoinWaitlist{Applicant: f.bakery.String(), Kind: housingtypes.UNIT_KIND_FACILITY})
	entry, err := r.App.HousingKeeper.EntrySeq.Peek(r.Ctx())
	require.NoError(t, err)
	f.as(f.bob, &housingtypes.MsgAcceptOffer{Applicant: f.bakery.String(), EntryId: entry})
	lease, err := r.App.HousingKeeper.Leases.Get(r.Ctx(), 1)
	require.NoError(t, err)
	rent := lease.Cost.Add(lease.Markup)

	var use types.EconomicEvent
	for _, e := range f.events(f.bakery) {
		if e.Action == types.ACTION_USE {
			use = e
		}
	}
	require.Equal(t, types.SpecFacility, use.SpecId)
	require.Equal(t, agency.String(), use.Provider)
	require.Equal(t, math.LegacyNewDecFromInt(rent), use.Value, "the month's rent")

	flour := f.defineSpec(f.bob, f.bakery, "flour", "kg", "food/grain")
	loaf := f.defineSpec(f.bob, f.bakery, "loaf", "each", "food/bakery")
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_RAISE, SpecId: flour, Quantity: "10", Value: "10000000"})
	flourRes := f.last(vk.ResourceSeq)
	f.as(f.bob, &types.MsgStartProcess{Company: f.bakery.String(), Name: "baking"})
	baking := f.last(vk.ProcessSeq)
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_CONSUME, ProcessId: baking, ResourceId: flourRes, Quantity: "10"})
	f.as(f.bob, &types.MsgAttach{Company: f.bakery.String(), EventId: use.Id, ProcessId: baking, Quantity: "0.5"})
	f.refused(f.bob, types.ErrOverAttached, &types.MsgAttach{Company: f.bakery.String(), EventId: use.Id, ProcessId: baking, Quantity: "0.6"})
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_PRODUCE, ProcessId: baking, SpecId: loaf, Quantity: "20"})
	loaves := f.last(vk.ResourceSeq)
	f.as(f.bob, &types.MsgFinishProcess{Company: f.bakery.String(), ProcessId: baking})

	half := math.LegacyNewDecFromInt(rent).QuoInt64(2)
	want := dec("10000000").Add(half).QuoInt64(20)
	cost, err := f.q.Cost(r.Ctx(), &types.QueryCostRequest{ResourceId: loaves})
	require.NoError(t, err)
	require.Equal(t, want, cost.UnitCost)
	require.Equal(t, []types.InputCost{
		{SpecId: types.SpecFacility, Action: types.ACTION_USE, Unit: "month", Quantity: dec("0.025"), Value: half.QuoInt64(20)},
		{SpecId: flour, Action: types.ACTION_CONSUME, Unit: "kg", Quantity: dec("0.5"), Value: dec("500000")},
	}, cost.Inputs, "per loaf")
	f.invariantsHold()
}

// events are the events agent took part in, oldest first.
func (f *fixture) events(agent sdk.AccAddress) []types.EconomicEvent {
	f.t.Helper()
	res, err := f.q.Events(f.r.Ctx(), &types.QueryEventsRequest{Agent: agent.String()})
	require.NoError(f.t, err)
	return res.Events
}

// expand parses doc as JSON-LD, expands it, and returns the types of its nodes; every
// action must expand to a VF action IRI.
func expand(t *testing.T, doc string) map[string]bool {
	t.Helper()
	var in any
	require.NoError(t, json.Unmarshal([]byte(doc), &in))
	out, err := ld.NewJsonLdProcessor().Expand(in, ld.NewJsonLdOptions(""))
	require.NoError(t, err)
	found := map[string]bool{}
	for _, n := range out {
		node := n.(map[string]any)
		for _, ty := range asList(node["@type"]) {
			found[ty.(string)] = true
		}
		for _, a := range asList(node[keeper.VocabVF+"action"]) {
			require.Contains(t, a.(map[string]any)["@id"], keeper.VocabVF, "action %v", a)
		}
	}
	return found
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
