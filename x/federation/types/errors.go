package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the federation module.
var (
	ErrInvalidAddress   = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidRegion    = errorsmod.Register(ModuleName, 3, "invalid region")
	ErrUnknownRegion    = errorsmod.Register(ModuleName, 4, "unknown region: not in the region directory")
	ErrDuplicateRegion  = errorsmod.Register(ModuleName, 5, "another region of the directory has this chain id or channel")
	ErrInvalidPool      = errorsmod.Register(ModuleName, 6, "invalid pool")
	ErrUnknownPool      = errorsmod.Register(ModuleName, 7, "unknown pool")
	ErrPoolClosed       = errorsmod.Register(ModuleName, 8, "the pool is closed to contributions")
	ErrNotTreasury      = errorsmod.Register(ModuleName, 9, "only a region's treasury contributes to a pool")
	ErrNotRSC           = errorsmod.Register(ModuleName, 10, "a pool takes RSC only")
	ErrInvalidAmount    = errorsmod.Register(ModuleName, 11, "invalid amount")
	ErrInvalidRecipient = errorsmod.Register(ModuleName, 12, "a pool pays persons and companies")
	ErrInsufficientFund = errorsmod.Register(ModuleName, 13, "the pool does not hold that much")
	ErrUnauthorized     = errorsmod.Register(ModuleName, 14, "not the assembly or the pool")
	ErrInvalidGenesis   = errorsmod.Register(ModuleName, 15, "invalid federation genesis")
	ErrSelfDealing      = errorsmod.Register(ModuleName, 16, "a pool does not pay itself, its representatives or a signer of the tx")
)
