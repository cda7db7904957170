package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

// Migrate1to2 gives a region from before retention (version 2 adds it) the default
// retention: its records are kept 90 days, then folded into statements. The region votes
// another window as it votes any number. It is recorded as a change (by the assembly, which
// decided the upgrade), so that the record of changes still ends at the parameters in force.
func (k Keeper) Migrate1to2(ctx sdk.Context) error {
	before, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if before.Retention.Window != 0 {
		return nil
	}
	after := before
	after.Retention = types.DefaultRetention()
	if err := after.Validate(); err != nil {
		return err
	}
	if _, err := k.change(ctx, before, after, 0, assemblytypes.Address.String()); err != nil {
		return err
	}
	ctx.Logger().With("module", "x/governanceparams").Info("governanceparams: migrated state 1 to 2", "retention", after.Retention.Window)
	return nil
}
