package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of the valueflows module.
var (
	ErrInvalidAddress       = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrUnknownUnit          = errorsmod.Register(ModuleName, 3, "unknown unit")
	ErrUnknownSpec          = errorsmod.Register(ModuleName, 4, "unknown resource specification")
	ErrUnknownResource      = errorsmod.Register(ModuleName, 5, "unknown economic resource")
	ErrUnknownEvent         = errorsmod.Register(ModuleName, 6, "unknown economic event")
	ErrUnknownProcess       = errorsmod.Register(ModuleName, 7, "unknown process")
	ErrUnknownRecipe        = errorsmod.Register(ModuleName, 8, "unknown recipe")
	ErrUnknownIntent        = errorsmod.Register(ModuleName, 9, "unknown intent")
	ErrUnknownPlan          = errorsmod.Register(ModuleName, 10, "unknown plan")
	ErrNotCompany           = errorsmod.Register(ModuleName, 11, "only a company records production")
	ErrNotOwner             = errorsmod.Register(ModuleName, 12, "not the owner")
	ErrInvalidQuantity      = errorsmod.Register(ModuleName, 13, "invalid quantity")
	ErrInsufficientQuantity = errorsmod.Register(ModuleName, 14, "more than is on hand")
	ErrInvalidAction        = errorsmod.Register(ModuleName, 15, "action not allowed here")
	ErrProcessFinished      = errorsmod.Register(ModuleName, 16, "the process is finished")
	ErrSpecMismatch         = errorsmod.Register(ModuleName, 17, "the resource is of another kind")
	ErrRecipeCycle          = errorsmod.Register(ModuleName, 18, "the recipe would make its output from itself")
	ErrInvalidRecipe        = errorsmod.Register(ModuleName, 19, "invalid recipe")
	ErrInvalidIntent        = errorsmod.Register(ModuleName, 20, "invalid intent")
	ErrInvalidPlan          = errorsmod.Register(ModuleName, 21, "invalid plan")
	ErrInvalidPeriod        = errorsmod.Register(ModuleName, 22, "invalid period")
	ErrInvalidSpec          = errorsmod.Register(ModuleName, 23, "invalid resource specification")
	ErrOverAttached         = errorsmod.Register(ModuleName, 24, "more than is left of the event to attach")
	ErrNoOutput             = errorsmod.Register(ModuleName, 25, "the process produced nothing")
	ErrInvalidGenesis       = errorsmod.Register(ModuleName, 26, "invalid valueflows genesis")
	ErrInvalidQuery         = errorsmod.Register(ModuleName, 27, "invalid query")
)
