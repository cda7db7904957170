package governanceparams

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	governanceparamsv1 "github.com/conductor-coop/conductor/api/conductor/governanceparams/v1"
)

// AutoCLIOptions describes the governanceparams commands. MsgUpdateParams is carried by an
// assembly proposal (`tx propose-params`, or `tx assembly propose`), never sent directly.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: governanceparamsv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the region's parameters and the change (height, proposal) that last set them"},
				{RpcMethod: "Changes", Use: "changes", Short: "List every change of the region's parameters, newest first"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:           governanceparamsv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{{RpcMethod: "UpdateParams", Skip: true}},
		},
	}
}
