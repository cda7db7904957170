package types

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// MembershipKeeper is the registry: who sells, who buys at which rate, who approved.
type MembershipKeeper interface {
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	FindAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, bool, error)
	Approval(ctx context.Context, policy string, msg proto.Message) (*membershiptypes.Approval, error)
}

// ParamsKeeper reads the sales tax rates and the costing period.
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
}

// BankKeeper reads balances (the router moves the money).
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
}

// Directory is the region directory (x/federation): the region a channel leads to, and
// whether its buyers pay the internal sales tax (a trade pact) or the external one.
type Directory interface {
	RegionOfChannel(ctx context.Context, channel string) (name string, internal bool, err error)
}

// Flows records purchases as economic events and moves goods out of the resources
// listings sell from (x/valueflows).
type Flows interface {
	Record(ctx context.Context, e valueflowstypes.EconomicEvent) (uint64, error)
	SaleResource(ctx context.Context, id uint64, seller, unit string) error
	UnitCost(ctx context.Context, id uint64) (math.LegacyDec, error)
	Sell(ctx context.Context, id uint64, buyer string, q, paid math.LegacyDec, link string, paidBy []valueflowstypes.Settlement) error
	Linked(ctx context.Context, agent string, asProvider bool, prefix string, page *query.PageRequest) ([]uint64, *query.PageResponse, error)
}
