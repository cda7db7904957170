package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// Workers first. A wage the company cannot pay becomes a claim; the claims are paid oldest
// first, in part when the money does not cover one (the claim shrinks, nothing is skipped),
// as soon as money reaches the company, whatever brings it:
//   - WorkersFirst, a bank send restriction, notes every ursc a Conductor action sends to
//     a company with claims (Arrived) and refuses any send from it but its wages;
//   - the claims pass (payArrived), first in the payroll EndBlocker, pays the noted
//     companies' claims, at most max_payouts_per_block payments a block;
//   - settling a company's new work first pays its claims, and a new wage is paid only
//     when no claim is left.

// isWages tells whether ctx is a company's wages being paid (the payroll ledger's payment):
// the one route by which a company that owes claims may pay.
func isWages(ctx context.Context) bool {
	route, _ := router.RouteOf(ctx)
	return route == router.Wage
}

// WorkersFirst is installed in the bank keeper. Companies move money only in Conductor
// actions (the RSC rule), so it looks at those: a company that owes wage claims pays
// nothing but its wages (ErrOwesWages: rent, installments, taxes, pool contributions and
// its own purchases wait until its workers are paid), and the ursc that reaches it is
// noted for the claims pass.
func (k Keeper) WorkersFirst(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	if _, routed := router.RouteOf(ctx); amt.IsZero() || !routed {
		return to, nil
	}
	if n, err := k.IndebtedCount.Get(ctx); n == 0 { // absent: none owes
		return to, ignoreNotFound(err)
	}
	if !isWages(ctx) {
		owes, err := k.Indebted.Has(ctx, from)
		if err != nil {
			return to, err
		}
		if owes {
			return to, errorsmod.Wrapf(types.ErrOwesWages, "%s owes its workers wage claims", from)
		}
	}
	in := amt.AmountOf(membershiptypes.Denom)
	if !in.IsPositive() {
		return to, nil
	}
	if owes, err := k.Indebted.Has(ctx, to); err != nil || !owes {
		return to, err
	}
	arrived, err := k.arrived(ctx, to)
	if err != nil {
		return to, err
	}
	return to, k.Arrived.Set(ctx, to, arrived.Add(in))
}

func ignoreNotFound(err error) error {
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	}
	return err
}

func (k Keeper) arrived(ctx context.Context, company sdk.AccAddress) (math.Int, error) {
	a, err := k.Arrived.Get(ctx, company)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return a, err
}

// claim records slip as a wage claim of the company; if the company owed none, the claim is
// its oldest and at once takes what the company has.
func (k Keeper) claim(ctx context.Context, l *ledger, p *companyPay, company, worker sdk.AccAddress, slip *types.Payslip) error {
	c := types.NewClaim(*slip)
	var err error
	if c.Id, err = modulekit.NextID(ctx, k.ClaimSeq); err != nil {
		return err
	}
	slip.ClaimId, slip.Claimed = c.Id, true
	l.claimed = l.claimed.Add(slip.Gross)
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventWageClaim{
		ClaimId: c.Id, PayslipId: slip.Id, Company: slip.Company, Worker: slip.Worker, Gross: slip.Gross,
	}); err != nil {
		return err
	}
	if first := !p.indebted; first {
		p.indebted = true
		if err := k.setIndebted(ctx, company, true); err != nil {
			return err
		}
		if _, err := k.payPart(ctx, l, p, company, worker, &c, slip); err != nil {
			return err
		}
	}
	return k.Claims.Set(ctx, collections.Join(company, c.Id), c)
}

// payClaims pays the company's claims, oldest first, as far as what it can still pay in the
// batch goes, the last one in part, at most limit payments; it returns the payments made.
// When no claim is left the company leaves the Indebted index; otherwise what was paid is
// taken off the money noted as arrived.
func (k Keeper) payClaims(ctx context.Context, l *ledger, company sdk.AccAddress, limit int) (int, error) {
	p, err := l.company(ctx, company)
	if err != nil || !p.indebted || !p.available().IsPositive() || limit <= 0 {
		return 0, err
	}
	it, err := k.Claims.Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](company))
	if err != nil {
		return 0, err
	}
	var due []types.Claim
	for ; it.Valid() && len(due) <= limit; it.Next() {
		c, err := it.Value()
		if err != nil {
			it.Close()
			return 0, err
		}
		due = append(due, c)
	}
	it.Close()
	paid, total, cleared := 0, math.ZeroInt(), 0
	for i := range due[:min(len(due), limit)] {
		if !p.available().IsPositive() {
			break
		}
		worker, err := k.address(due[i].Worker, "worker")
		if err != nil {
			return paid, err
		}
		gross, err := k.payPart(ctx, l, p, company, worker, &due[i], nil)
		if err != nil {
			return paid, err
		}
		paid, total = paid+1, total.Add(gross)
		if due[i].Owed().IsPositive() {
			break
		}
		cleared++
	}
	if cleared == len(due) { // every claim paid, and none was left beyond the limit
		p.indebted = false
		return paid, errors.Join(k.setIndebted(ctx, company, false), k.Arrived.Remove(ctx, company))
	}
	arrived, err := k.arrived(ctx, company)
	if err != nil {
		return paid, err
	}
	if left := arrived.Sub(total); left.IsPositive() {
		return paid, k.Arrived.Set(ctx, company, left)
	}
	return paid, k.Arrived.Remove(ctx, company)
}

