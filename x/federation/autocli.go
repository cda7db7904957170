package federation

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/conductor-coop/conductor/x/internal/modulekit"

	federationv1 "github.com/conductor-coop/conductor/api/conductor/federation/v1"
)

// AutoCLIOptions describes the federation queries. Its transactions (generated) are decided
// by proposals: the directory, pools and contributions by the assembly's, spends by the
// pool's representatives'; write them with --generate-only --from <policy address>.
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
	}
}
