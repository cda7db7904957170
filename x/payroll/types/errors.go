package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the payroll module.
var (
	ErrInvalidAddress    = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidOccupation = errorsmod.Register(ModuleName, 3, "invalid occupation")
	ErrUnknownOccupation = errorsmod.Register(ModuleName, 4, "unknown occupation")
	ErrWageOutOfRange    = errorsmod.Register(ModuleName, 5, "wage outside the occupation's range")
	ErrInvalidJob        = errorsmod.Register(ModuleName, 6, "invalid job")
	ErrUnknownJob        = errorsmod.Register(ModuleName, 7, "unknown or closed job")
	ErrAlreadyApplied    = errorsmod.Register(ModuleName, 8, "already applied to this job")
	ErrNotApplied        = errorsmod.Register(ModuleName, 9, "the person did not apply to this job")
	ErrSelfHire          = errorsmod.Register(ModuleName, 10, "a company cannot hire its own account")
	ErrUnknownEmployment = errorsmod.Register(ModuleName, 11, "unknown employment")
	ErrNotYours          = errorsmod.Register(ModuleName, 12, "the employment is not the signer's")
	ErrAlreadyClockedIn  = errorsmod.Register(ModuleName, 13, "already clocked in")
	ErrNotClockedIn      = errorsmod.Register(ModuleName, 14, "not clocked in")
	ErrInvalidInterval   = errorsmod.Register(ModuleName, 15, "invalid work interval")
	ErrOverlap           = errorsmod.Register(ModuleName, 16, "work interval overlaps recorded work")
	ErrUnknownTimesheet  = errorsmod.Register(ModuleName, 17, "unknown timesheet")
	ErrNotCoworker       = errorsmod.Register(ModuleName, 18, "only a co-worker at the same company may rate a worker")
	ErrInvalidRating     = errorsmod.Register(ModuleName, 19, "productivity must be in [0,1]")
	ErrInvalidGenesis    = errorsmod.Register(ModuleName, 20, "invalid payroll genesis")
	ErrHoursPerWeek      = errorsmod.Register(ModuleName, 21, "the work would exceed the job's hours per week")
	ErrOwesWages         = errorsmod.Register(ModuleName, 22, "the company owes wage claims: its money goes to its workers first")
)