// payPart pays what the company can of claim c (net to the worker, tax to the treasury when
// the ledger closes), records the payment (a ClaimPayment, a ValueFlows transfer, an event),
// and stores the claim, or removes it once it is paid in full (its payslip is then paid).
// slip is the claim's payslip when the caller holds it (not yet stored), or nil.
func (k Keeper) payPart(ctx context.Context, l *ledger, p *companyPay, company, worker sdk.AccAddress, c *types.Claim, slip *types.Payslip) (math.Int, error) {
	gross, tax, net := c.Part(p.available())
	if !gross.IsPositive() {
		return gross, nil
	}
	l.pay(p, worker, net, tax)
	c.Pay(gross, tax, net)
	l.claimed, l.paid = l.claimed.Sub(gross), l.paid.Add(gross)
	id, err := modulekit.NextID(ctx, k.ClaimPaymentSeq)
	if err != nil {
		return gross, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	payment := types.ClaimPayment{
		Id: id, ClaimId: c.Id, PayslipId: c.PayslipId, Worker: c.Worker, Company: c.Company,
		Gross: gross, Tax: tax, Net: net, Owed: c.Owed(), Height: sdkCtx.BlockHeight(), Time: sdkCtx.BlockTime(),
	}
	if err := k.ClaimPayments.Set(ctx, collections.Join(worker, id), payment); err != nil {
		return gross, err
	}
	if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventClaimPaid{
		ClaimId: c.Id, PaymentId: id, Company: c.Company, Worker: c.Worker, Gross: gross, Tax: tax, Net: net, Owed: c.Owed(),
	}); err != nil {
		return gross, err
	}
	p.flows = append(p.flows, valueflowstypes.RSCTransfer(c.Company, c.Worker, net, valueflowstypes.Link("payroll/claim", c.Id), 0))
	if c.Owed().IsPositive() {
		return gross, k.Claims.Set(ctx, collections.Join(company, c.Id), *c)
	}
	if err := k.Claims.Remove(ctx, collections.Join(company, c.Id)); err != nil {
		return gross, err
	}
	if slip != nil { // a new payslip is never paid in full here: it became a claim for want of money
		return gross, nil
	}
	stored, err := k.Payslips.Get(ctx, collections.Join(worker, c.PayslipId))
	if err != nil { // stored with the claim: not finding it is a store error, reported as is
		return gross, err
	}
	stored.ClaimId, stored.PaidHeight = 0, sdkCtx.BlockHeight()
	sdkCtx.EventManager().EmitEvent(WorkPaidEvent(stored))
	if folded, err := k.foldPaidClaim(ctx, stored); folded || err != nil {
		return gross, err
	}
	if err := k.Payslips.Set(ctx, collections.Join(worker, stored.Id), stored); err != nil {
		return gross, err
	}
	// paid, it is folded in its turn (the fold may have passed it while it was owed)
	return gross, k.PayslipQueue.Set(ctx, collections.Join(stored.Id, worker))
}

// payArrived is the claims pass: the claims of the companies money reached are paid, at
// most limit payments. A company whose claims take more payments than the pass has left
// stays noted for the next block. Each company is paid in its own branch of the state: one
// that fails to pay (a bug) is logged and left noted, and the others are paid.
func (k Keeper) payArrived(ctx sdk.Context, limit int) error {
	var companies []sdk.AccAddress
	err := k.Arrived.Walk(ctx, nil, func(company sdk.AccAddress, _ math.Int) (bool, error) {
		companies = append(companies, company)
		return len(companies) >= limit, nil
	})
	if err != nil {
		return err
	}
	payments := 0
	for _, company := range companies {
		if payments >= limit {
			break
		}
		cache, write := ctx.CacheContext()
		l := k.newLedger()
		n, err := k.payClaims(cache, l, company, limit-payments)
		if err == nil {
			err = l.close(cache)
		}
		if err != nil {
			k.logger(ctx).Error("claims pass: company left for the next block", "company", company, "err", err)
			continue
		}
		write()
		payments += n
	}
	return nil
}
