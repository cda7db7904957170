package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// Keeper holds the region's decided numbers and the record of every change to them.
type Keeper struct {
	cdc       codec.BinaryCodec
	authority types.AuthorityKeeper

	Schema    collections.Schema
	Params    collections.Item[types.Params]
	Changes   collections.Map[uint64, types.ParamChange]
	ChangeSeq collections.Sequence
}

// NewKeeper returns the governanceparams keeper.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:       cdc,
		authority: authority,
		Params:    collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Changes:   collections.NewMap(sb, types.ChangesKey, "changes", collections.Uint64Key, codec.CollValue[types.ParamChange](cdc)),
		ChangeSeq: collections.NewSequence(sb, types.ChangeSeqKey, "change_seq"),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

// GetParams returns the parameters in force: the narrow read other modules use.
func (k Keeper) GetParams(ctx context.Context) (types.Params, error) {
	return k.Params.Get(ctx)
}

// ParamsAt returns the parameters in force at t: those after the last change made before t
// (a change made at t itself applies after it). A rate that governs a period (a pay period,
// a profit-at-rest window) is read at the period's start, so that a change applies from the
// next period. It reads the changes newest first and stops at the first before t: a period
// that opened recently costs a read or two.
func (k Keeper) ParamsAt(ctx context.Context, t time.Time) (types.Params, error) {
	it, err := k.Changes.Iterate(ctx, new(collections.Range[uint64]).Descending())
	if err != nil {
		return types.Params{}, err
	}
	defer it.Close()
	var oldest *types.ParamChange
	for ; it.Valid(); it.Next() {
		c, err := it.Value()
		if err != nil {
			return types.Params{}, err
		}
		if c.Time.Before(t) {
			return c.After, nil
		}
		oldest = &c
	}
	if oldest != nil {
		return oldest.Before, nil // every change came at or after t
	}
	return k.Params.Get(ctx)
}
