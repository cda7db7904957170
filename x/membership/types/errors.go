package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the membership module.
var (
	ErrDirectTransfer       = errorsmod.Register(ModuleName, 2, "direct transfers to or from companies, regional companies, the bank, the treasury and the assembly are not allowed; use a Conductor action: purchase, rent, loan, repayment, payroll, tax, dividend or pooling")
	ErrInvalidAddress       = errorsmod.Register(ModuleName, 3, "invalid address")
	ErrUnauthorized         = errorsmod.Register(ModuleName, 4, "signer is not the assembly")
	ErrUnknownAgent         = errorsmod.Register(ModuleName, 5, "unknown agent")
	ErrAlreadyMember        = errorsmod.Register(ModuleName, 6, "already a member")
	ErrNotMember            = errorsmod.Register(ModuleName, 7, "not a member")
	ErrNotPerson            = errorsmod.Register(ModuleName, 8, "agent is not a person")
	ErrNoWorkers            = errorsmod.Register(ModuleName, 9, "a company needs at least one worker")
	ErrDuplicateWorker      = errorsmod.Register(ModuleName, 10, "duplicate worker")
	ErrInvalidName          = errorsmod.Register(ModuleName, 11, "invalid name")
	ErrInvalidDecision      = errorsmod.Register(ModuleName, 12, "invalid decision policy")
	ErrInvalidKind          = errorsmod.Register(ModuleName, 13, "invalid agent kind")
	ErrValidatorAdmitted    = errorsmod.Register(ModuleName, 14, "validator operator already admitted")
	ErrValidatorNotAdmitted = errorsmod.Register(ModuleName, 15, "validator operator not admitted by the assembly")
	ErrLastMember           = errorsmod.Register(ModuleName, 16, "the last member cannot leave the assembly")
	ErrFounderNotWorker     = errorsmod.Register(ModuleName, 17, "the founder must be one of the founding workers")
	ErrInvalidGenesis       = errorsmod.Register(ModuleName, 18, "invalid membership genesis")
)

// ErrManagedGroup refuses x/group's LeaveGroup on the groups the region's registry keeps.
var ErrManagedGroup = errorsmod.Register(ModuleName, 19, "this group is kept by the region's registry: a member leaves the region with MsgLeaveRegion, a worker leaves a company by quitting")

// ErrDissolved refuses an action on a company that was dissolved, or dissolving it again.
var ErrDissolved = errorsmod.Register(ModuleName, 20, "the company was dissolved")

// ErrStakeNotAllowed refuses a delegation (or a validator) whose money is not a person's:
// company, regional company, bank, pool, treasury and assembly money moves only through
// Conductor actions, and a bond would take it out of the profit-at-rest tax, wage claims,
// loan collection and a bankruptcy's waterfall.
var ErrStakeNotAllowed = errorsmod.Register(ModuleName, 21, "only persons may stake: a company, regional company, the bank, a pool, the treasury or the assembly may not delegate or operate a validator")

// ErrAlreadyRegistered refuses registering as a person an address the region already knows
// as a person, member or not.
var ErrAlreadyRegistered = errorsmod.Register(ModuleName, 22, "already registered as a person")
