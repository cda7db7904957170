package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/testutil/region"
	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/governanceparams/keeper"
	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

// TestMigrate1to2: a region from before retention (its parameters and its recorded change
// without one) gets the default retention as a recorded change by the assembly, so that the
// record still ends at the parameters in force; a proposal made before the upgrade (no
// retention in it) keeps the region's retention.
func TestMigrate1to2(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	k := r.App.GovernanceParamsKeeper
	founders := []region.Account{r.Accounts["alice"], r.Accounts["bob"]}
	r.Pass(r.Assembly(), founders, &types.MsgUpdateParams{Authority: r.Assembly(), Params: withIncomeTax(types.DefaultParams(), "0.3")})

	// the state version 1 left: no retention anywhere
	ctx := r.Ctx()
	old, err := k.Params.Get(ctx)
	require.NoError(t, err)
	old.Retention = types.Retention{}
	require.NoError(t, k.Params.Set(ctx, old))
	change, err := k.Changes.Get(ctx, 1)
	require.NoError(t, err)
	change.After.Retention = types.Retention{}
	require.NoError(t, k.Changes.Set(ctx, 1, change))

	require.NoError(t, k.Migrate1to2(ctx))
	now, err := k.Params.Get(ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultRetention(), now.Retention)
	require.Equal(t, 90*24*time.Hour, now.Retention.Window)
	recorded, err := k.Changes.Get(ctx, 2)
	require.NoError(t, err)
	require.Equal(t, assemblytypes.Address.String(), recorded.Authority)
	require.Equal(t, types.Retention{}, recorded.Before.Retention)
	msg, broken := keeper.ParamsRecordedInvariant(k)(ctx)
	require.False(t, broken, msg)
	require.NoError(t, k.Migrate1to2(ctx), "a second run changes nothing")
	_, err = k.Changes.Get(ctx, 3)
	require.Error(t, err)

	// a parameters proposal written before the upgrade: no retention in it
	r.Pass(r.Assembly(), founders, &types.MsgUpdateParams{Authority: r.Assembly(), Params: withIncomeTax(old, "0.25")})
	after, err := k.Params.Get(r.Ctx())
	require.NoError(t, err)
	require.Equal(t, "0.250000000000000000", after.IncomeTaxRate.String())
	require.Equal(t, types.DefaultRetention(), after.Retention, "the region's retention is kept")
}
