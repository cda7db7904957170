package keeper

import (
	"context"
	"fmt"
	"strconv"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/x/bankloans/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

func ursc(amount math.Int) sdk.Coins { return sdk.NewCoins(sdk.NewCoin(membershiptypes.Denom, amount)) }

// receipts gathers what payments brought in, per bank, so that each bank's portfolio is
// written once per batch of collections and the interest goes to the treasury in one
// transfer.
type receipts struct {
	banks                []string // in the order first seen: deterministic
	principal, interests map[string]math.Int
	interest             math.Int
}

func newReceipts() *receipts {
	return &receipts{principal: map[string]math.Int{}, interests: map[string]math.Int{}, interest: math.ZeroInt()}
}

func (rc *receipts) add(bank string, principal, interest math.Int) {
	if _, ok := rc.principal[bank]; !ok {
		rc.banks = append(rc.banks, bank)
		rc.principal[bank], rc.interests[bank] = math.ZeroInt(), math.ZeroInt()
	}
	rc.principal[bank] = rc.principal[bank].Add(principal)
	rc.interests[bank] = rc.interests[bank].Add(interest)
	rc.interest = rc.interest.Add(interest)
}

// book returns the principal received to each bank's capital, records the interest, and
// forwards the interest from the module account to the treasury, booked as its revenue.
func (k Keeper) book(ctx context.Context, rc *receipts) error {
	for _, bank := range rc.banks {
		principal, interest := rc.principal[bank], rc.interests[bank]
		if err := k.updatePortfolio(ctx, bank, func(p *types.Portfolio) {
			p.Capital = p.Capital.Add(principal)
			p.Outstanding = p.Outstanding.Sub(principal)
			p.InterestCollected = p.InterestCollected.Add(interest)
		}); err != nil {
			return err
		}
	}
	if !rc.interest.IsPositive() {
		return nil
	}
	return k.router.Pay(ctx, router.Payment{
		Route: router.Interest, From: authtypes.NewModuleAddress(types.ModuleName), Legs: router.To(authtypes.NewModuleAddress(k.treasury), rc.interest),
		Link: "bankloans/interest", Note: "the interest the bank collected, to the treasury",
	})
}

// take collects up to amount of what a loan owes from payer: arrears interest first, then
// arrears principal, then (prepay) the principal not yet due. All of it goes to the module
// account; rc books it (principal to the bank's capital, interest to the treasury).
func (k Keeper) take(ctx context.Context, l *types.Loan, payer sdk.AccAddress, amount math.Int, prepay bool, rc *receipts) (principal, interest math.Int, err error) {
	interest = math.MinInt(amount, l.ArrearsInterest)
	principal = math.MinInt(amount.Sub(interest), l.ArrearsPrincipal)
	prepaid := math.ZeroInt()
	if prepay {
		prepaid = math.MinInt(amount.Sub(interest).Sub(principal), l.Remaining)
	}
	total := interest.Add(principal).Add(prepaid)
	if !total.IsPositive() {
		return math.ZeroInt(), math.ZeroInt(), nil
	}
	l.ArrearsInterest = l.ArrearsInterest.Sub(interest)
	l.ArrearsPrincipal = l.ArrearsPrincipal.Sub(principal)
	l.Remaining = l.Remaining.Sub(prepaid)
	principal = principal.Add(prepaid)
	repay := valueflowstypes.RSCTransfer(payer.String(), l.Bank, total, valueflowstypes.Link("bankloans/loan", l.Id), 0)
	repay.Note = fmt.Sprintf("repayment: principal %s, interest %s (to the treasury)", principal, interest)
	if err := k.router.Pay(ctx, router.Payment{
		Route: router.Repayment, From: payer, Legs: router.To(k.router.Module(ctx, types.ModuleName), total),
		Record: func(ctx context.Context) error { _, err := k.flows.Record(ctx, repay); return err },
	}); err != nil {
		return principal, interest, err
	}
	l.PrincipalPaid = l.PrincipalPaid.Add(principal)
	l.InterestPaid = l.InterestPaid.Add(interest)
	rc.add(l.Bank, principal, interest)
	return principal, interest, nil
}

// setStatus moves a loan to status, keeping the bank's counts of active and defaulted loans.
func (k Keeper) setStatus(ctx context.Context, l *types.Loan, status types.LoanStatus) error {
	if l.Status == status {
		return nil
	}
	counts := func(s types.LoanStatus) (active, defaulted int64) {
		switch s {
		case types.LOAN_STATUS_ACTIVE, types.LOAN_STATUS_DELINQUENT:
			return 1, 0
		case types.LOAN_STATUS_DEFAULTED:
			return 0, 1
		}
		return 0, 0
	}
	oldActive, oldDefaulted := counts(l.Status)
	newActive, newDefaulted := counts(status)
	l.Status = status
	if !status.Open() || status == types.LOAN_STATUS_DEFAULTED {
		l.NextDue = nil
	}
	if err := k.updatePortfolio(ctx, l.Bank, func(p *types.Portfolio) {
		p.ActiveLoans = uint64(int64(p.ActiveLoans) + newActive - oldActive)
		p.DefaultedLoans = uint64(int64(p.DefaultedLoans) + newDefaulted - oldDefaulted)
	}); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventLoanStatus{LoanId: l.Id, Borrower: l.Borrower, Status: status})
}

