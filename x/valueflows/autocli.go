package valueflows

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/conductor-coop/conductor/x/internal/modulekit"

	valueflowsv1 "github.com/conductor-coop/conductor/api/conductor/valueflows/v1"
)

// AutoCLIOptions describes the valueflows commands. A company's transactions are its
// members' proposals or a manager's authz grant (--generate-only --from <company>, or
// authz exec); needs, offers and plans are any agent's own.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	pos := modulekit.Positional
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: valueflowsv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Units", Use: "units", Short: "List the units of measure"},
				{RpcMethod: "Specs", Use: "specs", Short: "List the kinds of resources"},
				{RpcMethod: "Spec", Use: "spec [id]", Short: "Show a kind of resource", PositionalArgs: pos("id")},
				{RpcMethod: "Resources", Use: "resources [--owner addr | --spec-id n]", Short: "List resources (inventories), of an owner or a kind"},
				{RpcMethod: "Resource", Use: "resource [id]", Short: "Show a resource: quantities and value", PositionalArgs: pos("id")},
				{RpcMethod: "Events", Use: "events [--agent addr | --process-id n | --resource-id n | --period from,to]", Short: "List economic events by agent, process, resource or period"},
				{RpcMethod: "Event", Use: "event [id]", Short: "Show an economic event", PositionalArgs: pos("id")},
				{RpcMethod: "Processes", Use: "processes [--owner addr]", Short: "List production processes"},
				{RpcMethod: "Process", Use: "process [id]", Short: "Show a process with its events, attachments and cost", PositionalArgs: pos("id")},
				{RpcMethod: "Cost", Use: "cost [resource-id]", Short: "A resource's unit cost, by occupation hours and by input", PositionalArgs: pos("resource_id")},
				{RpcMethod: "Trace", Use: "trace [resource-id] [--forward]", Short: "Walk back through what made a resource (--forward: where it went)", PositionalArgs: pos("resource_id")},
				{RpcMethod: "Recipes", Use: "recipes", Short: "List recipes"},
				{RpcMethod: "Intents", Use: "intents [--agent addr]", Short: "List needs and offers"},
				{RpcMethod: "Plans", Use: "plans", Short: "List plans"},
				{RpcMethod: "Plan", Use: "plan [id]", Short: "Show a plan: processes, and how each need is met", PositionalArgs: pos("id")},
				{RpcMethod: "FlowGaps", Use: "flow-gaps --period from,to [--bucket month|quarter|year] [--rollup spec|classification]", Short: "Demand, supply, stock and gap per kind and period"},
				{RpcMethod: "CanMake", Use: "can-make [spec-id]", Short: "How much of a kind the region's free stock can make", PositionalArgs: pos("spec_id")},
				{RpcMethod: "Transfers", Use: "transfers [--agent addr]", Short: "List the transfers waiting for their receivers' acceptance (of an agent, as provider or receiver)"},
				{RpcMethod: "Export", Use: "export [process|plan|period] [--id n | --period from,to]", Short: "A process, a plan or a period as ValueFlows JSON-LD", PositionalArgs: pos("subject")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: valueflowsv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "SetUnit", Use: "set-unit --unit '{\"symbol\":..,\"label\":..}' --from <assembly>", Short: "Add a unit of measure (the assembly's proposal)"},
				{RpcMethod: "DefineSpec", Use: "define-spec [agent] [name] [unit] [classification]", Short: "Define a kind of resource (a company or the assembly)", PositionalArgs: pos("agent", "name", "unit", "classification")},
				{RpcMethod: "StartProcess", Use: "start-process [company] [name] [--recipe-id n]", Short: "Start a production process", PositionalArgs: pos("company", "name")},
				{RpcMethod: "RecordEvent", Use: "record-event [company] [action] [quantity] [--process-id n] [--resource-id n] [--spec-id n] [--to-resource-id n] [--receiver addr] [--value d]",
					Short: "Record a process input (consume, use, cite), output (produce) or inventory change (raise, lower, move, transfer...; a transfer to another agent waits for its accept-transfer)", PositionalArgs: pos("company", "action", "quantity")},
				{RpcMethod: "AcceptTransfer", Use: "accept-transfer [transfer-id] --from receiver", Short: "Accept a pending transfer to you: only then do both resources change",
					PositionalArgs: pos("transfer_id")},
				{RpcMethod: "RejectTransfer", Use: "reject-transfer [transfer-id] --from agent", Short: "Decline a pending transfer to you (or withdraw one you made): nothing changes",
					PositionalArgs: pos("transfer_id")},
				{RpcMethod: "Attach", Use: "attach [company] [event-id] [process-id] [--quantity d]", Short: "Put (part of) a work or rent event to a process", PositionalArgs: pos("company", "event_id", "process_id")},
				{RpcMethod: "FinishProcess", Use: "finish-process [company] [process-id]", Short: "Finish a process: its cost rolls onto its output", PositionalArgs: pos("company", "process_id")},
				{RpcMethod: "CreateRecipe", Use: "create-recipe [agent] [name] [output-spec-id] [output-quantity] [duration] --inputs '{\"action\":\"ACTION_CONSUME\",\"spec_id\":..,\"quantity\":..}'",
					Short: "Define how a batch of a kind is made", PositionalArgs: pos("agent", "name", "output_spec_id", "output_quantity", "duration")},
				{RpcMethod: "Intend", Use: "intend [kind] [spec-id] [quantity] [due] --from agent", Short: "Post a need (demand) or offer (offer) due by a time (RFC 3339)",
					PositionalArgs: pos("kind", "spec_id", "quantity", "due")},
				{RpcMethod: "CloseIntent", Use: "close-intent [intent-id] --from agent", Short: "Close one of your needs or offers", PositionalArgs: pos("intent_id")},
				{RpcMethod: "CreatePlan", Use: "create-plan [name] [intent-ids...] --from planner", Short: "Plan for open needs: explode recipes, net stock, schedule back from due dates",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "name"}, {ProtoField: "intent_ids", Varargs: true}}},
				{RpcMethod: "ClosePlan", Use: "close-plan [plan-id] --from planner", Short: "Close a plan: its stock and output are free again", PositionalArgs: pos("plan_id")},
			},
		},
	}
}
