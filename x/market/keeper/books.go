package keeper

import (
	"context"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/market/types"
)

// Costing. A regional company sells at cost. Its costs are the gross wages its workers earn
// (booked by payroll) and the inputs it buys (price and sales tax, booked by its purchases).
// They are gathered over a costing period, the region's month (governanceparams
// dividend_period). When a period ends with units sold, the unit cost for the next period
// is its costs divided by the units sold, rounded up to the ursc so that the costs are
// recovered; a period with no sales carries its costs into the next one and keeps the unit
// cost. Until a first period closes with sales, an at-cost listing sells at the opening
// price its company gave it. Every company's books are kept the same way; only a regional
// company's listings are priced from them.

// roll closes the books' costing period if it is over at now.
func roll(b *types.Books, now time.Time, period time.Duration) {
	if period <= 0 || now.Before(b.PeriodStart.Add(period)) {
		return
	}
	if b.PeriodUnits > 0 {
		units := math.NewIntFromUint64(b.PeriodUnits)
		b.UnitCost = b.PeriodCosts.Add(units).SubRaw(1).Quo(units)
		b.PeriodCosts = math.ZeroInt()
		b.PeriodUnits = 0
	}
	b.PeriodStart = now
}

// openBooks returns a company's books with the costing period rolled to the block time.
func (k Keeper) openBooks(ctx context.Context, company sdk.AccAddress, period time.Duration) (types.Books, error) {
	b, err := k.books(ctx, company)
	if err != nil {
		return b, err
	}
	roll(&b, sdk.UnwrapSDKContext(ctx).BlockTime(), period)
	return b, nil
}

// BookWages books the gross wages a company's workers earned (paid, or owed as claims) as
// its costs. Payroll calls it once per company per pay batch.
func (k Keeper) BookWages(ctx context.Context, company sdk.AccAddress, gross math.Int) error {
	return k.bookLine(ctx, company, gross, func(b *types.Books) *math.Int { return &b.WageCosts }, func(b *types.Books) *math.Int { return &b.PeriodCosts })
}

// unitPrice is the price a listing sells at now: an at-cost listing's is the unit cost of
// the resource it sells from (x/valueflows, rounded up to the ursc) or, without one, its
// seller's unit cost once the books give one.
func (k Keeper) unitPrice(ctx context.Context, l types.Listing, seller types.Books) (math.Int, error) {
	if l.AtCost && l.ResourceId != 0 {
		cost, err := k.flows.UnitCost(ctx, l.ResourceId)
		if err != nil || cost.IsPositive() {
			return cost.Ceil().TruncateInt(), err
		}
	}
	if l.AtCost && seller.UnitCost.IsPositive() {
		return seller.UnitCost, nil
	}
	return l.UnitPrice, nil
}
