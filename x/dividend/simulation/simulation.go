// Package simulation gives x/dividend its operation: members claim their dividend (every
// other operation a member signs settles it too), while the periods close in EndBlock as
// simulated time passes.
package simulation

import (
	"math/rand"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/conductor-coop/conductor/x/dividend/keeper"
	"github.com/conductor-coop/conductor/x/dividend/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
)

// WeightedOperations are the dividend operations.
func WeightedOperations(k membershipsim.Keepers, dk keeper.Keeper) simulation.WeightedOperations {
	return simulation.WeightedOperations{simulation.NewWeightedOperation(20, claim(k, dk))}
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
