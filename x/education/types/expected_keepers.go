package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// MembershipKeeper tells who is the assembly, a school, a person.
type MembershipKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	RequirePerson(ctx context.Context, address string) error
}

// ParamsKeeper reads the tuition share, the schooling priority years and the block limit.
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
}

// BankKeeper moves tuition.
type BankKeeper interface {
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	SendCoins(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) error
}

// FlowRecorder records the module's economic events (x/valueflows).
type FlowRecorder interface {
	Record(ctx context.Context, e valueflowstypes.EconomicEvent) (uint64, error)
}
