package keeper

import (
	"context"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

// InitGenesis sets the parameters and the record of past changes.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, c := range gs.Changes {
		if err := k.Changes.Set(ctx, c.Id, c); err != nil {
			return err
		}
	}
	return k.ChangeSeq.Set(ctx, uint64(len(gs.Changes)))
}

// ExportGenesis writes the parameters and every recorded change.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	err = k.Changes.Walk(ctx, nil, func(_ uint64, c types.ParamChange) (bool, error) {
		gs.Changes = append(gs.Changes, c)
		return false, nil
	})
	return gs, err
}
