// Package simulation gives x/dividend its operations: members claim their dividend (every
// other operation a member signs settles it too), while the periods close in EndBlock as
// simulated time passes; the assembly subsidizes regional companies from what the treasury
// does not reserve, and a subsidy to anything else must be refused.
package simulation

import (
	"math/rand"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/conductor-coop/conductor/x/dividend/keeper"
	"github.com/conductor-coop/conductor/x/dividend/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// WeightedOperations are the dividend operations.
func WeightedOperations(k membershipsim.Keepers, dk keeper.Keeper) simulation.WeightedOperations {
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(20, claim(k, dk)),
		simulation.NewWeightedOperation(5, subsidize(k, dk)),
		simulation.NewWeightedOperation(5, subsidizeRefused(k)),
	}
}

// claim has a random member claim what it is owed.
func claim(k membershipsim.Keepers, dk keeper.Keeper) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		members := membershipsim.Members(ctx, k.Membership, accs)
		if len(members) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgClaim{}), "no member"), nil, nil
		}
		m := members[r.Intn(len(members))]
		entry, err := dk.Members.Get(ctx, m.Address)
		if err != nil {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgClaim{}), "not registered"), nil, err
		}
		owed, _, err := dk.Owed(ctx, entry)
		if err != nil || !owed.IsPositive() {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgClaim{}), "nothing owed"), nil, err
		}
		op, err := membershipsim.Deliver(r, app, ctx, k, types.ModuleName, m, &types.MsgClaim{Member: m.Address.String()})
		return op, nil, err
	}
}

// subsidize has the assembly pay a random regional company part of what the treasury does
// not reserve for the members.
func subsidize(k membershipsim.Keepers, dk keeper.Keeper) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		noop := func(why string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgSubsidize{}), why), nil, nil
		}
		company, _, ok := membershipsim.RandomInstitution(r, ctx, k, accs, membershiptypes.AGENT_KIND_REGIONAL_COMPANY)
		members := membershipsim.Members(ctx, k.Membership, accs)
		assembly, err := k.Membership.Authority(ctx)
		if !ok || len(members) == 0 || err != nil {
			return noop("no regional company or no assembly")
		}
		reserved, err := dk.Reserved(ctx)
		if err != nil {
			return noop(err.Error())
		}
		free := k.Bank.SpendableCoins(ctx, authtypes.NewModuleAddress(membershiptypes.TreasuryName)).AmountOf(membershiptypes.Denom).Sub(reserved)
		if !free.IsPositive() || !free.IsInt64() {
			return noop("nothing unreserved")
		}
		amount := math.NewInt(1 + r.Int63n(free.Int64()/4+1))
		op, err := membershipsim.Decide(r, app, ctx, k, types.ModuleName, assembly, members,
			&types.MsgSubsidize{Authority: assembly, Company: company, Amount: amount, Reason: simtypes.RandStringOfLength(r, 12)})
		return op, nil, err
	}
}

// subsidizeRefused has a member ask for a subsidy to a worker co-op: whoever asks, the
// target is refused (ErrNotRegional) before the signer is looked at.
func subsidizeRefused(k membershipsim.Keepers) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		coop, _, ok := membershipsim.RandomInstitution(r, ctx, k, accs, membershiptypes.AGENT_KIND_COMPANY)
		members := membershipsim.Members(ctx, k.Membership, accs)
		if !ok || len(members) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgSubsidize{}), "no co-op or no member"), nil, nil
		}
		m := members[r.Intn(len(members))]
		msg := &types.MsgSubsidize{Authority: m.Address.String(), Company: coop, Amount: math.NewInt(1 + r.Int63n(1_000_000)), Reason: "a co-op's deficit"}
		op, err := membershipsim.DeliverRefused(r, app, ctx, chainID, k, types.ModuleName, m, msg, types.ErrNotRegional)
		return op, nil, err
	}
}
