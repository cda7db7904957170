package membership

import (
	"cosmossdk.io/core/appmodule"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/membership/keeper"
	"github.com/conductor-coop/conductor/x/membership/simulation"
	"github.com/conductor-coop/conductor/x/membership/types"
)

var (
	_ module.AppModuleBasic      = AppModule{}
	_ module.HasGenesis          = AppModule{}
	_ module.HasServices         = AppModule{}
	_ module.HasInvariants       = AppModule{}
	_ module.AppModuleSimulation = AppModule{}
	_ appmodule.AppModule        = AppModule{}
)

// AppModule is the membership module: the agent registry, the assembly and validator admission.
type AppModule struct {
	modulekit.Base
	modulekit.Genesis[types.GenesisState, *types.GenesisState]
}

// NewAppModule returns the membership module; sim holds what its simulation operations use.
func NewAppModule(k keeper.Keeper, sim simulation.Keepers) AppModule {
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
		},
		Genesis: modulekit.Genesis[types.GenesisState, *types.GenesisState]{
			ModuleName: types.ModuleName, Default: types.DefaultGenesis, Init: k.InitGenesis, Export: k.ExportGenesis,
		},
	}
}
