package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

// Migrate1to2 gives a region from before retention (version 2 adds it) the default
// retention: its records are kept 90 days, then folded into statements. The region votes
// another window as it votes any number.
func (k Keeper) Migrate1to2(ctx sdk.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if params.Retention.Window == 0 {
		params.Retention = types.DefaultRetention()
	}
	if err := params.Validate(); err != nil {
		return err
	}
	ctx.Logger().With("module", "x/governanceparams").Info("governanceparams: migrated state 1 to 2", "retention", params.Retention.Window)
	return k.Params.Set(ctx, params)
}
