package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the governanceparams module.
var (
	ErrInvalidParams = errorsmod.Register(ModuleName, 2, "invalid regional parameters")
)
