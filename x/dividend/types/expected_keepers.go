package types

import (
	"context"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// MembershipKeeper tells who is a member and who the assembly is (and which of its
// proposals is running), and walks the companies.
type MembershipKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	ExecutingProposal(ctx context.Context, policy string, msg proto.Message) (uint64, error)
	IsMember(ctx context.Context, addr sdk.AccAddress) bool
	GetAgent(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	WalkAgents(ctx context.Context, kind membershiptypes.AgentKind, after sdk.AccAddress, f func(sdk.AccAddress) (bool, error)) error
	WalkMembers(ctx context.Context, f func(sdk.AccAddress) error) error
	ShareWorkers(ctx context.Context, a, b sdk.AccAddress) (bool, error)
}

// LoanBook tells what a company owes the region's bank in principal (x/bankloans).
type LoanBook interface {
	OutstandingPrincipal(ctx context.Context, borrower sdk.AccAddress) (math.Int, error)
}

// Wages tells whether a company owes wage claims (x/payroll): while it does, its funds are
// its workers' wages, not profit.
type Wages interface {
	OwesWages(ctx context.Context, company sdk.AccAddress) (bool, error)
}

// CompanyBooks are the companies' public books (x/market): a subsidy is booked there as the
// company's revenue; a deficit is what its costs exceed its revenue by.
type CompanyBooks interface {
	BookSubsidy(ctx context.Context, company sdk.AccAddress, amount math.Int) error
	CompanyDeficit(ctx context.Context, company sdk.AccAddress) (math.Int, error)
}

// ParamsKeeper reads the dividend share and period, and the profit-at-rest rate and delay;
// ParamsAt those in force when a window opened.
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
	ParamsAt(ctx context.Context, t time.Time) (gptypes.Params, error)
}

// BankKeeper pays the dividend and the profit-at-rest tax.
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}
