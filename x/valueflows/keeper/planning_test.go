package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/valueflows/keeper"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// planScenario: wheat, flour and bread; the Mill's recipe makes 10 kg of flour from 12 kg of
// wheat in a day, the Bakery's 10 loaves from 5 kg of flour in two hours; the Bakery holds
// 3 kg of flour, the Mill 20 kg of wheat.
type planScenario struct {
	*fixture
	wheat, flour, bread uint64
}

func newPlanScenario(t *testing.T) planScenario {
	f := setup(t)
	s := planScenario{fixture: f}
	s.wheat = f.defineSpec(f.alice, f.mill, "wheat", "kg", "food/grain")
	s.flour = f.defineSpec(f.alice, f.mill, "flour", "kg", "food/grain")
	s.bread = f.defineSpec(f.bob, f.bakery, "bread", "each", "food/bakery")
	f.as(f.alice, &types.MsgCreateRecipe{Agent: f.mill.String(), Name: "milling", OutputSpecId: s.flour, OutputQuantity: "10", Duration: 24 * time.Hour,
		Inputs: []types.RecipeInput{{Action: types.ACTION_CONSUME, SpecId: s.wheat, Quantity: "12"}, {Action: types.ACTION_WORK, OccupationId: 1, Quantity: "1"}}})
	f.as(f.bob, &types.MsgCreateRecipe{Agent: f.bakery.String(), Name: "baking", OutputSpecId: s.bread, OutputQuantity: "10", Duration: 2 * time.Hour,
		Inputs: []types.RecipeInput{{Action: types.ACTION_CONSUME, SpecId: s.flour, Quantity: "5"}, {Action: types.ACTION_USE, SpecId: types.SpecFacility, Quantity: "1"}}})
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_RAISE, SpecId: s.flour, Quantity: "3"})
	f.as(f.alice, &types.MsgRecordEvent{Company: f.mill.String(), Action: types.ACTION_RAISE, SpecId: s.wheat, Quantity: "20"})
	return s
}

func (s planScenario) need(who region.Account, spec uint64, q string, due time.Time) uint64 {
	s.r.MustDeliver(who, &types.MsgIntend{Agent: who.String(), Kind: types.INTENT_KIND_DEMAND, SpecId: spec, Quantity: q, Due: due})
	return s.last(s.r.App.ValueFlowsKeeper.IntentSeq)
}

func (s planScenario) plan(who region.Account, intents ...uint64) types.Plan {
	s.r.MustDeliver(who, &types.MsgCreatePlan{Planner: who.String(), Name: "spring", IntentIds: intents})
	res, err := s.q.Plan(s.r.Ctx(), &types.QueryPlanRequest{Id: s.last(s.r.App.ValueFlowsKeeper.PlanSeq)})
	require.NoError(s.t, err)
	return res.Plan
}

func line(t *testing.T, p types.Plan, spec uint64) types.PlanLine {
	t.Helper()
	for _, l := range p.Lines {
		if l.SpecId == spec {
			return l
		}
	}
	t.Fatalf("no line for kind %d in %v", spec, p.Lines)
	return types.PlanLine{}
}

type gapRow struct{ bucket, key, demand, supply, stock, gap string }

func (s planScenario) gaps(period, bucket, rollup string) []gapRow {
	s.t.Helper()
	res, err := s.q.FlowGaps(s.r.Ctx(), &types.QueryFlowGapsRequest{Period: period, Bucket: bucket, Rollup: rollup})
	require.NoError(s.t, err)
	var out []gapRow
	for _, g := range res.Gaps {
		key := g.Classification
		if rollup != "classification" {
			key = map[uint64]string{s.wheat: "wheat", s.flour: "flour", s.bread: "bread"}[g.SpecId]
		}
		out = append(out, gapRow{g.Bucket, key, g.Demand.String(), g.Supply.String(), g.Stock.String(), g.Gap.String()})
	}
	return out
}

