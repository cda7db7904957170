package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/governanceparams/keeper"
	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

func TestParamsRecordedInvariant(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	invariant := keeper.ParamsRecordedInvariant(r.App.GovernanceParamsKeeper)
	r.Pass(r.Assembly(), []region.Account{r.Accounts["alice"], r.Accounts["bob"]},
		&types.MsgUpdateParams{Authority: r.Assembly(), Params: withIncomeTax(types.DefaultParams(), "0.3")})
	msg, broken := invariant(r.Ctx())
	require.False(t, broken, msg)

	// Parameters changed without a recorded change break it.
	ctx := r.Ctx()
	require.NoError(t, r.App.GovernanceParamsKeeper.Params.Set(ctx, withIncomeTax(types.DefaultParams(), "0.4")))
	msg, broken = invariant(ctx)
	require.True(t, broken)
	require.Contains(t, msg, "differ from change 1")
}
