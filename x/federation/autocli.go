package federation

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/conductor-coop/conductor/x/internal/modulekit"

	federationv1 "github.com/conductor-coop/conductor/api/conductor/federation/v1"
)

// AutoCLIOptions describes the federation commands. Its transactions are decided by
// proposals: the directory, pools and contributions by the assembly's, spends by the pool's
// representatives'; write them with --generate-only --from <policy address>.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service:              federationv1.Query_ServiceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Regions", Use: "regions", Short: "List the region directory: chain, channel, tax relation, endpoints"},
				{RpcMethod: "Region", Use: "region [name]", Short: "Show a region of the directory", PositionalArgs: modulekit.Positional("name")},
				{RpcMethod: "Pools", Use: "pools", Short: "List the pools hosted by this region"},
				{RpcMethod: "Pool", Use: "pool [pool-id]", Short: "Show a pool: balance, and per region what it gave and what is left of it", PositionalArgs: modulekit.Positional("pool_id")},
				{RpcMethod: "Spends", Use: "spends [pool-id]", Short: "List a pool's payments", PositionalArgs: modulekit.Positional("pool_id")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: federationv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "SetRegion", Use: "set-region --region '{...}' --from <assembly>", Short: "Add or change a region of the directory (the assembly's proposal)"},
				{RpcMethod: "RemoveRegion", Use: "remove-region [name] --from <assembly>", Short: "Take a region out of the directory (the assembly's proposal)", PositionalArgs: modulekit.Positional("name")},
				{RpcMethod: "CreatePool", Use: "create-pool [name] [purpose] --representatives '{\"address\":...,\"chain_id\":...}' (once each) --from <assembly>", Short: "Open a pool governed by representatives (the assembly's proposal)", PositionalArgs: modulekit.Positional("name", "purpose")},
				{RpcMethod: "ClosePool", Use: "close-pool [pool-id] --from <assembly or pool>", Short: "Close a pool to contributions", PositionalArgs: modulekit.Positional("pool_id")},
				{RpcMethod: "Spend", Use: "spend [recipient] [amount] [reason] --from <pool>", Short: "Pay from a pool (its representatives' proposal)", PositionalArgs: modulekit.Positional("recipient", "amount", "reason")},
				{RpcMethod: "Contribute", Use: "contribute [region] [pool-id] [amount] --from <assembly>", Short: "Send from the treasury to a pool (region \"\" for this region's; the assembly's proposal)", PositionalArgs: modulekit.Positional("region", "pool_id", "amount")},
			},
		},
	}
}
