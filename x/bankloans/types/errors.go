package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the bankloans module.
var (
	ErrInvalidAddress      = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrNotBank             = errorsmod.Register(ModuleName, 3, "not the bank of this product or loan")
	ErrInvalidProduct      = errorsmod.Register(ModuleName, 4, "invalid loan product")
	ErrUnknownProduct      = errorsmod.Register(ModuleName, 5, "unknown loan product")
	ErrInvalidAmount       = errorsmod.Register(ModuleName, 6, "the amount must be positive")
	ErrAboveLimit          = errorsmod.Register(ModuleName, 7, "the amount is above the product's limit")
	ErrInvalidTerm         = errorsmod.Register(ModuleName, 8, "the term must be between one installment and the product's longest")
	ErrNotBorrower         = errorsmod.Register(ModuleName, 9, "only a person, a company or a regional company borrows, and only the borrower repays")
	ErrUnknownLoan         = errorsmod.Register(ModuleName, 10, "unknown loan")
	ErrNotPending          = errorsmod.Register(ModuleName, 11, "the application was already decided")
	ErrInsufficientCapital = errorsmod.Register(ModuleName, 12, "the bank has not enough capital")
	ErrNotOpen             = errorsmod.Register(ModuleName, 13, "the loan is not outstanding")
	ErrNotDefaulted        = errorsmod.Register(ModuleName, 14, "only a defaulted loan of a company can force its bankruptcy")
	ErrInvalidGenesis      = errorsmod.Register(ModuleName, 15, "invalid bankloans genesis")
	ErrInvalidPurpose      = errorsmod.Register(ModuleName, 16, "the purpose must have at most 256 characters")
	ErrSelfDealing         = errorsmod.Register(ModuleName, 17, "a loan officer does not approve or forgive a loan of their own or of a company they work in; the bank's board decides it")
)
