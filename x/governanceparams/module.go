package governanceparams

import (
	"cosmossdk.io/core/appmodule"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/conductor-coop/conductor/x/governanceparams/keeper"
	"github.com/conductor-coop/conductor/x/governanceparams/simulation"
	"github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
)

var (
	_ module.AppModuleBasic      = AppModule{}
	_ module.HasGenesis          = AppModule{}
	_ module.HasServices         = AppModule{}
	_ module.HasInvariants       = AppModule{}
	_ module.AppModuleSimulation = AppModule{}
	_ appmodule.AppModule        = AppModule{}
)

// AppModule is the governanceparams module: every number the region decides by vote.
type AppModule struct {
	modulekit.Base
	modulekit.Genesis[types.GenesisState, *types.GenesisState]
}

// NewAppModule returns the governanceparams module; sim serves its simulation.
func NewAppModule(k keeper.Keeper, sim membershipsim.Keepers) AppModule {
	return AppModule{
		Base: modulekit.Base{
			ModuleName: types.ModuleName, StoreKey: types.StoreKey, Schema: k.Schema,
			Amino: types.RegisterLegacyAminoCodec, Interfaces: types.RegisterInterfaces,
			Gateway: modulekit.Gateway(types.RegisterQueryHandlerClient, types.NewQueryClient),
			Services: func(cfg module.Configurator) {
				types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(k))
				types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQueryServerImpl(k))
			},
			Invariants: func(ir sdk.InvariantRegistry) { keeper.RegisterInvariants(ir, k) },
			SimGenesis: simulation.RandomizedGenState,
			Operations: func() []simtypes.WeightedOperation { return simulation.WeightedOperations(sim) },
			Migrations: []modulekit.Migration{{From: 1, Migrate: k.Migrate1to2}},
		},
		Genesis: modulekit.Genesis[types.GenesisState, *types.GenesisState]{
			ModuleName: types.ModuleName, Default: types.DefaultGenesis, Init: k.InitGenesis, Export: k.ExportGenesis,
		},
	}
}
