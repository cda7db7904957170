package types

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	housingtypes "github.com/conductor-coop/conductor/x/housing/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// MembershipKeeper is the registry: who may borrow, who decided and where they work,
// dissolving a company.
type MembershipKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	Approval(ctx context.Context, policy string, msg proto.Message) (*membershiptypes.Approval, error)
	TxSigners(ctx context.Context) ([]string, error)
	InGroup(ctx context.Context, agent sdk.AccAddress, addr string) (bool, error)
	Dissolve(ctx context.Context, company sdk.AccAddress) error
}

// ParamsKeeper reads how many collections a block may make.
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
}

// BankKeeper moves capital, disbursements, installments and interest.
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}

// PayrollKeeper: wage claims come before the bank.
type PayrollKeeper interface {
	OwesWages(ctx context.Context, company sdk.AccAddress) (bool, error)
	CloseEmployer(ctx context.Context, company sdk.AccAddress, reason string) error
}

// MarketKeeper closes a bankrupt company's listings.
type MarketKeeper interface {
	CloseListings(ctx context.Context, seller sdk.AccAddress) error
}

// Treasury says what the treasury holds for the members' dividend (x/dividend).
type Treasury interface {
	RequireUnreserved(ctx context.Context, amount math.Int) error
}

// HousingKeeper winds up a bankrupt company's leases: its rent arrears are its other
// creditors, paid pro rata.
type HousingKeeper interface {
	Debts(ctx context.Context, tenant sdk.AccAddress) ([]housingtypes.Debt, error)
	CloseTenant(ctx context.Context, tenant sdk.AccAddress, debts []housingtypes.Debt, amounts []math.Int) error
}

// FlowRecorder records the module's economic events (x/valueflows).
type FlowRecorder interface {
	Record(ctx context.Context, e valueflowstypes.EconomicEvent) (uint64, error)
}