// TestPlanning: supply-driven, the stock can make 20 loaves; demand-driven, 25 loaves due
// on March 15th explode into 3 batches of bread from 2 hours before, 2 batches of flour (3
// kg from stock) a day before that, and 4 kg of wheat to acquire (20 from stock); a later
// need of 4 loaves takes them from the first plan's spare 5. The flow-gap report says the
// same by month, by quarter and by classification; closing the plan frees it all.
func TestPlanning(t *testing.T) {
	s := newPlanScenario(t)
	r := s.r
	can, err := s.q.CanMake(r.Ctx(), &types.QueryCanMakeRequest{SpecId: s.bread})
	require.NoError(t, err)
	require.Equal(t, dec("20"), can.Quantity, "3 kg + 10 kg milled from 20 kg of wheat: 2 batches")
	require.Equal(t, s.flour, can.LimitedBy)

	due := time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)
	first := s.need(s.carol, s.bread, "25", due)
	p := s.plan(s.carol, first)
	require.Len(t, p.Processes, 2)
	bake, mill := p.Processes[0], p.Processes[1]
	require.Equal(t, types.PlannedProcess{RecipeId: 2, SpecId: s.bread, Batches: 3, Quantity: dec("30"), Start: due.Add(-2 * time.Hour), Due: due, Surplus: dec("5")}, bake)
	require.Equal(t, types.PlannedProcess{RecipeId: 1, SpecId: s.flour, Batches: 2, Quantity: dec("20"), Start: due.Add(-26 * time.Hour), Due: due.Add(-2 * time.Hour), Surplus: dec("8")}, mill)
	z := math.LegacyZeroDec()
	require.Equal(t, types.PlanLine{SpecId: s.bread, Due: due, Need: dec("25"), FromStock: z, FromScheduled: z, ToMake: dec("25"), ToAcquire: z}, line(t, p, s.bread))
	require.Equal(t, types.PlanLine{SpecId: s.flour, Due: bake.Start, Need: dec("15"), FromStock: dec("3"), FromScheduled: z, ToMake: dec("12"), ToAcquire: z}, line(t, p, s.flour))
	require.Equal(t, types.PlanLine{SpecId: s.wheat, Due: mill.Start, Need: dec("24"), FromStock: dec("20"), FromScheduled: z, ToMake: z, ToAcquire: dec("4")}, line(t, p, s.wheat))

	second := s.need(s.dave, s.bread, "4", due.Add(5*24*time.Hour))
	p2 := s.plan(s.dave, second)
	require.Empty(t, p2.Processes)
	require.Equal(t, dec("4"), line(t, p2, s.bread).FromScheduled, "from the first plan's spare loaves")
	got, err := s.q.Plan(r.Ctx(), &types.QueryPlanRequest{Id: p.Id})
	require.NoError(t, err)
	require.Equal(t, dec("1"), got.Plan.Processes[0].Surplus)
	can, err = s.q.CanMake(r.Ctx(), &types.QueryCanMakeRequest{SpecId: s.bread})
	require.NoError(t, err)
	require.True(t, can.Quantity.IsZero(), "the plan took the stock")

	march := "2026-03-01,2026-04-01"
	require.Equal(t, []gapRow{
		{"2026-03", "bread", "29.000000000000000000", "30.000000000000000000", "0.000000000000000000", "-1.000000000000000000"},
		{"2026-03", "flour", "15.000000000000000000", "20.000000000000000000", "3.000000000000000000", "-8.000000000000000000"},
		{"2026-03", "wheat", "24.000000000000000000", "0.000000000000000000", "20.000000000000000000", "4.000000000000000000"},
	}, sortRows(s.gaps(march, "month", "spec")))
	require.Equal(t, []gapRow{
		{"2026-Q1", "food/bakery", "29.000000000000000000", "30.000000000000000000", "0.000000000000000000", "-1.000000000000000000"},
		{"2026-Q1", "food/grain", "39.000000000000000000", "20.000000000000000000", "23.000000000000000000", "-4.000000000000000000"},
	}, s.gaps("2026-01-01,2026-07-01", "quarter", "classification"))
	require.Equal(t, []gapRow{
		{"2026-02", "flour", "0.000000000000000000", "0.000000000000000000", "3.000000000000000000", "-3.000000000000000000"},
		{"2026-02", "wheat", "0.000000000000000000", "0.000000000000000000", "20.000000000000000000", "-20.000000000000000000"},
	}, sortRows(s.gaps("2026-02-01,2026-03-01", "", "")), "a month with no flows: the stock is a surplus")

	t.Run("the plan exports as JSON-LD", func(t *testing.T) {
		res, err := s.q.Export(r.Ctx(), &types.QueryExportRequest{Subject: "plan", Id: p.Id})
		require.NoError(t, err)
		nodes := expand(t, res.JsonLd)
		for _, ty := range []string{"Plan", "Process", "Commitment", "Intent", "ResourceSpecification"} {
			require.Contains(t, nodes, keeper.VocabVF+ty)
		}
	})

	r.MustDeliver(s.carol, &types.MsgClosePlan{Planner: s.carol.String(), PlanId: p.Id})
	require.Equal(t, []gapRow{
		{"2026-03", "bread", "29.000000000000000000", "0.000000000000000000", "0.000000000000000000", "29.000000000000000000"},
		{"2026-03", "flour", "0.000000000000000000", "0.000000000000000000", "3.000000000000000000", "-3.000000000000000000"},
		{"2026-03", "wheat", "0.000000000000000000", "0.000000000000000000", "20.000000000000000000", "-20.000000000000000000"},
	}, sortRows(s.gaps(march, "month", "spec")), "the needs stay; the planned flows go")
	can, err = s.q.CanMake(r.Ctx(), &types.QueryCanMakeRequest{SpecId: s.bread})
	require.NoError(t, err)
	require.Equal(t, dec("20"), can.Quantity, "the stock is free again")
	p3 := s.plan(s.carol, first)
	require.Len(t, p3.Processes, 2, "the need can be planned again")
	s.invariantsHold()
}

