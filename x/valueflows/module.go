package valueflows

import (
	"context"

	"cosmossdk.io/core/appmodule"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	"github.com/conductor-coop/conductor/x/valueflows/keeper"
	"github.com/conductor-coop/conductor/x/valueflows/simulation"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

var (
	_ module.AppModuleBasic      = AppModule{}
	_ module.HasGenesis          = AppModule{}
	_ module.HasServices         = AppModule{}
	_ module.HasInvariants       = AppModule{}
	_ module.AppModuleSimulation = AppModule{}
	_ appmodule.AppModule        = AppModule{}
	_ appmodule.HasEndBlocker    = AppModule{}
)

// AppModule is the valueflows module: every flow recorded as a ValueFlows event, production
// processes and their costs, recipes, intents, plans and flow gaps.
type AppModule struct {
	modulekit.Base
	modulekit.Genesis[types.GenesisState, *types.GenesisState]
	keeper keeper.Keeper
}

// NewAppModule returns the valueflows module; sim serves its simulation operations.
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
			SimGenesis: func(s *module.SimulationState) {
				s.GenState[types.ModuleName] = s.Cdc.MustMarshalJSON(types.DefaultGenesis())
			},
			Operations: func() []simtypes.WeightedOperation { return simulation.WeightedOperations(sim, k) },
		},
		Genesis: modulekit.Genesis[types.GenesisState, *types.GenesisState]{
			ModuleName: types.ModuleName, Default: types.DefaultGenesis, Init: k.InitGenesis, Export: k.ExportGenesis,
		},
		keeper: k,
	}
}

// EndBlock folds the events older than the retention window into statements (bounded per
// block); it never halts the chain.
func (am AppModule) EndBlock(ctx context.Context) error { return am.keeper.EndBlocker(ctx) }
