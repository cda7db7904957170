package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultAssemblyConfig: more than half of all members, a three-day vote.
func DefaultAssemblyConfig() AssemblyConfig {
	return AssemblyConfig{
		Percentage:   math.LegacyMustNewDecFromStr("0.500000000000000001"),
		VotingPeriod: 72 * time.Hour,
	}
}

// DefaultGenesis has no members: a region's genesis must list its founding members.
func DefaultGenesis() *GenesisState {
	return &GenesisState{AssemblyConfig: DefaultAssemblyConfig()}
}

// Validate checks the genesis state without a store.
func (gs GenesisState) Validate() error {
	c := gs.AssemblyConfig
	if c.Percentage.IsNil() || !c.Percentage.IsPositive() || c.Percentage.GT(math.LegacyOneDec()) {
		return errorsmod.Wrap(ErrInvalidGenesis, "assembly percentage must be in (0,1]")
	}
	if c.VotingPeriod <= 0 || c.MinExecutionPeriod < 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "assembly voting period must be positive")
	}
	seen := map[string]bool{}
	for _, a := range gs.Agents {
		if _, err := sdk.AccAddressFromBech32(a.Address); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agent %q: %s", a.Address, err)
		}
		if seen[a.Address] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agent %s listed twice", a.Address)
		}
		seen[a.Address] = true
		if _, ok := AgentKind_name[int32(a.Kind)]; !ok || a.Kind == AGENT_KIND_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agent %s has no kind", a.Address)
		}
		if a.Member && a.Kind != AGENT_KIND_PERSON {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agent %s: only persons are members", a.Address)
		}
		if a.SinceHeight < 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agent %s: negative since_height", a.Address)
		}
		if a.Kind == AGENT_KIND_PERSON {
			// a person, member or not: no group; a display name only if they gave one
			if a.GroupId != 0 {
				return errorsmod.Wrapf(ErrInvalidGenesis, "person %s has a group", a.Address)
			}
			if a.Name != "" {
				if err := ValidateName(a.Name); err != nil {
					return errorsmod.Wrapf(ErrInvalidGenesis, "person %s: %s", a.Address, err)
				}
			}
		}
	}
	return nil
}
