package keeper

import (
	"context"
	"sort"
	"strconv"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// workedByPeriod returns the time (in nanoseconds) e worked in [e.PaidThrough, through), per pay period
// (keyed by the period's start), and the closed intervals still to be paid after through.
// An open shift counts for its part inside the window and stays open.
func workedByPeriod(e types.Employment, through time.Time, period time.Duration) (map[time.Time]int64, []types.Interval) {
	worked := map[time.Time]int64{}
	add := func(start, end time.Time) {
		if start.Before(e.PaidThrough) {
			start = e.PaidThrough
		}
		if end.After(through) {
			end = through
		}
		for start.Before(end) {
			p := start.Truncate(period)
			stop := p.Add(period)
			if stop.After(end) {
				stop = end
			}
			worked[p] += int64(stop.Sub(start))
			start = stop
		}
	}
	var keep []types.Interval
	for _, iv := range e.Intervals {
		add(iv.Start, iv.End)
		if iv.End.After(through) {
			start := iv.Start
			if start.Before(through) {
				start = through
			}
			keep = append(keep, types.Interval{Start: start, End: iv.End})
		}
	}
	if e.ClockedInAt != nil {
		add(*e.ClockedInAt, through)
	}
	return worked, keep
}

// settle pays, period by period, the work e did before through (a period boundary, or the
// end of the employment), and moves e.PaidThrough to through; the tax and totals go to the
// ledger. It returns the number of payments made (wages and claims), which count against
// the block's payout limit.
func (k Keeper) settle(ctx context.Context, l *ledger, e *types.Employment, through time.Time, params gptypes.Params) (int, error) {
	if !through.After(e.PaidThrough) {
		return 0, nil
	}
	worked, keep := workedByPeriod(*e, through, params.PayPeriod)
	periods := make([]time.Time, 0, len(worked))
	for p := range worked {
		periods = append(periods, p)
	}
	sort.Slice(periods, func(i, j int) bool { return periods[i].Before(periods[j]) })
	payments := 0
	company, err := k.address(e.Company, "company")
	if err != nil {
		return 0, err
	}
	if len(periods) > 0 {
		n, err := k.payClaims(ctx, l, company, int(params.MaxPayoutsPerBlock))
		if err != nil {
			return payments, err
		}
		payments += n
	}
	for _, p := range periods {
		end := p.Add(params.PayPeriod)
		if end.After(through) {
			end = through
		}
		paid, err := k.weekAllows(ctx, e, p, time.Duration(worked[p]))
		if err != nil {
			return payments, err
		}
		rate, err := l.taxRate(ctx, p)
		if err != nil {
			return payments, err
		}
		hours := math.LegacyNewDec(int64(paid)).QuoInt64(int64(time.Hour))
		gross, tax, net, carry := types.Pay(e.Wage, hours, e.Carry, rate)
		e.Carry = carry
		if gross.IsZero() {
			continue
		}
		slip := types.Payslip{
			Worker: e.Worker, Company: e.Company, EmploymentId: e.Id, OccupationId: e.OccupationId,
			PeriodStart: p, PeriodEnd: end, SecondsWorked: uint64(paid / time.Second),
			Hours: hours, Wage: e.Wage, Gross: gross, Tax: tax, Net: net,
		}
		if err := k.payOrClaim(ctx, l, company, &slip); err != nil {
			return payments, err
		}
		payments++
	}
	e.Intervals = keep
	e.PaidThrough = through
	return payments, nil
}

// weekAllows is the part of worked (e's work in the period starting at p) that the job's
// hours_per_week leave to pay in p's week, and counts it as paid in that week; the rest is
// reported (EventHoursOverWeek) and not paid: the job promised no more hours. Recording
// work refuses what would exceed the week, so only an open shift can run past it.
func (k Keeper) weekAllows(ctx context.Context, e *types.Employment, p time.Time, worked time.Duration) (time.Duration, error) {
	if w := types.WeekOf(p); !w.Equal(e.WeekStart) {
		e.WeekStart, e.WeekPaid = w, 0
	}
	paid := min(worked, max(e.WeekCap()-e.WeekPaid, 0))
	e.WeekPaid += paid
	if paid == worked {
		return paid, nil
	}
	return paid, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventHoursOverWeek{
		EmploymentId: e.Id, Worker: e.Worker, Company: e.Company, HoursPerWeek: e.HoursPerWeek,
		SecondsUnpaid: uint64((worked - paid) / time.Second),
	})
}

