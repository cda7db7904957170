package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/membership/keeper"
	"github.com/conductor-coop/conductor/x/membership/types"
)

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
	require.Contains(t, msg, "4 members, the member count says 3")

	// The count of members (the assembly's electorate) off by one breaks it.
	r = region.New(t, region.DefaultConfig())
	invariant = keeper.RegistryIndexedInvariant(r.App.MembershipKeeper)
	ctx = r.Ctx()
	require.NoError(t, r.App.MembershipKeeper.MemberCount.Set(ctx, 2))
	msg, broken = invariant(ctx)
	require.True(t, broken)
	require.Contains(t, msg, "3 members, the member count says 2")
}
