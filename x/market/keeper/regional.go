package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/market/types"
)

// A regional company's revenue other than its sales: the tuition its students pay
// (x/education), less the refunds it paid students who withdrew, and the subsidies the
// treasury paid it by the assembly's decision (x/dividend). Each is its own line of the
// books, so that the public sees who pays what; none is a sale, so none enters the
// costing (the unit cost is recovered from the sales).

// BookTuition books a term's tuition a school received.
func (k Keeper) BookTuition(ctx context.Context, school sdk.AccAddress, amount math.Int) error {
	return k.bookLine(ctx, school, amount, func(b *types.Books) *math.Int { return &b.Tuition })
}

// BookRefund books a refund a school paid a student who withdrew.
func (k Keeper) BookRefund(ctx context.Context, school sdk.AccAddress, amount math.Int) error {
	return k.bookLine(ctx, school, amount, func(b *types.Books) *math.Int { return &b.Refunds })
}

// BookSubsidy books a subsidy a regional company received from the treasury.
func (k Keeper) BookSubsidy(ctx context.Context, company sdk.AccAddress, amount math.Int) error {
	return k.bookLine(ctx, company, amount, func(b *types.Books) *math.Int { return &b.Subsidies })
}

// bookLine adds a positive amount to lines of the company's books of the current period.
func (k Keeper) bookLine(ctx context.Context, company sdk.AccAddress, amount math.Int, lines ...func(*types.Books) *math.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return nil
	}
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	b, err := k.openBooks(ctx, company, params.DividendPeriod)
	if err != nil {
		return err
	}
	for _, line := range lines {
		l := line(&b)
		*l = orZero(*l).Add(amount)
	}
	return k.Books.Set(ctx, company, b)
}

// orZero reads a line a company's books kept before the line existed as zero.
func orZero(i math.Int) math.Int {
	if i.IsNil() {
		return math.ZeroInt()
	}
	return i
}

// Deficit is what a company's costs (wages, inputs) exceed its revenue (sales, tuition
// less refunds, subsidies) by since its books opened; zero if the revenue covers them.
func Deficit(b types.Books) math.Int {
	costs := orZero(b.WageCosts).Add(orZero(b.InputCosts))
	revenue := orZero(b.Revenue).Add(orZero(b.Tuition)).Sub(orZero(b.Refunds)).Add(orZero(b.Subsidies))
	return math.MaxInt(costs.Sub(revenue), math.ZeroInt())
}

// CompanyDeficit is Deficit of a company's books (zero for a company without books).
func (k Keeper) CompanyDeficit(ctx context.Context, company sdk.AccAddress) (math.Int, error) {
	b, err := k.books(ctx, company)
	if err != nil {
		return math.ZeroInt(), err
	}
	return Deficit(b), nil
}
