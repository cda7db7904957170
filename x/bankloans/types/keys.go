package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the bankloans module's name, store key and module account: the account
	// that holds the banks' lending capital.
	ModuleName = "bankloans"
	// StoreKey is the bankloans module's store key ("bankloans" would share a prefix with
	// the bank module's store key).
	StoreKey = "loans"
)

var (
	ProductsKey        = collections.NewPrefix(0)
	ProductSeqKey      = collections.NewPrefix(1)
	LoansKey           = collections.NewPrefix(2)
	LoanSeqKey         = collections.NewPrefix(3)
	LoansByBorrowerKey = collections.NewPrefix(4)
	LoansByBankKey     = collections.NewPrefix(5)
	DueKey             = collections.NewPrefix(6)
	PaymentsKey        = collections.NewPrefix(7)
	PortfoliosKey      = collections.NewPrefix(8)
	StatementsKey      = collections.NewPrefix(9)
	PaymentQueueKey    = collections.NewPrefix(10)
)
