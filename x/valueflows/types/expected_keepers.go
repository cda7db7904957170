package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// ParamsKeeper gives the region's parameters (the retention window).
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
}

// MembershipKeeper is the agent registry: who is a company, who is the assembly.
type MembershipKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
}
