package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// NewStatement is the empty statement of a loan's folded payments.
func NewStatement(l Loan) Statement {
	return Statement{LoanId: l.Id, Borrower: l.Borrower}
}

// Add folds payment p into the statement: exactly, by kind. Payments may be folded in any
// order (a chain restarted from an export stamps its first block with the genesis time).
func (s *Statement) Add(p Payment) {
	if p.Time.After(s.LastTime) {
		s.LastTime = p.Time
	}
	var line *StatementLine
	for i := range s.Lines {
		if s.Lines[i].Kind == p.Kind {
			line = &s.Lines[i]
		}
	}
	if line == nil {
		s.Lines = append(s.Lines, StatementLine{Kind: p.Kind, Principal: math.ZeroInt(), Interest: math.ZeroInt()})
		line = &s.Lines[len(s.Lines)-1]
	}
	line.Payments++
	line.Principal = line.Principal.Add(p.Principal)
	line.Interest = line.Interest.Add(p.Interest)
	if p.Missed() {
		line.Missed++
	}
}

// Missed reports whether p is an installment not paid in full.
func (p Payment) Missed() bool {
	return p.Kind == PAYMENT_KIND_INSTALLMENT && p.Principal.Add(p.Interest).LT(p.Due)
}

// Folded is how many payments the statement folds: its lines' payments.
func (s Statement) Folded() uint64 {
	n := uint64(0)
	for _, line := range s.Lines {
		n += line.Payments
	}
	return n
}

// Validate checks a statement: a loan, payments folded, each kind once, no negative sums.
func (s Statement) Validate() error {
	if s.LoanId == 0 || len(s.Lines) == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "statement of loan %d folds no payments", s.LoanId)
	}
	kinds := map[PaymentKind]bool{}
	for _, line := range s.Lines {
		if kinds[line.Kind] || line.Payments == 0 || line.Missed > line.Payments ||
			line.Principal.IsNil() || line.Principal.IsNegative() || line.Interest.IsNil() || line.Interest.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of loan %d: line of kind %s", s.LoanId, line.Kind)
		}
		kinds[line.Kind] = true
	}
	return nil
}

// Paid sums a loan's payments, folded and listed, to check them against the loan.
type Paid struct {
	Payments                        uint64
	Principal, Interest, WrittenOff math.Int
}

// NewPaid is nothing paid.
func NewPaid() *Paid {
	return &Paid{Principal: math.ZeroInt(), Interest: math.ZeroInt(), WrittenOff: math.ZeroInt()}
}

// Add counts n payments of kind with their principal and interest: what was paid (an
// installment, repayment or bankruptcy share) or written off; a disbursement pays nothing.
func (p *Paid) Add(kind PaymentKind, n uint64, principal, interest math.Int) {
	p.Payments += n
	switch kind {
	case PAYMENT_KIND_WRITE_OFF:
		p.WrittenOff = p.WrittenOff.Add(principal)
	case PAYMENT_KIND_DISBURSEMENT:
	default:
		p.Principal, p.Interest = p.Principal.Add(principal), p.Interest.Add(interest)
	}
}

// AddStatement counts a statement's folded payments.
func (p *Paid) AddStatement(s Statement) {
	for _, line := range s.Lines {
		p.Add(line.Kind, line.Payments, line.Principal, line.Interest)
	}
}

// Matches says how the payments differ from the loan's history length and its running
// totals (principal and interest paid, principal written off), or "" if they do not.
func (p Paid) Matches(l Loan) string {
	switch {
	case p.Payments != l.HistoryLen:
		return fmt.Sprintf("loan %d: %d payments folded and listed, history_len %d", l.Id, p.Payments, l.HistoryLen)
	case !p.Principal.Equal(l.PrincipalPaid) || !p.Interest.Equal(l.InterestPaid) || !p.WrittenOff.Equal(l.WrittenOff):
		return fmt.Sprintf("loan %d: payments sum to principal %s, interest %s, written off %s; the loan says %s, %s, %s",
			l.Id, p.Principal, p.Interest, p.WrittenOff, l.PrincipalPaid, l.InterestPaid, l.WrittenOff)
	}
	return ""
}
