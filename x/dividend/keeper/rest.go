package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

// Profit at rest. Time is cut into windows as long as profit_at_rest_delay (counted from
// the Unix epoch). A company's funds at rest through a window are the lowest balance it
// held during the whole window; when the window ends they are taxed at
// profit_at_rest_tax_rate, rounded down, and booked as the treasury's profit-at-rest
// revenue. Funds that arrive during a window and are spent (wages, inputs, rent, loan
// repayments) before the next window ends are never taxed: they were not there at the
// lowest point of a whole window. Regional companies are exempt (their surplus is already the region's).
//
// Since a company's money moves only through Conductor actions, each of those calls Track
// before it moves a company's money; Track keeps the company's lowest balance in the
// window. After a window ends, the companies are taxed a bounded number per block.

// window is the profit-at-rest window of t.
func window(t time.Time, delay time.Duration) uint64 {
	if delay <= 0 {
		return 0
	}
	return uint64(t.Unix() / int64(delay/time.Second))
}

// Track records that company's money is about to move: outflow leaves it (zero for money
// coming in). Call it before the transfer. Agents other than companies are not tracked.
func (k Keeper) Track(ctx context.Context, company sdk.AccAddress, outflow math.Int) error {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	h, err := k.Holdings.Get(ctx, company)
	switch {
	case err == nil && now.Before(h.Ends): // tracked in this window already
		if !outflow.IsPositive() {
			return nil // money in: the lowest balance cannot fall
		}
	case err == nil || errors.Is(err, collections.ErrNotFound):
		if errors.Is(err, collections.ErrNotFound) {
			agent, err := k.membership.GetAgent(ctx, company)
			if err != nil || agent.Kind != membershiptypes.AGENT_KIND_COMPANY {
				return nil
			}
			h.Low = math.ZeroInt()
		}
		params, err := k.params.GetParams(ctx)
		if err != nil {
			return err
		}
		w := window(now, params.ProfitAtRestDelay)
		before := k.bank.GetBalance(ctx, company, membershiptypes.Denom).Amount
		h = types.Holding{
			Company: company.String(), Window: w, Start: before, Low: before, PrevWindow: h.Window, PrevLow: h.Low,
			Ends: time.Unix(int64(w+1)*int64(params.ProfitAtRestDelay/time.Second), 0).UTC(),
		}
	default:
		return err
	}
	if outflow.IsPositive() {
		after := k.bank.GetBalance(ctx, company, membershiptypes.Denom).Amount.Sub(outflow)
		h.Low = math.MinInt(h.Low, math.MaxInt(after, math.ZeroInt()))
	}
	return k.Holdings.Set(ctx, company, h)
}

// Received records money a company received from payer, after the transfer. Money from a
// related company (one that shares a worker with it: the same people on both sides) counts
// as held since the window's start: moving it between the co-ops of the same workers does
// not make it less at rest. Two co-ops that buy each other's listings in turn are thus taxed
// each window on what circles, as if it had rested in one of them.
func (k Keeper) Received(ctx context.Context, company, payer sdk.AccAddress, amount math.Int) error {
	related, err := k.membership.ShareWorkers(ctx, company, payer)
	if err != nil || !related || !amount.IsPositive() {
		return err
	}
	if err := k.Track(ctx, company, math.ZeroInt()); err != nil {
		return err
	}
	h, err := k.Holdings.Get(ctx, company)
	if errors.Is(err, collections.ErrNotFound) {
		return nil // not taxed at rest (a regional company)
	} else if err != nil {
		return err
	}
	h.Low = math.MinInt(h.Low.Add(amount), k.bank.GetBalance(ctx, company, membershiptypes.Denom).Amount)
	return k.Holdings.Set(ctx, company, h)
}

// lowIn is a company's lowest balance through window w, which has ended.
func (k Keeper) lowIn(ctx context.Context, company sdk.AccAddress, w uint64) (math.Int, error) {
	h, err := k.Holdings.Get(ctx, company)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		// never touched: its balance has not changed since before w
	case err != nil:
		return math.ZeroInt(), err
	case h.Window == w:
		return h.Low, nil
	case h.PrevWindow == w && h.Window > w:
		return h.PrevLow, nil
	case h.Window > w:
		return h.Start, nil // untouched in w: its balance through w was the one it had when next touched
	}
	return k.bank.GetBalance(ctx, company, membershiptypes.Denom).Amount, nil
}

