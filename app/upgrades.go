package app

import (
	"context"

	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/types/module"
)

// UpgradeV2 is the software upgrade that brings the assembly's state to version 2 (the
// proposals indexed by kind). The members decide it: an upgrade proposal carrying
// MsgSoftwareUpgrade{plan: {name: "v2", height: H}}, signed by the assembly. At H the
// previous binary halts ("UPGRADE "v2" NEEDED at height: H") and writes
// data/upgrade-info.json, cosmovisor starts this one from upgrades/v2/bin, and this handler
// runs the modules' migrations in H's PreBlocker.
const UpgradeV2 = "v2"

// registerUpgrades sets the handlers of the upgrades this binary can apply. It adds and
// removes no store: an upgrade that does sets its store loader here too (before the app
// loads its stores), from UpgradeKeeper.ReadUpgradeInfoFromDisk.
func (app *App) registerUpgrades() {
	app.UpgradeKeeper.SetUpgradeHandler(UpgradeV2, func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
		return app.ModuleManager.RunMigrations(ctx, app.configurator, fromVM)
	})
}
