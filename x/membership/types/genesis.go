package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis has no members: a region's genesis must list its founding members.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks the genesis state without a store.
func (gs GenesisState) Validate() error {
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