// taxRest taxes the companies' funds at rest through the last window that ended, after
// the last company taxed, at most limit companies.
func (k Keeper) taxRest(ctx sdk.Context, limit int) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	if params.ProfitAtRestDelay <= 0 || !params.ProfitAtRestTaxRate.IsPositive() {
		return nil
	}
	ended := window(ctx.BlockTime(), params.ProfitAtRestDelay) - 1
	// the rate in force when the window opened: a change applies from the next window
	opened, err := k.params.ParamsAt(ctx, time.Unix(int64(ended)*int64(params.ProfitAtRestDelay/time.Second), 0))
	if err != nil {
		return err
	}
	sweep, err := k.RestSweep.Get(ctx)
	if err != nil {
		return err
	}
	if sweep.Window > ended || (sweep.Window == ended && sweep.Done) {
		return nil
	}
	if sweep.Window != ended {
		sweep = types.RestSweep{Window: ended}
	}
	var batch []sdk.AccAddress
	err = k.membership.WalkAgents(ctx, membershiptypes.AGENT_KIND_COMPANY, sweep.Cursor, func(c sdk.AccAddress) (bool, error) {
		batch = append(batch, c)
		return len(batch) > limit, nil
	})
	if err != nil {
		return err
	}
	sweep.Done = len(batch) <= limit
	batch = batch[:min(len(batch), limit)]
	for _, c := range batch {
		if err := k.taxCompany(ctx, c, ended, opened.ProfitAtRestTaxRate); err != nil {
			ctx.Logger().Error("dividend: profit-at-rest tax failed", "company", c, "err", err)
		}
		sweep.Cursor = c
	}
	return k.RestSweep.Set(ctx, sweep)
}

// profitIn is the part of a company's funds at rest that is profit: what is left after the
// principal it owes the region's bank (borrowed capital, to be invested or repaid, is not
// profit). A co-op that borrows to invest pays interest on the loan, never the
// profit-at-rest tax on it.
// A company that owes wage claims has no profit: its funds are its workers' wages.
func (k Keeper) profitIn(ctx context.Context, company sdk.AccAddress, low math.Int) (math.Int, error) {
	if k.wages != nil && low.IsPositive() {
		owes, err := k.wages.OwesWages(ctx, company)
		if err != nil || owes {
			return math.ZeroInt(), err
		}
	}
	if k.loans == nil || !low.IsPositive() {
		return low, nil
	}
	owed, err := k.loans.OutstandingPrincipal(ctx, company)
	if err != nil {
		return math.ZeroInt(), err
	}
	return math.MaxInt(low.Sub(owed), math.ZeroInt()), nil
}

// taxCompany takes the profit-at-rest tax of window w from a company, in its own cache.
func (k Keeper) taxCompany(ctx sdk.Context, company sdk.AccAddress, w uint64, rate math.LegacyDec) error {
	cache, write := ctx.CacheContext()
	low, err := k.lowIn(cache, company, w)
	if err != nil {
		return err
	}
	if low, err = k.profitIn(cache, company, low); err != nil {
		return err
	}
	tax := math.MinInt(rate.MulInt(low).TruncateInt(), k.bank.SpendableCoin(cache, company, membershiptypes.Denom).Amount)
	if !tax.IsPositive() {
		return nil
	}
	if err := k.router.Pay(cache, router.Payment{
		Route: router.ProfitAtRestTax, From: company, Legs: router.To(k.treasury, tax), Link: "dividend/profit-at-rest-tax",
	}); err != nil {
		return err
	}
	if err := cache.EventManager().EmitTypedEvent(&types.EventProfitAtRestTax{Company: company.String(), Window: w, Low: low, Tax: tax}); err != nil {
		return err
	}
	write()
	return nil
}
