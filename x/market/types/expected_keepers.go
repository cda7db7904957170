package types

import (
	"context"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// MembershipKeeper is the registry: who sells, who buys at which rate, who approved.
type MembershipKeeper interface {
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	Approval(ctx context.Context, policy string, msg proto.Message) (*membershiptypes.Approval, error)
}

// ParamsKeeper reads the sales tax rates and the costing period.
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
}

// BankKeeper moves a purchase's price and tax in one transfer.
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	InputOutputCoins(ctx context.Context, input banktypes.Input, outputs []banktypes.Output) error
}
