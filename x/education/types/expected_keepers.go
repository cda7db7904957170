package types

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// MembershipKeeper tells who is the assembly, a school, a person.
type MembershipKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	RequirePerson(ctx context.Context, address string) error
}

// ParamsKeeper reads the tuition share, the schooling priority years, the withdrawal grace
// and the block limit.
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
}

// Books books a school's tuition and refunds in its public books (x/market).
type Books interface {
	BookTuition(ctx context.Context, school sdk.AccAddress, amount math.Int) error
	BookRefund(ctx context.Context, school sdk.AccAddress, amount math.Int) error
}

// BankKeeper moves tuition and refunds.
type BankKeeper interface {
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}