// payOrClaim pays a payslip from the company (net to the worker now, tax to the treasury
// when the ledger closes) or, if the company owes older claims or cannot pay it in full,
// records the gross as a wage claim; a claim that is the company's only one at once takes
// what the company has. Either way the payslip is stored and counted as earned.
func (k Keeper) payOrClaim(ctx context.Context, l *ledger, company sdk.AccAddress, slip *types.Payslip) error {
	var err error
	if slip.Id, err = l.nextPayslipID(ctx); err != nil {
		return err
	}
	l.earned = l.earned.Add(slip.Gross)
	p, err := l.company(ctx, company)
	if err != nil {
		return err
	}
	p.earned = p.earned.Add(slip.Gross)
	worker, err := k.address(slip.Worker, "worker")
	if err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if !p.indebted && p.available().GTE(slip.Gross) {
		l.pay(p, worker, slip.Net, slip.Tax)
		slip.PaidHeight = sdkCtx.BlockHeight()
		l.paid = l.paid.Add(slip.Gross)
	} else if err := k.claim(ctx, l, p, company, worker, slip); err != nil {
		return err
	}
	if err := k.Payslips.Set(ctx, collections.Join(worker, slip.Id), *slip); err != nil {
		return err
	}
	if slip.ClaimId == 0 { // an owed payslip is queued when its claim is paid
		if err := k.PayslipQueue.Set(ctx, collections.Join(slip.Id, worker)); err != nil {
			return err
		}
	}
	if slip.ClaimId == 0 { // paid: its work event records the wage paid with the batch
		p.flows = append(p.flows, WorkEvent(*slip))
	} else if _, err := k.flows.Record(ctx, WorkEvent(*slip)); err != nil {
		return err
	}
	if slip.ClaimId == 0 {
		sdkCtx.EventManager().EmitEvent(WorkPaidEvent(*slip))
	}
	return nil
}

// WorkEvent is the ValueFlows work event of a payslip: the worker's hours in the
// occupation, for the company, at the wage; its value is the gross earned (paid, or owed as
// a claim).
func WorkEvent(slip types.Payslip) valueflowstypes.EconomicEvent {
	note := "paid"
	if slip.ClaimId != 0 {
		note = "owed: " + valueflowstypes.Link("payroll/claim", slip.ClaimId)
	}
	return valueflowstypes.EconomicEvent{
		Action: valueflowstypes.ACTION_WORK, Provider: slip.Worker, Receiver: slip.Company, SpecId: valueflowstypes.SpecLabour,
		Quantity: slip.Hours, Unit: "hour", OccupationId: slip.OccupationId, Wage: slip.Wage,
		Value: math.LegacyNewDecFromInt(slip.Gross), Link: valueflowstypes.Link("payroll/payslip", slip.Id), Note: note,
	}
}

// WorkPaidEvent is types.EventWorkPaid of a payslip as an ABCI event, exactly as
// EmitTypedEvent would encode it (clients parse it with sdk.ParseTypedEvent), built without
// JSON reflection: the pay run emits one per payment.
func WorkPaidEvent(slip types.Payslip) sdk.Event {
	q := func(s string) string { return `"` + s + `"` }
	return sdk.NewEvent("conductor.payroll.v1.EventWorkPaid",
		sdk.NewAttribute("company", q(slip.Company)),
		sdk.NewAttribute("gross", q(slip.Gross.String())),
		sdk.NewAttribute("hours", q(slip.Hours.String())),
		sdk.NewAttribute("net", q(slip.Net.String())),
		sdk.NewAttribute("occupation_id", q(strconv.FormatUint(slip.OccupationId, 10))),
		sdk.NewAttribute("payslip_id", q(strconv.FormatUint(slip.Id, 10))),
		sdk.NewAttribute("tax", q(slip.Tax.String())),
		sdk.NewAttribute("wage", q(slip.Wage.String())),
		sdk.NewAttribute("worker", q(slip.Worker)),
	)
}

// ledger gathers what a batch of settlements moves, so that each company pays its workers'
// net wages and its income tax in one transfer when the ledger closes (its balance is
// written once per batch, not once per worker), payslip ids come from one read and one write
// of their sequence, and the wage totals are written once.
type ledger struct {
	k                     Keeper
	owed                  map[string]*companyPay
	companies             []sdk.AccAddress // in the order first seen: deterministic
	earned, paid, claimed math.Int
	lastPayslip           uint64
	payslipsLoaded        bool
	taxRates              map[time.Time]math.LegacyDec // by period start
}

// companyPay is what one company pays in a batch; spendable is its balance when the batch
// first met it (the batch's payments leave it only when the ledger closes); earned is the
// gross its workers earned in the batch, booked as its wage costs; indebted tells whether it
// owes wage claims (kept in step with the Indebted index as the batch pays and records them).
type companyPay struct {
	spendable, total, tax, earned math.Int
	legs                          []router.Leg
	// flows are the value flows of the batch's payments: the work events of the payslips
	// paid and the transfers of the claims paid.
	flows    []valueflowstypes.EconomicEvent
	indebted bool
}

