package membership

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	membershipv1 "github.com/conductor-coop/conductor/api/conductor/membership/v1"
)

// AutoCLIOptions describes the membership commands. Messages whose signer is the assembly
// are not commands of their own: they are carried by an assembly proposal (`tx assembly propose`).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: membershipv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Agent", Use: "agent [address]", Short: "Show the agent at an address: kind, name, membership, group",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}}},
				{RpcMethod: "Agents", Use: "agents [kind]", Short: "List agents of a kind (person, company, regional-company, bank, treasury, assembly, pool, dissolved); persons are members and non-members, --members-only the members",
					Example:        "conductord query membership agents company\nconductord query membership agents person --members-only",
					FlagOptions:    map[string]*autocliv1.FlagOptions{"members_only": {Usage: "list the region's members only (persons who are members)"}},
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "kind"}}},
				{RpcMethod: "Company", Use: "company [address]", Short: "Show a company with its workers and decision policy",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}}},
				{RpcMethod: "Assembly", Use: "assembly", Short: "Show the region's assembly: its account (the authority of every module) and its number of members"},
				{RpcMethod: "AdmittedValidators", Use: "admitted-validators", Short: "List validator operators admitted by the assembly"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: membershipv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "FoundCompany", Use: "found-company [name] [workers...] --from founder",
					Short:          "Found a worker co-op: its workers become an x/group group, its account a group policy",
					Example:        "conductord tx membership found-company \"Bakery Co-op\" rsc1alice... rsc1bob... --from alice --decision threshold --threshold 2",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "name"}, {ProtoField: "workers", Varargs: true}}},
				{RpcMethod: "LeaveRegion", Use: "leave --from member", Short: "Leave the region: your vote in the assembly ends; you stay a registered person, not a member"},
				{RpcMethod: "RegisterPerson", Use: "register-person --from person [--name name]",
					Short:       "Register your account as a person of the region who is not a member (the assembly admits members)",
					Example:     "conductord tx membership register-person --from dave --name Dave",
					FlagOptions: map[string]*autocliv1.FlagOptions{"name": {Usage: "a display name, public (optional, at most 64 characters)"}}},
				{RpcMethod: "AdmitMember", Skip: true},
				{RpcMethod: "CreateInstitution", Skip: true},
				{RpcMethod: "AdmitValidator", Skip: true},
				{RpcMethod: "RevokeValidator", Skip: true},
			},
		},
	}
}
