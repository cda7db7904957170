package types

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"

	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// MembershipKeeper is the registry: the assembly, pools' accounts, who may receive.
type MembershipKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	FoundPool(ctx context.Context, name string, representatives []string) (membershiptypes.Agent, error)
	Approval(ctx context.Context, policy string, msg proto.Message) (*membershiptypes.Approval, error)
	TxSigners(ctx context.Context) ([]string, error)
	InGroup(ctx context.Context, agent sdk.AccAddress, addr string) (bool, error)
}

// AccountKeeper tells a module account, which a pool never pays.
type AccountKeeper interface {
	GetAccount(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
}

// BankKeeper moves pools' money.
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	BlockedAddr(addr sdk.AccAddress) bool
}

// Treasury keeps what the treasury holds for the members' dividend, and tracks companies'
// money for the profit-at-rest tax (x/dividend).
type Treasury interface {
	RequireUnreserved(ctx context.Context, amount math.Int) error
}

// TransferKeeper sends ICS-20 transfers (ibc-go's transfer keeper).
type TransferKeeper interface {
	Transfer(ctx context.Context, msg *transfertypes.MsgTransfer) (*transfertypes.MsgTransferResponse, error)
}
