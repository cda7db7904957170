package payroll

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	payrollv1 "github.com/conductor-coop/conductor/api/conductor/payroll/v1"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// AutoCLIOptions describes the payroll commands. A company's messages (post-job, hire,
// dismiss, record-timesheet) are signed by its policy account: submit them in a group
// proposal of the company, or have a manager run them with `tx authz exec`.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: payrollv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Occupations", Use: "occupations", Short: "List occupations with their hourly wage ranges and factor levels"},
				{RpcMethod: "Jobs", Use: "jobs", Short: "List open jobs (--company, --occupation-id)"},
				{RpcMethod: "Employment", Use: "employment [id]", Short: "Show an employment: wage, open shift, unpaid work", PositionalArgs: modulekit.Positional("id")},
				{RpcMethod: "Employments", Use: "employments [worker]", Short: "List a worker's employments", PositionalArgs: modulekit.Positional("worker")},
				{RpcMethod: "Payslips", Use: "payslips [worker]", Short: "List a worker's payslips, newest first: period, hours, gross, tax, net", PositionalArgs: modulekit.Positional("worker")},
				{RpcMethod: "Claims", Use: "claims [company]", Short: "List a company's unpaid wage claims, in the order they will be paid (paid_gross: what was paid of each so far)", PositionalArgs: modulekit.Positional("company")},
				{RpcMethod: "ClaimPayments", Use: "claim-payments [worker]", Short: "List the payments a worker received towards wage claims, newest first: gross, tax, net, still owed", PositionalArgs: modulekit.Positional("worker")},
				{RpcMethod: "Timesheet", Use: "timesheet [id]", Short: "Show a recorded timesheet awaiting the worker's confirmation", PositionalArgs: modulekit.Positional("id")},
				{RpcMethod: "Timesheets", Use: "timesheets [worker]", Short: "List the timesheets awaiting a worker's confirmation", PositionalArgs: modulekit.Positional("worker")},
				{RpcMethod: "PayRun", Use: "pay-run", Short: "Show the progress of the current pay run and the wage totals"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: payrollv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Apply", Use: "apply [job-id] [note] --from person", Short: "Apply to an open job", PositionalArgs: modulekit.Positional("job_id", "note")},
				{RpcMethod: "Quit", Use: "quit [employment-id] --from worker", Short: "Quit a job; the work done is paid at once", PositionalArgs: modulekit.Positional("employment_id")},
				{RpcMethod: "ClockIn", Use: "clock-in [employment-id] --from worker", Short: "Start a shift now", PositionalArgs: modulekit.Positional("employment_id")},
				{RpcMethod: "ClockOut", Use: "clock-out [employment-id] --from worker", Short: "End the open shift now", PositionalArgs: modulekit.Positional("employment_id")},
				{RpcMethod: "RateCoworker", Use: "rate-coworker [employment-id] [productivity] --from co-worker", Short: "Rate a co-worker's productivity in [0,1]; the median places their wage in the range", PositionalArgs: modulekit.Positional("employment_id", "productivity")},
				{RpcMethod: "ConfirmTimesheet", Use: "confirm-timesheet [timesheet-id] --from worker", Short: "Confirm work your company recorded for you", PositionalArgs: modulekit.Positional("timesheet_id")},
				{RpcMethod: "PostJob", Use: "post-job [company] [occupation-id] [hours-per-week] [wage] [description]", Short: "Post a job (signed by the company: use --generate-only in a proposal, or authz exec)", PositionalArgs: modulekit.Positional("company", "occupation_id", "hours_per_week", "wage", "description")},
				{RpcMethod: "Hire", Use: "hire [company] [job-id] [applicant]", Short: "Hire an applicant (signed by the company)", PositionalArgs: modulekit.Positional("company", "job_id", "applicant")},
				{RpcMethod: "Dismiss", Use: "dismiss [company] [employment-id] [reason]", Short: "End an employment (signed by the company); work done is paid", PositionalArgs: modulekit.Positional("company", "employment_id", "reason")},
				{RpcMethod: "CloseJob", Use: "close-job [company] [job-id]", Short: "Close a job (signed by the company)", PositionalArgs: modulekit.Positional("company", "job_id")},
				{RpcMethod: "RecordTimesheet", Use: "record-timesheet [company] [employment-id] [start] [end] [reason]", Short: "Record work for a worker to confirm (signed by the company)", PositionalArgs: modulekit.Positional("company", "employment_id", "start", "end", "reason")},
				{RpcMethod: "SetOccupation", Skip: true},
			},
		},
	}
}
