package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// year is the year the operating cost is given for.
const year = 365 * 24 * time.Hour

// Tuition is what a student pays a term: tuition_share x yearly cost / capacity, for the
// term's share of a year, rounded down (in the student's favour).
func (p Program) Tuition(share math.LegacyDec) math.Int {
	if p.Capacity == 0 {
		return math.ZeroInt()
	}
	return share.MulInt(p.YearlyCost).MulInt64(int64(p.Term / time.Second)).
		QuoInt64(int64(p.Capacity)).QuoInt64(int64(year / time.Second)).TruncateInt()
}

// Validate checks a program.
func (p Program) Validate() error {
	switch {
	case p.Name == "" || len(p.Name) > 64:
		return errorsmod.Wrapf(ErrInvalidProgram, "name %q must have 1 to 64 characters", p.Name)
	case p.Capacity == 0:
		return errorsmod.Wrap(ErrInvalidProgram, "capacity must be positive")
	case p.YearlyCost.IsNil() || p.YearlyCost.IsNegative():
		return errorsmod.Wrap(ErrInvalidProgram, "the operating cost must not be negative")
	case p.Term < time.Hour:
		return errorsmod.Wrap(ErrInvalidProgram, "a term lasts at least an hour")
	case p.Terms == 0:
		return errorsmod.Wrap(ErrInvalidProgram, "a program lasts at least one term")
	}
	return nil
}

// ValidateBasic checks the program as soon as the message is submitted: a proposal that
// carries an invalid program (a term shorter than an hour, no seats, ...) is refused at
// submission, not when it executes.
func (m *MsgSetProgram) ValidateBasic() error { return m.Program.Validate() }
