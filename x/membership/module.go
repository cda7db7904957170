package membership

import (
	"context"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
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
	keeper keeper.Keeper
	sim    simulation.Keepers
}

// NewAppModule returns the membership module; sim holds what its simulation operations use.
func NewAppModule(k keeper.Keeper, sim simulation.Keepers) AppModule {
	return AppModule{
		Base: modulekit.Base{
			ModuleName: types.ModuleName, StoreKey: types.StoreKey, Schema: k.Schema,
			Amino: types.RegisterLegacyAminoCodec, Interfaces: types.RegisterInterfaces,
			Gateway: func(clientCtx client.Context, mux *gwruntime.ServeMux) error {
				return types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx))
			},
		},
		Genesis: modulekit.Genesis[types.GenesisState, *types.GenesisState]{
			ModuleName: types.ModuleName, Default: types.DefaultGenesis, Init: k.InitGenesis, Export: k.ExportGenesis,
		},
		keeper: k, sim: sim,
	}
}

// GenerateGenesisState makes a quarter of the simulated accounts members and admits all as validators.
func (AppModule) GenerateGenesisState(simState *module.SimulationState) {
	simulation.RandomizedGenState(simState)
}

// WeightedOperations returns the module's simulation operations.
func (am AppModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return simulation.WeightedOperations(am.sim)
}

func (am AppModule) RegisterServices(cfg module.Configurator) {
	types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQueryServerImpl(am.keeper))
}

func (am AppModule) RegisterInvariants(ir sdk.InvariantRegistry) {
	keeper.RegisterInvariants(ir, am.keeper)
}
