package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the dividend module.
var (
	ErrInvalidAddress = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrNotMember      = errorsmod.Register(ModuleName, 3, "only a member of the region is paid the dividend")
	ErrNothingOwed    = errorsmod.Register(ModuleName, 4, "no dividend is owed: every closed period was paid")
	ErrUnknownPeriod  = errorsmod.Register(ModuleName, 5, "unknown period")
	ErrTreasuryShort  = errorsmod.Register(ModuleName, 6, "the treasury cannot pay the dividend owed")
	ErrInvalidGenesis = errorsmod.Register(ModuleName, 7, "invalid dividend genesis")
	ErrInvalidRevenue = errorsmod.Register(ModuleName, 8, "revenue must be booked to a known source, in a positive amount")
	ErrReserved       = errorsmod.Register(ModuleName, 9, "the treasury's funds are reserved for the members' dividend")
	ErrNotRegional    = errorsmod.Register(ModuleName, 10, "a subsidy goes to a regional company only: not a person, a worker co-op, the bank or an unregistered account")
	ErrDissolved      = errorsmod.Register(ModuleName, 11, "a dissolved company receives no subsidy")
	ErrInvalidSubsidy = errorsmod.Register(ModuleName, 12, "a subsidy is a positive amount of ursc with a reason of 1 to 256 characters")
)
