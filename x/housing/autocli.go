package housing

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/conductor-coop/conductor/x/internal/modulekit"

	housingv1 "github.com/conductor-coop/conductor/api/conductor/housing/v1"
)

// AutoCLIOptions describes the housing commands. Registering a unit is an assembly
// proposal, or the agency's own (its group's proposal, or a manager's authz exec).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: housingv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Units", Use: "units", Short: "List regional properties (--kind, --status vacant|offered|leased, --location)"},
				{RpcMethod: "Waitlist", Use: "waitlist", Short: "Show demand: who waits for what, where, since when, and whether it passes the region's threshold"},
				{RpcMethod: "MyPosition", Use: "my-position [applicant]", Short: "Show an applicant's wait-list entries, offers and places", PositionalArgs: modulekit.Positional("applicant")},
				{RpcMethod: "Leases", Use: "leases", Short: "List leases (--tenant)"},
				{RpcMethod: "Books", Use: "books [agency]", Short: "Show a housing agency's books: rent at cost, markups, homes bought", PositionalArgs: modulekit.Positional("agency")},
				{RpcMethod: "Debts", Use: "debts [tenant]", Short: "Show a tenant's debts: the arrears of its ended leases, collected from its income first", PositionalArgs: modulekit.Positional("tenant")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: housingv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "JoinWaitlist", Use: "join-waitlist [kind] [location] [min-area] --from applicant", Short: "Wait for a home (apartment) or, for a company, a facility or equipment; location \"\" for any", PositionalArgs: modulekit.Positional("kind", "location", "min_area")},
				{RpcMethod: "LeaveWaitlist", Use: "leave-waitlist [entry-id] --from applicant", Short: "Leave the wait-list", PositionalArgs: modulekit.Positional("entry_id")},
				{RpcMethod: "AcceptOffer", Use: "accept-offer [entry-id] --from applicant", Short: "Lease the unit offered; the first month's rent is paid now", PositionalArgs: modulekit.Positional("entry_id")},
				{RpcMethod: "DeclineOffer", Use: "decline-offer [entry-id] --from applicant", Short: "Decline the unit offered: your entry goes to the back of the wait-list", PositionalArgs: modulekit.Positional("entry_id")},
				{RpcMethod: "EndLease", Use: "end-lease [lease-id] --from tenant", Short: "End a lease (the tenant, or the agency); the unit goes to the next on the wait-list", PositionalArgs: modulekit.Positional("lease_id")},
				{RpcMethod: "RegisterUnit", Skip: true},
			},
		},
	}
}
