// Package simulation gives x/valueflows operations: companies define kinds of resources and
// recipes, run processes (produce, consume, finish); members post needs and offers and plan
// for them; companies transfer what they hold to members, who accept or reject it.
package simulation

import (
	"math/rand"
	"strconv"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/valueflows/keeper"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// WeightedOperations are the valueflows operations.
func WeightedOperations(k membershipsim.Keepers, vk keeper.Keeper) simulation.WeightedOperations {
	s := sim{k: k, vk: vk}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(5, s.spec),
		simulation.NewWeightedOperation(5, s.recipe),
		simulation.NewWeightedOperation(25, s.produce),
		simulation.NewWeightedOperation(10, s.intend),
		simulation.NewWeightedOperation(5, s.plan),
		simulation.NewWeightedOperation(4, s.transfer),
		simulation.NewWeightedOperation(4, s.settle),
	}
}

type sim struct {
	k  membershipsim.Keepers
	vk keeper.Keeper
}

func noop(msg sdk.Msg, why string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), why), nil, nil
}

// company decides msgs as a random company's workers.
func (s sim) company(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, msgs func(company string) []sdk.Msg) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	company, workers, ok := membershipsim.RandomInstitution(r, ctx, s.k, accs, membershiptypes.AGENT_KIND_COMPANY)
	if !ok {
		return noop(&types.MsgStartProcess{}, "no company with a simulated worker")
	}
	list := msgs(company)
	if len(list) == 0 {
		return noop(&types.MsgStartProcess{}, "nothing to do")
	}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, company, workers, list...)
	return op, nil, err
}

// randomSpec picks a kind of resource other than RSC.
func (s sim) randomSpec(r *rand.Rand, ctx sdk.Context) uint64 {
	last, err := s.vk.SpecSeq.Peek(ctx)
	if err != nil || last < 2 {
		return types.SpecLabour
	}
	return 2 + uint64(r.Int63n(int64(last-1)))
}

func quantity(r *rand.Rand) string { return strconv.FormatInt(1+r.Int63n(100), 10) }

// spec has a company define a kind of resource.
func (s sim) spec(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	units := types.DefaultUnits()
	classes := []string{"food/grain", "food/bakery", "building", "energy"}
	return s.company(r, app, ctx, accs, func(c string) []sdk.Msg {
		return []sdk.Msg{&types.MsgDefineSpec{Agent: c, Name: simtypes.RandStringOfLength(r, 8), Unit: units[r.Intn(len(units))].Symbol, Classification: classes[r.Intn(len(classes))]}}
	})
}

// recipe has a company define a recipe from one or two kinds (a cycle is refused).
func (s sim) recipe(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	inputs := []types.RecipeInput{{Action: types.ACTION_CONSUME, SpecId: s.randomSpec(r, ctx), Quantity: quantity(r)}}
	if r.Intn(2) == 0 {
		inputs = append(inputs, types.RecipeInput{Action: types.ACTION_WORK, OccupationId: 1, Quantity: quantity(r)})
	}
	return s.company(r, app, ctx, accs, func(c string) []sdk.Msg {
		return []sdk.Msg{&types.MsgCreateRecipe{Agent: c, Name: "simulated", OutputSpecId: s.randomSpec(r, ctx), OutputQuantity: quantity(r),
			Duration: time.Duration(r.Intn(48)) * time.Hour, Inputs: inputs}}
	})
}

// produce moves a company's production on: start a process, produce, consume or finish.
func (s sim) produce(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return s.company(r, app, ctx, accs, func(c string) []sdk.Msg {
		var open *types.Process
		_ = s.vk.ProcessesByOwner.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](c), func(key collections.Pair[string, uint64]) (bool, error) {
			if p, err := s.vk.Processes.Get(ctx, key.K2()); err == nil && !p.Finished {
				open = &p
			}
			return open != nil, nil
		})
		if open == nil {
			return []sdk.Msg{&types.MsgStartProcess{Company: c, Name: simtypes.RandStringOfLength(r, 8)}}
		}
		held := s.held(r, ctx, c)
		switch n := r.Intn(4); {
		case n == 0 && held != nil:
			q := held.OnhandQuantity.MulInt64(int64(1 + r.Intn(100))).QuoInt64(100)
			return []sdk.Msg{&types.MsgRecordEvent{Company: c, Action: types.ACTION_CONSUME, ProcessId: open.Id, ResourceId: held.Id, Quantity: q.String()}}
		case n == 1:
			return []sdk.Msg{&types.MsgFinishProcess{Company: c, ProcessId: open.Id}}
		default:
			return []sdk.Msg{&types.MsgRecordEvent{Company: c, Action: types.ACTION_PRODUCE, ProcessId: open.Id, SpecId: s.randomSpec(r, ctx), Quantity: quantity(r)}}
		}
	})
}

