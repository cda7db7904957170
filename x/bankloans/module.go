package bankloans

import (
	"context"

	"cosmossdk.io/core/appmodule"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/conductor-coop/conductor/x/bankloans/keeper"
	"github.com/conductor-coop/conductor/x/bankloans/simulation"
	"github.com/conductor-coop/conductor/x/bankloans/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
)

var (
	_ module.AppModuleBasic      = AppModule{}
	_ module.HasGenesis          = AppModule{}
	_ module.HasServices         = AppModule{}
	_ module.HasInvariants       = AppModule{}
	_ module.AppModuleSimulation = AppModule{}
	_ appmodule.HasEndBlocker    = AppModule{}
	_ appmodule.AppModule        = AppModule{}
)

// AppModule is the bankloans module: the regional bank's products and loans, automatic
// collection of installments, default and bankruptcy.
type AppModule struct {
	modulekit.Base
	modulekit.Genesis[types.GenesisState, *types.GenesisState]
	keeper keeper.Keeper
}

// NewAppModule returns the bankloans module; sim serves its simulation operations.
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
			Migrations: []modulekit.Migration{{From: 1, Migrate: k.Migrate1to2}},
		},
		Genesis: modulekit.Genesis[types.GenesisState, *types.GenesisState]{
			ModuleName: types.ModuleName, Default: types.DefaultGenesis, Init: k.InitGenesis, Export: k.ExportGenesis,
		},
		keeper: k,
	}
}

// EndBlock collects the installments due and folds old payments (both bounded per block);
// it never halts the chain.
func (am AppModule) EndBlock(ctx context.Context) error { return am.keeper.EndBlocker(ctx) }
