package app

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/group"
	groupkeeper "github.com/cosmos/cosmos-sdk/x/group/keeper"
	groupmodule "github.com/cosmos/cosmos-sdk/x/group/module"
)

// guardedGroupModule is x/group whose Msg service is wrapped by the membership registry's
// guard (see x/membership/keeper/group_guard.go); everything else is x/group's own.
type guardedGroupModule struct {
	groupmodule.AppModule
	keeper groupkeeper.Keeper
	guard  func(group.MsgServer) group.MsgServer
}

func (m guardedGroupModule) RegisterServices(cfg module.Configurator) {
	group.RegisterMsgServer(cfg.MsgServer(), m.guard(m.keeper))
	group.RegisterQueryServer(cfg.QueryServer(), m.keeper)
	migrator := groupkeeper.NewMigrator(m.keeper)
	if err := cfg.RegisterMigration(group.ModuleName, 1, migrator.Migrate1to2); err != nil {
		panic(fmt.Sprintf("x/group migration 1 to 2: %v", err))
	}
}
