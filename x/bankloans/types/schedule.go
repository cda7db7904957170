package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// year is the length of the year interest rates are quoted for.
const year = 365 * 24 * time.Hour

// PeriodRate is the interest rate of one installment period: annual x period / 365 days.
func PeriodRate(annual math.LegacyDec, period time.Duration) math.LegacyDec {
	return annual.MulInt64(int64(period / time.Second)).QuoInt64(int64(year / time.Second))
}

// InstallmentAmount is the equal installment that repays principal p in n installments at
// rate r a period, A = p r (1+r)^n / ((1+r)^n - 1) (p / n without interest), rounded up to
// the ursc; the last installment takes what is left, so it is at most A.
func InstallmentAmount(p math.Int, r math.LegacyDec, n uint32) math.Int {
	if r.IsZero() {
		return p.AddRaw(int64(n) - 1).QuoRaw(int64(n))
	}
	f := math.LegacyOneDec().Add(r).Power(uint64(n))
	return math.LegacyNewDecFromInt(p).Mul(r).Mul(f).Quo(f.Sub(math.LegacyOneDec())).Ceil().TruncateInt()
}

// Split is the next installment of a loan with remaining principal, installment a and rate
// r: interest = remaining x r rounded down (in the borrower's favour), principal = a -
// interest, or the remaining principal if that is less (the last installment).
func Split(remaining, a math.Int, r math.LegacyDec) (interest, principal math.Int) {
	interest = r.MulInt(remaining).TruncateInt()
	return interest, math.MinInt(a.Sub(interest), remaining)
}

// Schedule lists the installments that repay remaining, the first due at first, if each is
// paid when due (at most max of them).
func Schedule(remaining, a math.Int, r math.LegacyDec, first time.Time, period time.Duration, max int) []Installment {
	var out []Installment
	for n := 1; remaining.IsPositive() && n <= max; n++ {
		interest, principal := Split(remaining, a, r)
		remaining = remaining.Sub(principal)
		out = append(out, Installment{
			Number: uint32(n), Due: first.Add(time.Duration(n-1) * period),
			Interest: interest, Principal: principal, Total: interest.Add(principal), Remaining: remaining,
		})
	}
	return out
}

// Validate checks a product.
func (p Product) Validate() error {
	switch {
	case p.Name == "" || len(p.Name) > 64:
		return errorsmod.Wrapf(ErrInvalidProduct, "name %q must have 1 to 64 characters", p.Name)
	case p.MaxAmount.IsNil() || !p.MaxAmount.IsPositive():
		return errorsmod.Wrap(ErrInvalidProduct, "max amount must be positive")
	case p.MaxInstallments == 0 || p.MaxInstallments > 1200:
		return errorsmod.Wrap(ErrInvalidProduct, "max installments must be between 1 and 1200")
	case p.AnnualRate.IsNil() || p.AnnualRate.IsNegative() || p.AnnualRate.GT(math.LegacyNewDec(10)):
		return errorsmod.Wrap(ErrInvalidProduct, "annual rate must be between 0 and 10 (1000%)")
	case p.InstallmentPeriod < time.Minute:
		return errorsmod.Wrap(ErrInvalidProduct, "installment period must be at least a minute")
	case p.PenaltyRate.IsNil() || p.PenaltyRate.IsNegative() || p.PenaltyRate.GT(math.LegacyOneDec()):
		return errorsmod.Wrap(ErrInvalidProduct, "penalty rate must be between 0 and 1")
	case p.DefaultAfter == 0:
		return errorsmod.Wrap(ErrInvalidProduct, "default after must be at least one missed installment")
	}
	return nil
}

// Owed is what a loan's borrower owes now: arrears and the principal not yet due.
func (l Loan) Owed() math.Int {
	return l.ArrearsInterest.Add(l.ArrearsPrincipal).Add(l.Remaining)
}

// Arrears is what fell due and was not paid.
func (l Loan) Arrears() math.Int {
	return l.ArrearsInterest.Add(l.ArrearsPrincipal)
}

// OutstandingPrincipal is the principal not yet repaid: arrears and not yet due.
func (l Loan) OutstandingPrincipal() math.Int {
	return l.ArrearsPrincipal.Add(l.Remaining)
}

// Open tells whether the loan is disbursed and not closed.
func (s LoanStatus) Open() bool {
	return s == LOAN_STATUS_ACTIVE || s == LOAN_STATUS_DELINQUENT || s == LOAN_STATUS_DEFAULTED
}
