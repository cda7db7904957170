package bankloans

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	bankloansv1 "github.com/conductor-coop/conductor/api/conductor/bankloans/v1"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// AutoCLIOptions describes the bankloans commands. The bank's messages (approve, reject,
// forgive, force-bankruptcy, set-product) are signed by its policy account: a proposal of
// its board, or a loan officer's authz exec; fund-bank is an assembly proposal.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: bankloansv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Products", Use: "products", Short: "List loan products (--bank)"},
				{RpcMethod: "Loans", Use: "loans", Short: "List loans (--borrower, --bank)"},
				{RpcMethod: "Loan", Use: "loan [id]", Short: "Show a loan, its schedule from now on, and its history", PositionalArgs: modulekit.Positional("id")},
				{RpcMethod: "Portfolio", Use: "portfolio [bank]", Short: "Show a bank's books: capital, outstanding, arrears, written off, interest", PositionalArgs: modulekit.Positional("bank")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: bankloansv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Apply", Use: "apply [product-id] [amount] [installments] [purpose] --from borrower", Short: "Apply for a loan: amount in ursc, term in installments", PositionalArgs: modulekit.Positional("product_id", "amount", "installments", "purpose")},
				{RpcMethod: "Repay", Use: "repay [loan-id] [amount] --from borrower", Short: "Pay arrears, then principal ahead of schedule", PositionalArgs: modulekit.Positional("loan_id", "amount")},
				{RpcMethod: "Approve", Use: "approve [bank] [loan-id]", Short: "Approve and disburse (signed by the bank)", PositionalArgs: modulekit.Positional("bank", "loan_id")},
				{RpcMethod: "Reject", Use: "reject [bank] [loan-id] [reason]", Short: "Reject an application (signed by the bank)", PositionalArgs: modulekit.Positional("bank", "loan_id", "reason")},
				{RpcMethod: "Forgive", Use: "forgive [bank] [loan-id] [reason]", Short: "Write off what a loan owes (signed by the bank)", PositionalArgs: modulekit.Positional("bank", "loan_id", "reason")},
				{RpcMethod: "DeclareBankruptcy", Use: "declare-bankruptcy [company]", Short: "Wind up a company: wages, then the bank, then the region (signed by the company)", PositionalArgs: modulekit.Positional("company")},
				{RpcMethod: "ForceBankruptcy", Use: "force-bankruptcy [bank] [loan-id]", Short: "Wind up a company whose loan defaulted (signed by the bank)", PositionalArgs: modulekit.Positional("bank", "loan_id")},
				{RpcMethod: "SetProduct", Skip: true},
				{RpcMethod: "FundBank", Skip: true},
			},
		},
	}
}
