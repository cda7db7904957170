package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the education module.
var (
	ErrInvalidAddress = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidProgram = errorsmod.Register(ModuleName, 3, "invalid program")
	ErrUnknownProgram = errorsmod.Register(ModuleName, 4, "unknown program")
	ErrNotSchool      = errorsmod.Register(ModuleName, 5, "a program is run by a regional company")
	ErrNotPerson      = errorsmod.Register(ModuleName, 6, "only persons study")
	ErrAlreadyWaiting = errorsmod.Register(ModuleName, 7, "already on this program's wait-list, or enrolled in it")
	ErrNotWaiting     = errorsmod.Register(ModuleName, 8, "not on this program's wait-list")
	ErrUnknownEnroll  = errorsmod.Register(ModuleName, 9, "unknown enrollment, or not the signer's")
	ErrOverCapacity   = errorsmod.Register(ModuleName, 10, "the capacity cannot go below the students enrolled")
	ErrInvalidGenesis = errorsmod.Register(ModuleName, 11, "invalid education genesis")
)