// available is what the company can still pay in the batch.
func (p *companyPay) available() math.Int { return p.spendable.Sub(p.total) }

func (k Keeper) newLedger() *ledger {
	return &ledger{k: k, owed: map[string]*companyPay{}, earned: math.ZeroInt(), paid: math.ZeroInt(), claimed: math.ZeroInt(), taxRates: map[time.Time]math.LegacyDec{}}
}

// taxRate is the income tax rate of the pay period starting at p: the one in force when the
// period opened, so that a rate the assembly changes applies from the next period (read
// from the parameters' change record once per period a batch meets).
func (l *ledger) taxRate(ctx context.Context, p time.Time) (math.LegacyDec, error) {
	if rate, ok := l.taxRates[p]; ok {
		return rate, nil
	}
	params, err := l.k.params.ParamsAt(ctx, p)
	if err != nil {
		return math.LegacyDec{}, err
	}
	l.taxRates[p] = params.IncomeTaxRate
	return params.IncomeTaxRate, nil
}

// nextPayslipID hands out payslip ids; close writes the sequence back.
func (l *ledger) nextPayslipID(ctx context.Context) (uint64, error) {
	if !l.payslipsLoaded {
		last, err := l.k.PayslipSeq.Peek(ctx)
		if err != nil {
			return 0, err
		}
		l.lastPayslip, l.payslipsLoaded = last, true
	}
	l.lastPayslip++
	return l.lastPayslip, nil
}

// company returns the company's entry, reading its balance and whether it owes claims the
// first time.
func (l *ledger) company(ctx context.Context, company sdk.AccAddress) (*companyPay, error) {
	if p, ok := l.owed[string(company)]; ok {
		return p, nil
	}
	indebted, err := l.k.Indebted.Has(ctx, company)
	if err != nil {
		return nil, err
	}
	spendable := l.k.bank.SpendableCoin(ctx, company, membershiptypes.Denom).Amount
	p := &companyPay{spendable: spendable, total: math.ZeroInt(), tax: math.ZeroInt(), earned: math.ZeroInt(), indebted: indebted}
	l.owed[string(company)] = p
	l.companies = append(l.companies, company)
	return p, nil
}

// pay books net for the worker and tax for the treasury, paid when the ledger closes.
func (l *ledger) pay(p *companyPay, worker sdk.AccAddress, net, tax math.Int) {
	p.total = p.total.Add(net).Add(tax)
	p.tax = p.tax.Add(tax)
	if net.IsPositive() {
		p.legs = append(p.legs, router.Leg{To: worker, Amount: net})
	}
}

// close makes each company's transfer (the payroll route of the RSC rule): its workers' net
// wages and its income tax to the treasury, booked as the treasury's revenue; it books the
// wages earned as the company's costs and adds the batch to the wage totals.
func (l *ledger) close(ctx context.Context) error {
	for _, company := range l.companies {
		p := l.owed[string(company)]
		if err := l.k.costs.BookWages(ctx, company, p.earned); err != nil {
			return err
		}
		if err := l.k.router.Pay(ctx, router.Payment{
			Route: router.Wage, From: company, Legs: append(p.legs, router.Leg{Route: router.IncomeTax, To: l.k.treasury, Amount: p.tax}),
			Record: func(ctx context.Context) error { return l.k.recordPay(ctx, company, p) },
		}); err != nil {
			return err
		}
		if !p.total.IsPositive() { // nothing moved: the work is recorded all the same
			if err := l.k.recordPay(ctx, company, p); err != nil {
				return err
			}
		}
	}
	if l.payslipsLoaded {
		if err := l.k.PayslipSeq.Set(ctx, l.lastPayslip); err != nil {
			return err
		}
	}
	totals, err := l.k.Totals.Get(ctx)
	if err != nil {
		return err
	}
	totals.Earned = totals.Earned.Add(l.earned)
	totals.Paid = totals.Paid.Add(l.paid)
	totals.Claimed = totals.Claimed.Add(l.claimed)
	return l.k.Totals.Set(ctx, totals)
}

// recordPay records the value flows of a company's pay in a batch: the work of the payslips
// paid, the claims paid and the income tax.
func (k Keeper) recordPay(ctx context.Context, company sdk.AccAddress, p *companyPay) error {
	for _, e := range p.flows {
		if _, err := k.flows.Record(ctx, e); err != nil {
			return err
		}
	}
	if !p.tax.IsPositive() {
		return nil
	}
	_, err := k.flows.Record(ctx, valueflowstypes.RSCTransfer(company.String(), k.treasury.String(), p.tax, "payroll/income-tax", 0))
	return err
}
