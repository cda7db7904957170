// Package assembly is the region's assembly: one member, one vote. Members propose any
// messages signed by the assembly's account (the authority of every Conductor module and of
// the SDK and IBC modules that have one), deliberate, vote (in person or by proxy, and may
// change their vote until the close), and a proposal runs when turnout reaches the quorum
// and yes votes are more than the threshold of the votes cast.
//
// It is its own module because neither the SDK's x/gov (it weighs votes by stake) nor x/group
// (its percentage policy divides by all members, and it tallies by reading every vote at the
// close and prunes them in one block) decides as a co-operative assembly does at a region's
// scale: here each vote updates a running tally, the close reads it, and votes are deleted a
// bounded number a block.
package assembly

import (
	"context"
	"encoding/json"
	"fmt"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/spf13/cobra"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	assemblyv1 "github.com/conductor-coop/conductor/api/conductor/assembly/v1"
	"github.com/conductor-coop/conductor/x/assembly/client/cli"
	"github.com/conductor-coop/conductor/x/assembly/keeper"
	"github.com/conductor-coop/conductor/x/assembly/simulation"
	"github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
)

// ConsensusVersion is the version of the assembly's state: 2 adds the proposals-by-kind
// index (keeper.Migrator.Migrate1to2 builds it from the stored proposals).
const ConsensusVersion = 2

var (
	_ module.AppModuleBasic      = AppModule{}
	_ module.HasGenesis          = AppModule{}
	_ module.HasServices         = AppModule{}
	_ module.HasInvariants       = AppModule{}
	_ module.AppModuleSimulation = AppModule{}
	_ appmodule.AppModule        = AppModule{}
	_ appmodule.HasEndBlocker    = AppModule{}
)

// AppModule is the assembly module.
type AppModule struct {
	keeper keeper.Keeper
	sim    membershipsim.Keepers
}

// NewAppModule returns the assembly module; sim serves its simulation.
func NewAppModule(k keeper.Keeper, sim membershipsim.Keepers) AppModule {
	return AppModule{keeper: k, sim: sim}
}

func (AppModule) IsOnePerModuleType()      {}
func (AppModule) IsAppModule()             {}
func (AppModule) Name() string             { return types.ModuleName }
func (AppModule) ConsensusVersion() uint64 { return ConsensusVersion }
func (AppModule) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

func (AppModule) RegisterInterfaces(r codectypes.InterfaceRegistry) { types.RegisterInterfaces(r) }

func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// RegisterServices registers the Msg and Query services and the store migrations.
func (am AppModule) RegisterServices(cfg module.Configurator) {
	types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQueryServerImpl(am.keeper))
	m := keeper.NewMigrator(am.keeper)
	if err := cfg.RegisterMigration(types.ModuleName, 1, m.Migrate1to2); err != nil {
		panic(fmt.Errorf("%s: migration 1 to 2: %w", types.ModuleName, err))
	}
}

// RegisterInvariants registers the recount of the running tallies and the proxy rules.
func (am AppModule) RegisterInvariants(ir sdk.InvariantRegistry) {
	keeper.RegisterInvariants(ir, am.keeper)
}

// EndBlock closes, opens and cleans up proposals, each step bounded.
func (am AppModule) EndBlock(ctx context.Context) error { return am.keeper.EndBlocker(ctx) }

func (AppModule) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

func (AppModule) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return fmt.Errorf("%s genesis: %w", types.ModuleName, err)
	}
	return gs.Validate()
}

// InitGenesis panics on an invalid genesis, as the chain cannot start from it.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, &gs); err != nil {
		panic(fmt.Errorf("%s genesis: %w", types.ModuleName, err))
	}
}

func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(fmt.Errorf("%s export: %w", types.ModuleName, err))
	}
	return cdc.MustMarshalJSON(gs)
}

// GetTxCmd returns propose and amend (a file of messages); AutoCLI adds the others.
func (AppModule) GetTxCmd() *cobra.Command {
	cmd := &cobra.Command{Use: types.ModuleName, Short: "The assembly: propose, amend, vote, give and take back proxies", RunE: client.ValidateCmd}
	cmd.AddCommand(cli.ProposeCmd(), cli.AmendCmd())
	return cmd
}

// AutoCLIOptions describes the assembly's commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: assemblyv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Proposals", Use: "proposals [--status deliberation|voting|passed|rejected|failed] [--kind general|parameters|membership|upgrade|constitution]", Short: "List proposals, newest first"},
				{RpcMethod: "Proposal", Use: "proposal [proposal-id]", Short: "Show a proposal with its tally, turnout and whether it passes if voting closed now", PositionalArgs: modulekit.Positional("proposal_id")},
				{RpcMethod: "Vote", Use: "vote [proposal-id] [member]", Short: "Show how a member's vote counts: their own, their proxy holder's, or not at all", PositionalArgs: modulekit.Positional("proposal_id", "voter")},
				{RpcMethod: "Proxies", Use: "proxies [member]", Short: "Show who holds a member's vote, on which kinds", PositionalArgs: modulekit.Positional("member")},
				{RpcMethod: "ProxiesHeld", Use: "proxies-held [member]", Short: "List the proxies a member holds", PositionalArgs: modulekit.Positional("holder")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              assemblyv1.Msg_ServiceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Propose", Skip: true},
				{RpcMethod: "Amend", Skip: true},
				{RpcMethod: "Vote", Use: "vote [proposal-id] [yes|no|abstain] --from member", Short: "Vote on a proposal in voting; vote again to change it until voting closes",
					Long:           "Vote on a proposal in voting: yes, no or abstain (abstain counts for the quorum only). Your vote replaces your proxy holder's for this proposal; vote again to change it.",
					PositionalArgs: modulekit.Positional("proposal_id", "option")},
				{RpcMethod: "GiveProxy", Use: "give-proxy [holder] --from member [--kind parameters]", Short: "Give your vote to another member, on every kind or one; you may still vote yourself", PositionalArgs: modulekit.Positional("holder")},
				{RpcMethod: "TakeBackProxy", Use: "take-back-proxy --from member [--kind parameters]", Short: "Take back the proxy you gave on every kind (or on --kind)"},
			},
		},
	}
}

// GenerateGenesisState: the simulation starts with no proposals.
func (AppModule) GenerateGenesisState(simState *module.SimulationState) {
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(types.DefaultGenesis())
}

// RegisterStoreDecoder decodes the assembly's store in simulation logs.
func (am AppModule) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[types.StoreKey] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(am.keeper.Schema)
}

// WeightedOperations are propose, vote, change vote, give and take back proxies, and the
// refused ones.
func (am AppModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return simulation.WeightedOperations(am.sim, am.keeper)
}