// settleStatus sets the status that follows from what the loan owes: repaid when nothing,
// active when no arrears (a defaulted loan stays defaulted until repaid).
func (k Keeper) settleStatus(ctx context.Context, l *types.Loan) error {
	switch {
	case l.Owed().IsZero():
		return k.setStatus(ctx, l, types.LOAN_STATUS_REPAID)
	case l.Status == types.LOAN_STATUS_DELINQUENT && l.ArrearsInterest.IsZero() && l.ArrearsPrincipal.IsZero():
		return k.setStatus(ctx, l, types.LOAN_STATUS_ACTIVE)
	}
	return nil
}

// collect runs a loan's due date: the penalty on arrears still unpaid, then the installment
// falls due (it joins the arrears), and the borrower pays what it owes now, arrears first,
// as far as its funds go (a company that owes wages pays them first: nothing is taken).
// An installment not paid in full is missed: the loan is delinquent, and defaults after
// default_after misses. rc books what was collected.
func (k Keeper) collect(ctx context.Context, l *types.Loan, rc *receipts) error {
	borrower, err := k.address(l.Borrower, "borrower")
	if err != nil {
		return err
	}
	if arrears := l.ArrearsInterest.Add(l.ArrearsPrincipal); arrears.IsPositive() {
		l.ArrearsInterest = l.ArrearsInterest.Add(l.PenaltyRate.MulInt(arrears).TruncateInt())
	}
	interest, principal := types.Split(l.Remaining, l.Installment, l.PeriodRate)
	l.Remaining = l.Remaining.Sub(principal)
	l.ArrearsInterest = l.ArrearsInterest.Add(interest)
	l.ArrearsPrincipal = l.ArrearsPrincipal.Add(principal)
	l.DueCount++
	due := l.ArrearsInterest.Add(l.ArrearsPrincipal)
	available := k.bank.SpendableCoin(ctx, borrower, membershiptypes.Denom).Amount
	owes, err := k.payroll.OwesWages(ctx, borrower)
	if err != nil {
		return err
	}
	if owes {
		available = math.ZeroInt()
	}
	paidPrincipal, paidInterest, err := k.take(ctx, l, borrower, math.MinInt(available, due), false, rc)
	if err != nil {
		return err
	}
	if err := k.record(ctx, l, types.Payment{Kind: types.PAYMENT_KIND_INSTALLMENT, Principal: paidPrincipal, Interest: paidInterest, Due: due}); err != nil {
		return err
	}
	next := l.NextDue.Add(l.InstallmentPeriod)
	l.NextDue = &next
	if l.ArrearsInterest.IsPositive() || l.ArrearsPrincipal.IsPositive() {
		l.Missed++
		status := types.LOAN_STATUS_DELINQUENT
		if l.Missed >= l.DefaultAfter {
			status = types.LOAN_STATUS_DEFAULTED
		}
		if err := k.setStatus(ctx, l, status); err != nil {
			return err
		}
	} else if err := k.settleStatus(ctx, l); err != nil {
		return err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(PaymentEvent(*l, types.PAYMENT_KIND_INSTALLMENT, paidPrincipal, paidInterest))
	return nil
}

// PaymentEvent is types.EventLoanPayment as an ABCI event, exactly as EmitTypedEvent would
// encode it (clients parse it with sdk.ParseTypedEvent), built without JSON reflection:
// the collection run emits one per installment.
func PaymentEvent(l types.Loan, kind types.PaymentKind, principal, interest math.Int) sdk.Event {
	q := func(s string) string { return `"` + s + `"` }
	return sdk.NewEvent("conductor.bankloans.v1.EventLoanPayment",
		sdk.NewAttribute("borrower", q(l.Borrower)),
		sdk.NewAttribute("interest", q(interest.String())),
		sdk.NewAttribute("kind", q(kind.String())),
		sdk.NewAttribute("loan_id", q(strconv.FormatUint(l.Id, 10))),
		sdk.NewAttribute("principal", q(principal.String())),
		sdk.NewAttribute("status", q(l.Status.String())),
	)
}

// writeOff closes a loan with what it still owes written off: its principal leaves the
// bank's outstanding for its written-off total; unpaid interest was never capital.
func (k Keeper) writeOff(ctx context.Context, l *types.Loan, status types.LoanStatus) error {
	lost := l.OutstandingPrincipal()
	l.WrittenOff = l.WrittenOff.Add(lost)
	l.Remaining, l.ArrearsPrincipal, l.ArrearsInterest = math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	if err := k.updatePortfolio(ctx, l.Bank, func(p *types.Portfolio) {
		p.Outstanding = p.Outstanding.Sub(lost)
		p.WrittenOff = p.WrittenOff.Add(lost)
	}); err != nil {
		return err
	}
	if err := k.record(ctx, l, types.Payment{Kind: types.PAYMENT_KIND_WRITE_OFF, Principal: lost, Interest: math.ZeroInt(), Due: math.ZeroInt()}); err != nil {
		return err
	}
	return k.setStatus(ctx, l, status)
}
