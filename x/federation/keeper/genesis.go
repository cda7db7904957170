package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/conductor-coop/conductor/x/federation/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// InitGenesis writes the directory, pools, contributions and spends with their indexes.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, r := range gs.Regions {
		if err := k.setRegion(ctx, r); err != nil {
			return err
		}
	}
	for _, p := range gs.Pools {
		if err := k.setPool(ctx, p); err != nil {
			return err
		}
	}
	for _, c := range gs.Contributions {
		if err := k.Contributions.Set(ctx, collections.Join(c.PoolId, c.ChainId), c); err != nil {
			return err
		}
	}
	for _, s := range gs.Spends {
		if err := k.setSpend(ctx, s); err != nil {
			return err
		}
	}
	return modulekit.SetNext(ctx, map[*collections.Sequence]uint64{&k.PoolSeq: gs.NextPoolId, &k.SpendSeq: gs.NextSpendId})
}

// ExportGenesis reads the module's state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Regions, err = modulekit.Values(ctx, k.Regions); err != nil {
		return nil, err
	}
	if gs.Pools, err = modulekit.Values(ctx, k.Pools); err != nil {
		return nil, err
	}
	if gs.Contributions, err = modulekit.Values(ctx, k.Contributions); err != nil {
		return nil, err
	}
	if gs.Spends, err = modulekit.Values(ctx, k.Spends); err != nil {
		return nil, err
	}
	pools, err := k.PoolSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	spends, err := k.SpendSeq.Peek(ctx)
	gs.NextPoolId, gs.NextSpendId = pools+1, spends+1
	return gs, err
}
