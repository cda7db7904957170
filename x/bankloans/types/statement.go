package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// NewStatement is the empty statement of a loan's folded payments.
func NewStatement(l Loan) Statement {
	return Statement{LoanId: l.Id, Borrower: l.Borrower}
}

// Add folds payment p, the loan's next, into the statement: exactly, by kind.
func (s *Statement) Add(p Payment) {
	s.ThroughSeq, s.ThroughTime = p.Seq, p.Time
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

// Validate checks a statement: a loan, payments folded, each kind once, no negative sums.
func (s Statement) Validate() error {
	if s.LoanId == 0 || s.ThroughSeq == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "statement of loan %d through payment %d", s.LoanId, s.ThroughSeq)
	}
	kinds, payments := map[PaymentKind]bool{}, uint64(0)
	for _, line := range s.Lines {
		if kinds[line.Kind] || line.Payments == 0 || line.Missed > line.Payments ||
			line.Principal.IsNil() || line.Principal.IsNegative() || line.Interest.IsNil() || line.Interest.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of loan %d: line of kind %s", s.LoanId, line.Kind)
		}
		kinds[line.Kind], payments = true, payments+line.Payments
	}
	if payments != s.ThroughSeq {
		return errorsmod.Wrapf(ErrInvalidGenesis, "statement of loan %d folds %d payments, through payment %d", s.LoanId, payments, s.ThroughSeq)
	}
	return nil
}
