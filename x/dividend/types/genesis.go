package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis is a new region's: the module opens period 1 at genesis.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks the periods (numbered 1.. with one open, the last) and the members.
func (gs GenesisState) Validate() error {
	for i, p := range gs.Periods {
		if p.Number != uint64(i+1) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d at position %d", p.Number, i+1)
		}
		if (p.End == nil) != (i == len(gs.Periods)-1) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "only the last period is open (period %d)", p.Number)
		}
		if p.DividendShare.IsNil() || p.DividendShare.IsNegative() || p.DividendShare.GT(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d: dividend share %s not in [0, 1]", p.Number, p.DividendShare)
		}
	}
	seen := map[string]bool{}
	for _, m := range gs.Members {
		if _, err := sdk.AccAddressFromBech32(m.Address); err != nil || seen[m.Address] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member %q invalid or twice", m.Address)
		}
		seen[m.Address] = true
		if len(gs.Periods) > 0 && m.SettledThrough >= uint64(len(gs.Periods)) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member %s settled through a period not closed", m.Address)
		}
	}
	return nil
}
