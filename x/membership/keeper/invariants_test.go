package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/membership/keeper"
	"github.com/conductor-coop/conductor/x/membership/types"
)

func TestAssemblyInSyncInvariant(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	invariant := keeper.AssemblyInSyncInvariant(r.App.MembershipKeeper)
	msg, broken := invariant(r.Ctx())
	require.False(t, broken, msg)

	// A member recorded in the registry without a vote in the assembly breaks it.
	ctx := r.Ctx()
	dave := r.Accounts["dave"]
	require.NoError(t, r.App.MembershipKeeper.SetAgent(ctx, types.Agent{Address: dave.String(), Kind: types.AGENT_KIND_PERSON, Member: true}))
	msg, broken = invariant(ctx)
	require.True(t, broken)
	require.Contains(t, msg, "assembly has 3 voters, the region 4 members")
}

func TestRegistryIndexedInvariant(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	invariant := keeper.RegistryIndexedInvariant(r.App.MembershipKeeper)
	msg, broken := invariant(r.Ctx())
	require.False(t, broken, msg)
	require.Contains(t, msg, "of whom 3 members")

	// A member written past SetAgent is neither listed by kind nor in the members index.
	ctx := r.Ctx()
	dave := r.Accounts["dave"]
	require.NoError(t, r.App.MembershipKeeper.Agents.Set(ctx, dave.Addr, types.Agent{Address: dave.String(), Kind: types.AGENT_KIND_PERSON, Member: true}))
	msg, broken = invariant(ctx)
	require.True(t, broken)
	require.Contains(t, msg, "4 members, 3 in the members index")
	require.Contains(t, msg, "is not listed as a person")
}
