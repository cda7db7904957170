package types

import (
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"
)

// maxReason bounds a subsidy's reason.
const maxReason = 256

// ValidateBasic checks a subsidy's amount and reason when it is submitted (a proposal that
// carries a bad one is refused at submission).
func (m *MsgSubsidize) ValidateBasic() error {
	if m.Amount.IsNil() || !m.Amount.IsPositive() {
		return errorsmod.Wrap(ErrInvalidSubsidy, "the amount must be positive")
	}
	if n := utf8.RuneCountInString(m.Reason); n == 0 || n > maxReason {
		return errorsmod.Wrapf(ErrInvalidSubsidy, "the reason has %d characters", n)
	}
	return nil
}
