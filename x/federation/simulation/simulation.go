// Package simulation gives x/federation operations: the assembly records regions in the
// directory, opens pools with representatives and contributes from the treasury; pools
// spend by their representatives' proposals.
package simulation

import (
	"fmt"
	"math/rand"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/conductor-coop/conductor/x/federation/keeper"
	"github.com/conductor-coop/conductor/x/federation/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// WeightedOperations are the federation operations.
func WeightedOperations(k membershipsim.Keepers, fk keeper.Keeper) simulation.WeightedOperations {
	s := sim{k: k, fk: fk}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(5, s.region),
		simulation.NewWeightedOperation(5, s.pool),
		simulation.NewWeightedOperation(15, s.contribute),
		simulation.NewWeightedOperation(15, s.spend),
	}
}

type sim struct {
	k  membershipsim.Keepers
	fk keeper.Keeper
}

func noop(msg sdk.Msg, why string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), why), nil, nil
}

// address decodes a stored address with the region's address codec.
func (s sim) address(a string) (sdk.AccAddress, error) {
	return s.k.Membership.AddressCodec().StringToBytes(a)
}

// assembly decides msg by the members' votes.
func (s sim) assembly(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, msg func(authority string) sdk.Msg) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	authority, err := s.k.Membership.Authority(ctx)
	if len(members) == 0 || err != nil {
		return noop(msg(""), "no assembly")
	}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, authority, members, msg(authority))
	return op, nil, err
}

// region records a random region in the directory.
func (s sim) region(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	n := r.Intn(20)
	region := types.Region{
		Name: fmt.Sprintf("region-%d", n), ChainId: fmt.Sprintf("region-%d-1", n), ChannelId: fmt.Sprintf("channel-%d", n),
		Internal: r.Intn(2) == 0, Endpoints: types.Endpoints{Rest: fmt.Sprintf("http://127.0.0.1:%d", 1317+n)},
	}
	return s.assembly(r, app, ctx, accs, func(a string) sdk.Msg { return &types.MsgSetRegion{Authority: a, Region: region} })
}

// pool opens a pool represented by up to three random accounts of this region.
func (s sim) pool(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	var reps []types.Representative
	for _, acc := range accs[:min(3, len(accs))] {
		if agent, err := s.k.Membership.GetAgent(ctx, acc.Address); err == nil && agent.Kind != membershiptypes.AGENT_KIND_PERSON {
			continue
		}
		reps = append(reps, types.Representative{Address: acc.Address.String(), ChainId: ctx.ChainID()})
	}
	if len(reps) == 0 {
		return noop(&types.MsgCreatePool{}, "no persons")
	}
	name := "transit " + simtypes.RandStringOfLength(r, 5)
	return s.assembly(r, app, ctx, accs, func(a string) sdk.Msg {
		return &types.MsgCreatePool{Authority: a, Name: name, Purpose: "simulated", Representatives: reps}
	})
}

// contribute pays a random amount from the treasury into a random pool here.
func (s sim) contribute(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	p, ok := s.randomPool(r, ctx)
	if !ok || p.Closed {
		return noop(&types.MsgContribute{}, "no open pool")
	}
	amount := math.NewInt(1 + r.Int63n(10_000_000))
	return s.assembly(r, app, ctx, accs, func(a string) sdk.Msg {
		return &types.MsgContribute{Authority: a, PoolId: p.Id, Amount: amount}
	})
}

// spend has a pool's representatives pay part of its balance to a member who is not one of
// them (a pool never pays its own representatives).
func (s sim) spend(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	p, ok := s.randomPool(r, ctx)
	if !ok {
		return noop(&types.MsgSpend{}, "no pool")
	}
	pool, err := s.address(p.Address)
	if err != nil {
		return noop(&types.MsgSpend{}, err.Error())
	}
	held := s.k.Bank.SpendableCoins(ctx, pool).AmountOf(membershiptypes.Denom)
	var voters []simtypes.Account
	reps := make(map[string]bool, len(p.Representatives))
	for _, rep := range p.Representatives {
		reps[rep.Address] = true
		addr, err := s.address(rep.Address)
		if err != nil {
			return noop(&types.MsgSpend{}, err.Error())
		}
		if acc, ok := simtypes.FindAccount(accs, addr); ok {
			voters = append(voters, acc)
		}
	}
	if !held.IsPositive() || len(voters) == 0 {
		return noop(&types.MsgSpend{}, "empty pool")
	}
	var recipients []simtypes.Account
	for _, m := range membershipsim.Members(ctx, s.k.Membership, accs) {
		if !reps[m.Address.String()] {
			recipients = append(recipients, m)
		}
	}
	if len(recipients) == 0 {
		return noop(&types.MsgSpend{}, "no member outside the pool")
	}
	msg := &types.MsgSpend{
		Pool: p.Address, Recipient: recipients[r.Intn(len(recipients))].Address.String(), Reason: "simulated",
		Amount: sdk.NewCoins(sdk.NewCoin(membershiptypes.Denom, math.NewInt(1+r.Int63n(held.Int64())))),
	}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, p.Address, voters, msg)
	return op, nil, err
}

func (s sim) randomPool(r *rand.Rand, ctx sdk.Context) (types.Pool, bool) {
	last, err := s.fk.PoolSeq.Peek(ctx)
	if err != nil || last == 0 {
		return types.Pool{}, false
	}
	p, err := s.fk.Pools.Get(ctx, uint64(1+r.Intn(int(last))))
	return p, err == nil
}