// held picks one of company's resources with something on hand (nil if none).
func (s sim) held(r *rand.Rand, ctx sdk.Context, company string) *types.EconomicResource {
	var held *types.EconomicResource
	_ = s.vk.ResourcesByOwner.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](company), func(key collections.Pair[string, uint64]) (bool, error) {
		if res, err := s.vk.Resources.Get(ctx, key.K2()); err == nil && res.OnhandQuantity.IsPositive() {
			held = &res
		}
		return held != nil && r.Intn(2) == 0, nil
	})
	return held
}

// transfer has a company transfer part of what it holds to a member: it waits for the
// member's acceptance.
func (s sim) transfer(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	if len(members) == 0 {
		return noop(&types.MsgRecordEvent{}, "no members")
	}
	to := members[r.Intn(len(members))].Address.String()
	return s.company(r, app, ctx, accs, func(c string) []sdk.Msg {
		actions := []types.Action{types.ACTION_TRANSFER, types.ACTION_TRANSFER_CUSTODY, types.ACTION_TRANSFER_ALL_RIGHTS}
		transfer := &types.MsgRecordEvent{Company: c, Action: actions[r.Intn(len(actions))], Receiver: to}
		held := s.held(r, ctx, c)
		if held == nil || !held.AccountingQuantity.IsPositive() {
			// nothing on hand: raise an opening stock (at no value) and transfer from it; the
			// decision runs in this operation, so the new resource takes the next id
			last, err := s.vk.ResourceSeq.Peek(ctx)
			if err != nil {
				return nil
			}
			transfer.ResourceId, transfer.Quantity = last+1, quantity(r)
			return []sdk.Msg{&types.MsgRecordEvent{Company: c, Action: types.ACTION_RAISE, SpecId: s.randomSpec(r, ctx), Quantity: "100"}, transfer}
		}
		q := math.LegacyMinDec(held.OnhandQuantity, held.AccountingQuantity).MulInt64(int64(1 + r.Intn(100))).QuoInt64(100)
		transfer.ResourceId, transfer.Quantity = held.Id, q.String()
		return []sdk.Msg{transfer}
	})
}

// settle has the receiver of a pending transfer accept it, or reject it (always when the
// provider no longer has the quantity, as acceptance would fail).
func (s sim) settle(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	byAddr := make(map[string]simtypes.Account, len(accs))
	for _, a := range accs {
		byAddr[a.Address.String()] = a
	}
	var pending *types.PendingTransfer
	var receiver simtypes.Account
	_ = s.vk.Transfers.Walk(ctx, nil, func(_ uint64, p types.PendingTransfer) (bool, error) {
		if acc, ok := byAddr[p.Receiver]; ok {
			pending, receiver = &p, acc
		}
		return pending != nil, nil
	})
	if pending == nil {
		return noop(&types.MsgAcceptTransfer{}, "no pending transfer to a simulated account")
	}
	var msg sdk.Msg = &types.MsgAcceptTransfer{Receiver: receiver.Address.String(), TransferId: pending.Id}
	from, err := s.vk.Resource(ctx, pending.ResourceId)
	z := math.LegacyZeroDec()
	if _, short := types.ApplyEffect(pending.Action, &from, &types.EconomicResource{AccountingQuantity: z, OnhandQuantity: z, Value: z}, pending.Quantity); err != nil || short != nil || r.Intn(3) == 0 {
		msg = &types.MsgRejectTransfer{Agent: receiver.Address.String(), TransferId: pending.Id}
	}
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, receiver, msg)
	return op, nil, err
}

// intend has a member post a need or an offer due within a year.
func (s sim) intend(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	if len(members) == 0 {
		return noop(&types.MsgIntend{}, "no members")
	}
	m := members[r.Intn(len(members))]
	kind := types.INTENT_KIND_DEMAND
	if r.Intn(3) == 0 {
		kind = types.INTENT_KIND_OFFER
	}
	msg := &types.MsgIntend{Agent: m.Address.String(), Kind: kind, SpecId: s.randomSpec(r, ctx), Quantity: quantity(r),
		Due: ctx.BlockTime().Add(time.Duration(1+r.Intn(365)) * 24 * time.Hour)}
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, m, msg)
	return op, nil, err
}

// plan has a member plan for an open need no plan has taken up.
func (s sim) plan(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	var need uint64
	_ = s.vk.Intents.Walk(ctx, nil, func(id uint64, in types.Intent) (bool, error) {
		if in.Open && in.Kind == types.INTENT_KIND_DEMAND && in.PlanId == 0 {
			need = id
		}
		return need != 0, nil
	})
	if len(members) == 0 || need == 0 {
		return noop(&types.MsgCreatePlan{}, "no unplanned need")
	}
	m := members[r.Intn(len(members))]
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, m, &types.MsgCreatePlan{Planner: m.Address.String(), Name: "simulated", IntentIds: []uint64{need}})
	return op, nil, err
}
