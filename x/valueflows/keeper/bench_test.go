package keeper_test

import (
	"fmt"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/valueflows/keeper"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// BenchmarkFlowGaps builds a region with 10,000 finished processes and 100,000 economic
// events over a year (50 kinds in 5 sectors, 25 recipes), 5,000 needs and offers and 500
// plans exploded from them, then times a year's flow-gap report by month, through the
// app's query router (ABCI Query), rolled up by kind and by sector: ms_per_report is their
// average.
func BenchmarkFlowGaps(b *testing.B) {
	const kinds, processes, eventsPerProcess, intents, plans = 50, 10_000, 10, 5_000, 500
	r := region.New(b, region.DefaultConfig())
	company := r.AgentAddr("Bakery Co-op").String()
	member := r.Accounts["alice"].String()
	ctx := r.Ctx()
	ms := keeper.NewMsgServerImpl(r.App.ValueFlowsKeeper)
	must := func(_ any, err error) { require.NoError(b, err) }
	year := r.Time
	specs := make([]uint64, kinds)
	stock := make([]uint64, kinds)
	for i := range specs {
		res, err := ms.DefineSpec(ctx, &types.MsgDefineSpec{Agent: company, Name: fmt.Sprintf("kind %d", i), Unit: "kg", Classification: fmt.Sprintf("sector-%d", i%5)})
		require.NoError(b, err)
		specs[i] = res.SpecId
		ev, err := ms.RecordEvent(ctx, &types.MsgRecordEvent{Company: company, Action: types.ACTION_RAISE, SpecId: specs[i], Quantity: math.LegacyNewDec(1_000_000_000).String(), Value: math.LegacyNewDec(1_000_000).String()})
		require.NoError(b, err)
		stock[i] = ev.ResourceId
	}
	for i := range kinds / 2 {
		must(ms.CreateRecipe(ctx, &types.MsgCreateRecipe{Agent: company, Name: "recipe", OutputSpecId: specs[i], OutputQuantity: math.LegacyNewDec(10).String(), Duration: time.Hour,
			Inputs: []types.RecipeInput{{Action: types.ACTION_CONSUME, SpecId: specs[i+kinds/2], Quantity: math.LegacyNewDec(3).String()}}}))
	}
	events := kinds
	for p := range processes {
		if p%200 == 0 { // commit as blocks would: an unsaved IAVL tree iterates slowly
			r.NextBlock(time.Second)
			ctx = r.Ctx()
		}
		at := ctx.WithBlockTime(year.Add(time.Duration(p) * 365 * 24 * time.Hour / processes))
		started, err := ms.StartProcess(at, &types.MsgStartProcess{Company: company, Name: "run"})
		require.NoError(b, err)
		in, out := p%kinds, (p+1)%kinds
		for e := range eventsPerProcess - 1 {
			msg := &types.MsgRecordEvent{Company: company, ProcessId: started.ProcessId, Quantity: math.LegacyNewDec(1).String(), Action: types.ACTION_CONSUME, ResourceId: stock[in]}
			if e%2 == 1 {
				msg.Action, msg.ResourceId = types.ACTION_PRODUCE, stock[out]
			}
			must(ms.RecordEvent(at, msg))
		}
		must(ms.RecordEvent(at, &types.MsgRecordEvent{Company: company, ProcessId: started.ProcessId, Quantity: math.LegacyNewDec(1).String(), Action: types.ACTION_USE, SpecId: types.SpecFacility}))
		must(ms.FinishProcess(at, &types.MsgFinishProcess{Company: company, ProcessId: started.ProcessId}))
		events += eventsPerProcess
	}
	r.NextBlock(time.Second)
	ctx = r.Ctx()
	for i := range intents {
		if i%500 == 0 {
			r.NextBlock(time.Second)
			ctx = r.Ctx()
		}
		kind := types.INTENT_KIND_DEMAND
		if i%3 == 0 {
			kind = types.INTENT_KIND_OFFER
		}
		must(ms.Intend(ctx, &types.MsgIntend{Agent: member, Kind: kind, SpecId: specs[i%kinds], Quantity: math.LegacyNewDec(int64(1 + i%100)).String(),
			Due: year.Add(time.Duration(1+i%360) * 24 * time.Hour)}))
	}
	r.NextBlock(time.Second)
	ctx = r.Ctx()
	planned := 0
	for id := uint64(1); planned < plans; id++ {
		if in, err := r.App.ValueFlowsKeeper.Intents.Get(ctx, id); err == nil && in.Kind == types.INTENT_KIND_DEMAND {
			must(ms.CreatePlan(ctx, &types.MsgCreatePlan{Planner: member, Name: "plan", IntentIds: []uint64{id}}))
			planned++
		}
	}
	r.NextBlock(time.Second)
	last, err := r.App.ValueFlowsKeeper.EventSeq.Peek(r.Ctx())
	require.NoError(b, err)
	require.GreaterOrEqual(b, last, uint64(processes*eventsPerProcess), "events recorded")

	period := fmt.Sprintf("%s,%s", year.Format(time.DateOnly), year.AddDate(1, 0, 0).Format(time.DateOnly))
	report := func(rollup string) int {
		req := &types.QueryFlowGapsRequest{Period: period, Bucket: "month", Rollup: rollup}
		bz, err := req.Marshal()
		require.NoError(b, err)
		res, err := r.App.Query(r.Ctx(), &abci.RequestQuery{Path: "/conductor.valueflows.v1.Query/FlowGaps", Data: bz})
		require.NoError(b, err)
		require.Zero(b, res.Code, res.Log)
		var out types.QueryFlowGapsResponse
		require.NoError(b, out.Unmarshal(res.Value))
		return len(out.Gaps)
	}
	require.Greater(b, report("spec"), kinds, "a row per kind and month")
	b.ResetTimer()
	began := time.Now()
	for range b.N {
		report("spec")
		report("classification")
	}
	b.ReportMetric(float64(time.Since(began).Microseconds())/1000/float64(2*b.N), "ms_per_report")
	b.ReportMetric(float64(events), "events")
}
