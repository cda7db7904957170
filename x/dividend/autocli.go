package dividend

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/conductor-coop/conductor/x/internal/modulekit"

	dividendv1 "github.com/conductor-coop/conductor/api/conductor/dividend/v1"
)

// AutoCLIOptions describes the dividend commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: dividendv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Revenue", Use: "revenue [period]", Short: "Show a period's revenue by source and its dividend (no period: the open one), and the books since genesis", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "period", Optional: true}}},
				{RpcMethod: "Periods", Use: "periods", Short: "List the dividend periods, newest first"},
				{RpcMethod: "Payouts", Use: "payouts [member]", Short: "List a member's dividend by period, paid or owed", PositionalArgs: modulekit.Positional("member")},
				{RpcMethod: "Underfunded", Use: "underfunded [--after address]", Short: "List the regional companies out of money: wage claims open or no ursc left (100 read a call; --after next)"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: dividendv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Claim", Use: "claim --from member", Short: "Be paid the dividend owed now (any transaction you sign does it too)"},
				{RpcMethod: "Subsidize", Use: "subsidize [company] [amount] [reason] --from <assembly> --generate-only", Short: "Fund a regional company from the treasury, amount in ursc (the assembly's proposal)", PositionalArgs: modulekit.Positional("company", "amount", "reason")},
			},
		},
	}
}
