package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
)

// maxRolls bounds how many (empty) periods one block closes when the chain was stopped
// longer than a period.
const maxRolls = 12

// Book adds revenue received by the treasury to the open period, by source. The modules
// that collect taxes and interest call it as they pay the treasury (only ursc is booked:
// another region's RSC stays in the treasury as a voucher, outside the books).
func (k Keeper) Book(ctx context.Context, source types.Source, amount math.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return nil
	}
	p, err := k.open(ctx)
	if err != nil {
		return err
	}
	r := &p.Revenue
	switch source {
	case types.SOURCE_INCOME_TAX:
		r.IncomeTax = r.IncomeTax.Add(amount)
	case types.SOURCE_INTERNAL_SALES_TAX:
		r.InternalSalesTax = r.InternalSalesTax.Add(amount)
	case types.SOURCE_EXTERNAL_SALES_TAX:
		r.ExternalSalesTax = r.ExternalSalesTax.Add(amount)
	case types.SOURCE_PROFIT_AT_REST_TAX:
		r.ProfitAtRestTax = r.ProfitAtRestTax.Add(amount)
	case types.SOURCE_BANK_INTEREST:
		r.BankInterest = r.BankInterest.Add(amount)
	case types.SOURCE_NON_MEMBER_SERVICES:
		r.NonMemberServices = r.NonMemberServices.Add(amount)
	case types.SOURCE_FEES:
		if r.Fees.IsNil() { // a period opened before fees were booked
			r.Fees = zero()
		}
		r.Fees = r.Fees.Add(amount)
	default:
		return errorsmod.Wrapf(types.ErrInvalidRevenue, "source %s", source)
	}
	p.Total = p.Total.Add(amount)
	return k.Periods.Set(ctx, p.Number, p)
}

// rollPeriods closes the open period if the dividend period has passed since it began, and
// opens the next; O(1) whatever the number of members.
func (k Keeper) rollPeriods(ctx sdk.Context) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	for range maxRolls {
		p, err := k.open(ctx)
		if err != nil {
			return err
		}
		end := p.Start.Add(params.DividendPeriod)
		if ctx.BlockTime().Before(end) {
			return nil
		}
		if err := k.close(ctx, p, end, params.DividendShare); err != nil {
			return err
		}
	}
	return nil
}

// close closes period p at end: pool = floor(total x its share) + the carry, split equally
// among the members now (each is owed per_member, paid at its next claim or transaction);
// what does not divide carries to the next period, which opens under share (the
// parameter now).
func (k Keeper) close(ctx sdk.Context, p types.Period, end time.Time, share math.LegacyDec) error {
	totals, err := k.Totals.Get(ctx)
	if err != nil {
		return err
	}
	members, err := k.MemberCount.Get(ctx)
	if err != nil {
		return err
	}
	prev, err := k.cumulative(ctx, p.Number-1)
	if err != nil {
		return err
	}
	dividend := p.DividendShare.MulInt(p.Total).TruncateInt()
	p.End, p.Members = &end, members
	p.Retained, p.CarriedIn = p.Total.Sub(dividend), totals.Carried
	p.Pool = dividend.Add(p.CarriedIn)
	p.PerMember = math.ZeroInt()
	if members > 0 {
		p.PerMember = p.Pool.QuoRaw(int64(members))
	}
	declared := p.PerMember.MulRaw(int64(members))
	p.Declared = declared
	p.CarriedOut = p.Pool.Sub(declared)
	p.Cumulative = prev.Add(p.PerMember)
	if err := k.Periods.Set(ctx, p.Number, p); err != nil {
		return err
	}
	totals.Revenue = totals.Revenue.Add(p.Total)
	totals.Retained = totals.Retained.Add(p.Retained)
	totals.Declared = totals.Declared.Add(declared)
	totals.Carried = p.CarriedOut
	if err := k.Totals.Set(ctx, totals); err != nil {
		return err
	}
	next := newPeriod(p.Number+1, end, share)
	if err := k.Periods.Set(ctx, next.Number, next); err != nil {
		return err
	}
	if err := k.Current.Set(ctx, next.Number); err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventPeriodClosed{
		Number: p.Number, Total: p.Total, Pool: p.Pool, Members: members, PerMember: p.PerMember, CarriedOut: p.CarriedOut,
	})
}
