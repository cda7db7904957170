package types

import (
	"context"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// MembershipKeeper is the registry: the authority, employers, persons, company groups.
type MembershipKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	Employer(ctx context.Context, addr sdk.AccAddress) (membershiptypes.Agent, error)
	RequirePerson(ctx context.Context, address string) error
	JoinCompany(ctx context.Context, company sdk.AccAddress, worker string) (bool, error)
	LeaveCompany(ctx context.Context, company sdk.AccAddress, worker string) error
}

// ParamsKeeper reads the region's parameters: pay period, income tax, wage factors, limits;
// ParamsAt those in force at an earlier moment (a pay period's start).
type ParamsKeeper interface {
	GetParams(ctx context.Context) (gptypes.Params, error)
	ParamsAt(ctx context.Context, t time.Time) (gptypes.Params, error)
}

// BankKeeper moves wages and tax.
type BankKeeper interface {
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}

// CostBooker books the gross wages a company's workers earned as the company's costs (the
// market keeps the books; a regional company's costs give its at-cost prices).
type CostBooker interface {
	BookWages(ctx context.Context, company sdk.AccAddress, gross math.Int) error
}

// FlowRecorder records the module's economic events (x/valueflows).
type FlowRecorder interface {
	Record(ctx context.Context, e valueflowstypes.EconomicEvent) (uint64, error)
}
