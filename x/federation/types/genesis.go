package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis is an empty directory and no pools.
func DefaultGenesis() *GenesisState {
	return &GenesisState{NextPoolId: 1, NextSpendId: 1}
}

// Validate checks the directory (names, chain ids and channels unique), pools, contributions
// and spends.
func (gs GenesisState) Validate() error {
	if gs.NextPoolId == 0 || gs.NextSpendId == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next ids start at 1: pool %d, spend %d", gs.NextPoolId, gs.NextSpendId)
	}
	seen := map[string]bool{}
	for _, r := range gs.Regions {
		if err := r.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "region %q: %s", r.Name, err)
		}
		for _, key := range []string{"name " + r.Name, "chain " + r.ChainId, "channel " + r.ChannelId} {
			if seen[key] {
				return errorsmod.Wrapf(ErrInvalidGenesis, "two regions with %s", key)
			}
			seen[key] = true
		}
	}
	pools := map[uint64]bool{}
	for _, p := range gs.Pools {
		if p.Id == 0 || p.Id >= gs.NextPoolId || pools[p.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool id %d", p.Id)
		}
		pools[p.Id] = true
		if err := ValidatePool(p.Name, p.Purpose); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: %s", p.Id, err)
		}
		if _, err := sdk.AccAddressFromBech32(p.Address); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d address: %s", p.Id, err)
		}
	}
	for _, c := range gs.Contributions {
		if !pools[c.PoolId] || c.ChainId == "" || !c.Amount.IsValid() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "contribution of %q to pool %d", c.ChainId, c.PoolId)
		}
	}
	for _, s := range gs.Spends {
		if s.Id == 0 || s.Id >= gs.NextSpendId || !pools[s.PoolId] || !s.Amount.IsValid() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "spend %d", s.Id)
		}
	}
	return nil
}
