package education

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/conductor-coop/conductor/x/internal/modulekit"

	educationv1 "github.com/conductor-coop/conductor/api/conductor/education/v1"
)

// AutoCLIOptions describes the education commands; programs are set by assembly proposals.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: educationv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Programs", Use: "programs", Short: "List programs: seats, enrolled, tuition a term, wait-list length (demand)"},
				{RpcMethod: "Waitlist", Use: "waitlist [program-id]", Short: "List a program's wait-list in the order seats will go, with priority groups", PositionalArgs: modulekit.Positional("program_id")},
				{RpcMethod: "Student", Use: "student [person]", Short: "Show a person's schooling record, enrollments and the refunds schools still owe it", PositionalArgs: modulekit.Positional("person")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: educationv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "JoinWaitlist", Use: "join-waitlist [program-id] --from person", Short: "Wait for a seat; a free seat is taken at once (the first term's tuition is paid)", PositionalArgs: modulekit.Positional("program_id")},
				{RpcMethod: "LeaveWaitlist", Use: "leave-waitlist [program-id] --from person", Short: "Leave a program's wait-list", PositionalArgs: modulekit.Positional("program_id")},
				{RpcMethod: "Withdraw", Use: "withdraw [enrollment-id] --from student", Short: "Leave a program: the school refunds the unused part of the term (rounded up); the seat goes to the next", PositionalArgs: modulekit.Positional("enrollment_id")},
				{RpcMethod: "SetProgram", Skip: true},
			},
		},
	}
}
