package market

import (
	"context"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/market/keeper"
	"github.com/conductor-coop/conductor/x/market/simulation"
	"github.com/conductor-coop/conductor/x/market/types"
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

// AppModule is the market module: listings, purchases with sales tax, companies' books.
type AppModule struct {
	modulekit.Base
	modulekit.Genesis[types.GenesisState, *types.GenesisState]
	keeper keeper.Keeper
	sim    membershipsim.Keepers
}

// NewAppModule returns the market module; sim serves its simulation operations.
func NewAppModule(k keeper.Keeper, sim membershipsim.Keepers) AppModule {
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

func (am AppModule) RegisterServices(cfg module.Configurator) {
	types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQueryServerImpl(am.keeper))
}

func (am AppModule) RegisterInvariants(ir sdk.InvariantRegistry) {
	keeper.RegisterInvariants(ir, am.keeper)
}

// GenerateGenesisState starts with an empty market: the operations fill it.
func (AppModule) GenerateGenesisState(simState *module.SimulationState) {
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(types.DefaultGenesis())
}

// WeightedOperations: companies list and reprice through their workers' proposals;
// accounts buy.
func (am AppModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return simulation.WeightedOperations(am.sim, am.keeper)
}
