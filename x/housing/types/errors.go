package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the housing module.
var (
	ErrInvalidAddress = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidUnit    = errorsmod.Register(ModuleName, 3, "invalid unit")
	ErrNotAgency      = errorsmod.Register(ModuleName, 4, "units are registered by the assembly or the regional company that keeps them")
	ErrUnknownUnit    = errorsmod.Register(ModuleName, 5, "unknown unit")
	ErrWrongWaitlist  = errorsmod.Register(ModuleName, 6, "homes are for persons, facilities and equipment for companies")
	ErrAlreadyWaiting = errorsmod.Register(ModuleName, 7, "already on the wait-list for this kind")
	ErrUnknownEntry   = errorsmod.Register(ModuleName, 8, "unknown wait-list entry, or not the signer's")
	ErrNoOffer        = errorsmod.Register(ModuleName, 9, "no unit is offered to this entry")
	ErrUnknownLease   = errorsmod.Register(ModuleName, 10, "unknown or ended lease")
	ErrNotParty       = errorsmod.Register(ModuleName, 11, "only the tenant or the unit's agency ends a lease")
	ErrCannotPay      = errorsmod.Register(ModuleName, 12, "the first month's rent cannot be paid")
	ErrInvalidGenesis = errorsmod.Register(ModuleName, 13, "invalid housing genesis")
	ErrUnitNotVacant  = errorsmod.Register(ModuleName, 14, "the unit is not vacant")
	ErrNotDecided     = errorsmod.Register(ModuleName, 15, "a home purchase is decided by the assembly or by the agency's own proposal, not by a manager's grant")
	ErrInvalidSeller  = errorsmod.Register(ModuleName, 16, "the region buys homes from persons: not from a company or other institution, a module account or a blocked address")
	ErrSelfDealing    = errorsmod.Register(ModuleName, 17, "the seller of a home may not be the buyer's signer, a signer of the tx or a worker of the agency")
	ErrNoNotice       = errorsmod.Register(ModuleName, 18, "the lease has no arrears notice running out")
)
