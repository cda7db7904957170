package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// DefaultGenesis has no occupations: the assembly defines them.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		NextOccupationId: 1, NextJobId: 1, NextEmploymentId: 1, NextTimesheetId: 1, NextPayslipId: 1, NextClaimId: 1,
		Totals: Totals{Earned: math.ZeroInt(), Paid: math.ZeroInt(), Claimed: math.ZeroInt()},
	}
}

// Validate checks the genesis state.
func (gs GenesisState) Validate() error {
	for _, o := range gs.Occupations {
		if err := o.Validate(); err != nil {
			return err
		}
		if o.Id == 0 || o.Id >= gs.NextOccupationId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "occupation id %d outside [1,%d)", o.Id, gs.NextOccupationId)
		}
	}
	t := gs.Totals
	if t.Earned.IsNil() || t.Paid.IsNil() || t.Claimed.IsNil() || !t.Paid.Add(t.Claimed).Equal(t.Earned) {
		return errorsmod.Wrap(ErrInvalidGenesis, "totals must have earned = paid + claimed")
	}
	claimed := math.ZeroInt()
	for _, c := range gs.Claims {
		claimed = claimed.Add(c.Gross)
	}
	if !claimed.Equal(t.Claimed) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "claims sum to %s, totals say %s", claimed, t.Claimed)
	}
	return nil
}
