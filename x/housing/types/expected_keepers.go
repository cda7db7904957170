package types

import (
	"context"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// MembershipKeeper tells who may register, wait and rent, and at which markup, and who
// decided a home purchase.
type MembershipKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	RequirePerson(ctx context.Context, address string) error
	Approval(ctx context.Context, policy string, msg proto.Message) (*membershiptypes.Approval, error)
	TxSigners(ctx context.Context) ([]string, error)
	InGroup(ctx context.Context, agent sdk.AccAddress, addr string) (bool, error)
}

// AccountKeeper tells a module account from a person's.
type AccountKeeper interface {
	GetAccount(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
}

// ParamsKeeper reads the rent markups, the month, the threshold and the per-block limit.
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
}

// BankKeeper moves rent and home purchases.
type BankKeeper interface {
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	BlockedAddr(addr sdk.AccAddress) bool
}

// FlowRecorder records the module's economic events (x/valueflows).
type FlowRecorder interface {
	Record(ctx context.Context, e valueflowstypes.EconomicEvent) (uint64, error)
}

// Wages tells whether a company owes wage claims (x/payroll): while it does, its money goes
// to its workers first, and it pays no rent (the rent is owed as arrears).
type Wages interface {
	OwesWages(ctx context.Context, company sdk.AccAddress) (bool, error)
}
