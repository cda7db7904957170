package governanceparams

import (
	"context"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
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
	keeper keeper.Keeper
	sim    membershipsim.Keepers
}

// NewAppModule returns the governanceparams module; sim serves its simulation.
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

// GenerateGenesisState draws random valid parameters.
func (AppModule) GenerateGenesisState(simState *module.SimulationState) {
	simulation.RandomizedGenState(simState)
}

// WeightedOperations: members propose new parameters to the assembly and vote them.
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
