package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// NewStatement is the empty statement of slip's employment and month.
func NewStatement(slip Payslip) Statement {
	return Statement{
		Worker: slip.Worker, Month: modulekit.Month(slip.PeriodStart), EmploymentId: slip.EmploymentId,
		Company: slip.Company, OccupationId: slip.OccupationId, Hours: math.LegacyZeroDec(),
		Gross: math.ZeroInt(), Tax: math.ZeroInt(), Net: math.ZeroInt(), Claimed: math.ZeroInt(),
	}
}

// Validate checks a statement's sums: a month yyyymm, at least one payslip, gross = net +
// tax, and claims within the gross.
func (s Statement) Validate() error {
	if m := s.Month % 100; m < 1 || m > 12 || s.Month < 100 || s.Payslips == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "month %d or no payslips", s.Month)
	}
	for _, v := range []math.Int{s.Gross, s.Tax, s.Net, s.Claimed} {
		if v.IsNil() || v.IsNegative() {
			return errorsmod.Wrap(ErrInvalidGenesis, "a negative or missing amount")
		}
	}
	if s.Hours.IsNil() || s.Hours.IsNegative() || !s.Net.Add(s.Tax).Equal(s.Gross) || s.Claimed.GT(s.Gross) {
		return errorsmod.Wrap(ErrInvalidGenesis, "gross must be net + tax, claims within it")
	}
	return nil
}

// Add folds slip into the statement: its time, hours and pay, exactly.
func (s *Statement) Add(slip Payslip) {
	s.Payslips++
	s.SecondsWorked += slip.SecondsWorked
	s.Hours = s.Hours.Add(slip.Hours)
	s.Gross = s.Gross.Add(slip.Gross)
	s.Tax = s.Tax.Add(slip.Tax)
	s.Net = s.Net.Add(slip.Net)
	if slip.Claimed {
		s.Claimed = s.Claimed.Add(slip.Gross)
	}
}