func sortRows(rows []gapRow) []gapRow {
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			if rows[j].key < rows[i].key {
				rows[i], rows[j] = rows[j], rows[i]
			}
		}
	}
	return rows
}

// TestBadInput: every refusal is a registered error, through signed transactions.
func TestBadInput(t *testing.T) {
	s := newPlanScenario(t)
	f, r, vk := s.fixture, s.r, s.r.App.ValueFlowsKeeper
	f.as(f.alice, &types.MsgStartProcess{Company: f.mill.String(), Name: "milling"})
	milling := f.last(vk.ProcessSeq)
	f.as(f.bob, &types.MsgStartProcess{Company: f.bakery.String(), Name: "baking"})
	baking := f.last(vk.ProcessSeq)
	var flourRes, wheatRes uint64
	for id := uint64(1); id <= f.last(vk.ResourceSeq); id++ {
		switch f.resource(id).SpecId {
		case s.flour:
			flourRes = id
		case s.wheat:
			wheatRes = id
		}
	}
	mill, bakery := f.mill.String(), f.bakery.String()
	consume := func(company string, process, resource uint64, q string) *types.MsgRecordEvent {
		return &types.MsgRecordEvent{Company: company, Action: types.ACTION_CONSUME, ProcessId: process, ResourceId: resource, Quantity: q}
	}
	cases := []struct {
		name    string
		manager region.Account
		msg     sdk.Msg
		err     *errorsmod.Error
	}{
		{"unknown unit", f.alice, &types.MsgDefineSpec{Agent: mill, Name: "rye", Unit: "furlong"}, types.ErrUnknownUnit},
		{"no name", f.alice, &types.MsgDefineSpec{Agent: mill, Name: "", Unit: "kg"}, types.ErrInvalidSpec},
		{"unknown kind", f.alice, &types.MsgRecordEvent{Company: mill, Action: types.ACTION_PRODUCE, ProcessId: milling, SpecId: 999, Quantity: "1"}, types.ErrUnknownSpec},
		{"consuming more than on hand", f.alice, consume(mill, milling, wheatRes, "21"), types.ErrInsufficientQuantity},
		{"consuming another company's resource", f.alice, consume(mill, milling, flourRes, "1"), types.ErrNotOwner},
		{"the bakery consumes the mill's wheat", f.bob, consume(bakery, baking, wheatRes, "1"), types.ErrNotOwner},
		{"producing into another company's resource", f.alice, &types.MsgRecordEvent{Company: mill, Action: types.ACTION_PRODUCE, ProcessId: milling, ResourceId: flourRes, Quantity: "1"}, types.ErrNotOwner},
		{"another company's process", f.alice, consume(mill, baking, wheatRes, "1"), types.ErrNotOwner},
		{"no process", f.alice, consume(mill, 0, wheatRes, "1"), types.ErrUnknownProcess},
		{"zero quantity", f.alice, consume(mill, milling, wheatRes, "0"), types.ErrInvalidQuantity},
		{"negative quantity", f.alice, consume(mill, milling, wheatRes, "-2"), types.ErrInvalidQuantity},
		{"work is payroll's", f.alice, &types.MsgRecordEvent{Company: mill, Action: types.ACTION_WORK, ProcessId: milling, Quantity: "1"}, types.ErrInvalidAction},
		{"lower with no resource", f.alice, &types.MsgRecordEvent{Company: mill, Action: types.ACTION_LOWER, Quantity: "1"}, types.ErrUnknownResource},
		{"producing into a resource of another kind", f.alice, &types.MsgRecordEvent{Company: mill, Action: types.ACTION_PRODUCE, ProcessId: milling, ResourceId: wheatRes, SpecId: s.flour, Quantity: "1"}, types.ErrSpecMismatch},
		{"transfer to a bad address", f.alice, &types.MsgRecordEvent{Company: mill, Action: types.ACTION_TRANSFER, ResourceId: wheatRes, Receiver: "nobody", Quantity: "1"}, types.ErrInvalidAddress},
		{"attach an unknown event", f.alice, &types.MsgAttach{Company: mill, EventId: 999, ProcessId: milling}, types.ErrUnknownEvent},
		{"attach a consume event", f.alice, &types.MsgAttach{Company: mill, EventId: 1, ProcessId: milling}, types.ErrInvalidAction},
		{"finish with no output", f.alice, &types.MsgFinishProcess{Company: mill, ProcessId: milling}, types.ErrNoOutput},
		{"recipe cycle", f.alice, &types.MsgCreateRecipe{Agent: mill, Name: "unmilling", OutputSpecId: s.wheat, OutputQuantity: "1",
			Inputs: []types.RecipeInput{{Action: types.ACTION_CONSUME, SpecId: s.bread, Quantity: "1"}}}, types.ErrRecipeCycle},
		{"recipe from itself", f.alice, &types.MsgCreateRecipe{Agent: mill, Name: "loop", OutputSpecId: s.wheat, OutputQuantity: "1",
			Inputs: []types.RecipeInput{{Action: types.ACTION_CONSUME, SpecId: s.wheat, Quantity: "1"}}}, types.ErrRecipeCycle},
		{"recipe without inputs", f.alice, &types.MsgCreateRecipe{Agent: mill, Name: "air", OutputSpecId: s.wheat, OutputQuantity: "1"}, types.ErrInvalidRecipe},
		{"recipe producing an input", f.alice, &types.MsgCreateRecipe{Agent: mill, Name: "x", OutputSpecId: s.wheat, OutputQuantity: "1",
			Inputs: []types.RecipeInput{{Action: types.ACTION_PRODUCE, SpecId: s.flour, Quantity: "1"}}}, types.ErrInvalidRecipe},
		{"recipe work without occupation", f.alice, &types.MsgCreateRecipe{Agent: mill, Name: "x", OutputSpecId: s.wheat, OutputQuantity: "1",
			Inputs: []types.RecipeInput{{Action: types.ACTION_WORK, Quantity: "1"}}}, types.ErrInvalidRecipe},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { f.refused(c.manager, c.err, c.msg) })
	}

	t.Run("a finished process takes nothing more", func(t *testing.T) {
		f.as(f.alice, &types.MsgRecordEvent{Company: mill, Action: types.ACTION_PRODUCE, ProcessId: milling, SpecId: s.flour, Quantity: "1"})
		f.as(f.alice, &types.MsgFinishProcess{Company: mill, ProcessId: milling})
		f.refused(f.alice, types.ErrProcessFinished, consume(mill, milling, wheatRes, "1"))
		f.refused(f.alice, types.ErrProcessFinished, &types.MsgFinishProcess{Company: mill, ProcessId: milling})
	})

	person := []struct {
		name   string
		signer region.Account
		msg    sdk.Msg
		err    *errorsmod.Error
	}{
		{"a person records production", f.dave, &types.MsgRecordEvent{Company: f.dave.String(), Action: types.ACTION_RAISE, SpecId: s.flour, Quantity: "1"}, types.ErrNotCompany},
		{"a person defines a kind", f.dave, &types.MsgDefineSpec{Agent: f.dave.String(), Name: "x", Unit: "kg"}, types.ErrNotCompany},
		{"a need in the past", f.dave, &types.MsgIntend{Agent: f.dave.String(), Kind: types.INTENT_KIND_DEMAND, SpecId: s.bread, Quantity: "1", Due: hour(-1)}, types.ErrInvalidIntent},
		{"a need of no kind", f.dave, &types.MsgIntend{Agent: f.dave.String(), Kind: types.INTENT_KIND_DEMAND, SpecId: 999, Quantity: "1", Due: hour(48)}, types.ErrUnknownSpec},
		{"an intent neither need nor offer", f.dave, &types.MsgIntend{Agent: f.dave.String(), SpecId: s.bread, Quantity: "1", Due: hour(48)}, types.ErrInvalidIntent},
		{"a need of nothing", f.dave, &types.MsgIntend{Agent: f.dave.String(), Kind: types.INTENT_KIND_DEMAND, SpecId: s.bread, Quantity: "0", Due: hour(48)}, types.ErrInvalidQuantity},
		{"a plan of an unknown need", f.dave, &types.MsgCreatePlan{Planner: f.dave.String(), Name: "x", IntentIds: []uint64{999}}, types.ErrUnknownIntent},
		{"a plan of nothing", f.dave, &types.MsgCreatePlan{Planner: f.dave.String(), Name: "x"}, types.ErrInvalidPlan},
		{"a unit by a member", f.dave, &types.MsgSetUnit{Authority: f.dave.String(), Unit: types.Unit{Symbol: "bu", Label: "bushel"}}, nil},
	}
	for _, c := range person {
		t.Run(c.name, func(t *testing.T) {
			res := r.Deliver(c.signer, c.msg)
			require.NotZero(t, res.Code)
			if c.err != nil {
				require.Contains(t, res.Log, c.err.Error())
			}
		})
	}

	t.Run("intents and plans are their agents'", func(t *testing.T) {
		offer := uint64(0)
		r.MustDeliver(f.carol, &types.MsgIntend{Agent: f.carol.String(), Kind: types.INTENT_KIND_OFFER, SpecId: s.bread, Quantity: "5", Due: hour(48)})
		offer = f.last(vk.IntentSeq)
		res := r.Deliver(f.dave, &types.MsgCloseIntent{Agent: f.dave.String(), IntentId: offer})
		require.Contains(t, res.Log, types.ErrNotOwner.Error())
		res = r.Deliver(f.dave, &types.MsgCreatePlan{Planner: f.dave.String(), Name: "x", IntentIds: []uint64{offer}})
		require.Contains(t, res.Log, types.ErrInvalidPlan.Error(), "an offer is not a need")
		r.MustDeliver(f.carol, &types.MsgCloseIntent{Agent: f.carol.String(), IntentId: offer})
		res = r.Deliver(f.carol, &types.MsgCloseIntent{Agent: f.carol.String(), IntentId: offer})
		require.Contains(t, res.Log, types.ErrInvalidIntent.Error(), "closed already")
		need := s.need(f.carol, s.bread, "1", hour(72))
		s.plan(f.carol, need)
		res = r.Deliver(f.carol, &types.MsgCreatePlan{Planner: f.carol.String(), Name: "again", IntentIds: []uint64{need}})
		require.Contains(t, res.Log, types.ErrInvalidPlan.Error(), "planned already")
		res = r.Deliver(f.dave, &types.MsgClosePlan{Planner: f.dave.String(), PlanId: f.last(vk.PlanSeq)})
		require.Contains(t, res.Log, types.ErrNotOwner.Error())
	})

	t.Run("the assembly adds units", func(t *testing.T) {
		r.Pass(r.Assembly(), []region.Account{f.alice, f.bob, f.carol}, &types.MsgSetUnit{Authority: r.Assembly(), Unit: types.Unit{Symbol: "bu", Label: "bushel"}})
		f.defineSpec(f.alice, f.mill, "barley", "bu", "food/grain")
	})

	queries := []struct {
		name string
		run  func() error
		err  *errorsmod.Error
	}{
		{"flow gaps: bad period", func() error {
			_, err := s.q.FlowGaps(r.Ctx(), &types.QueryFlowGapsRequest{Period: "march"})
			return err
		}, types.ErrInvalidPeriod},
		{"flow gaps: bad bucket", func() error {
			_, err := s.q.FlowGaps(r.Ctx(), &types.QueryFlowGapsRequest{Period: "2026-03-01,2026-04-01", Bucket: "week"})
			return err
		}, types.ErrInvalidQuery},
		{"flow gaps: bad rollup", func() error {
			_, err := s.q.FlowGaps(r.Ctx(), &types.QueryFlowGapsRequest{Period: "2026-03-01,2026-04-01", Rollup: "agent"})
			return err
		}, types.ErrInvalidQuery},
		{"flow gaps: eleven years", func() error {
			_, err := s.q.FlowGaps(r.Ctx(), &types.QueryFlowGapsRequest{Period: "2026-01-01,2037-01-01"})
			return err
		}, types.ErrInvalidPeriod},
		{"events: two filters", func() error {
			_, err := s.q.Events(r.Ctx(), &types.QueryEventsRequest{Agent: mill, ProcessId: 1})
			return err
		}, types.ErrInvalidQuery},
		{"events: no filter", func() error { _, err := s.q.Events(r.Ctx(), &types.QueryEventsRequest{}); return err }, types.ErrInvalidQuery},
		{"cost of no resource", func() error { _, err := s.q.Cost(r.Ctx(), &types.QueryCostRequest{ResourceId: 999}); return err }, types.ErrUnknownResource},
		{"trace of no resource", func() error { _, err := s.q.Trace(r.Ctx(), &types.QueryTraceRequest{ResourceId: 999}); return err }, types.ErrUnknownResource},
		{"export of what", func() error { _, err := s.q.Export(r.Ctx(), &types.QueryExportRequest{Subject: "region"}); return err }, types.ErrInvalidQuery},
		{"export of no plan", func() error {
			_, err := s.q.Export(r.Ctx(), &types.QueryExportRequest{Subject: "plan", Id: 999})
			return err
		}, types.ErrUnknownPlan},
		{"can make no kind", func() error { _, err := s.q.CanMake(r.Ctx(), &types.QueryCanMakeRequest{SpecId: 999}); return err }, types.ErrUnknownSpec},
	}
	for _, c := range queries {
		t.Run(c.name, func(t *testing.T) { require.ErrorIs(t, c.run(), c.err) })
	}
	f.invariantsHold()
}
