package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the market module.
var (
	ErrInvalidAddress   = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidListing   = errorsmod.Register(ModuleName, 3, "invalid listing")
	ErrUnknownListing   = errorsmod.Register(ModuleName, 4, "unknown or delisted listing")
	ErrNotSeller        = errorsmod.Register(ModuleName, 5, "only a company or a regional company lists products and services; persons sell second-hand by sending to each other")
	ErrNotYourListing   = errorsmod.Register(ModuleName, 6, "the listing is not the signer's")
	ErrInvalidQuantity  = errorsmod.Register(ModuleName, 7, "quantity must be a positive whole number of units")
	ErrOutOfStock       = errorsmod.Register(ModuleName, 8, "not enough stock")
	ErrSelfPurchase     = errorsmod.Register(ModuleName, 9, "a seller cannot buy its own listing")
	ErrBuyerNotAllowed  = errorsmod.Register(ModuleName, 10, "the bank, the treasury and the assembly do not buy on the market")
	ErrPriceAboveMax    = errorsmod.Register(ModuleName, 11, "the price is above the buyer's maximum")
	ErrAtCost           = errorsmod.Register(ModuleName, 12, "a regional company sells at cost: its price comes from its books")
	ErrNotRSC           = errorsmod.Register(ModuleName, 14, "a purchase is paid in RSC")
	ErrWrongAmount      = errorsmod.Register(ModuleName, 15, "the amount sent is not the purchase's total")
	ErrUnknownOrder     = errorsmod.Register(ModuleName, 16, "unknown order")
	ErrInvalidGenesis   = errorsmod.Register(ModuleName, 17, "invalid market genesis")
	ErrInsufficientFund = errorsmod.Register(ModuleName, 18, "the buyer cannot pay the price and the tax")
	ErrIntakeNotPayable = errorsmod.Register(ModuleName, 19, "the market's IBC intake account receives only purchases arriving over IBC")
	ErrOverflow         = errorsmod.Register(ModuleName, 20, "price x quantity is too large")
)
