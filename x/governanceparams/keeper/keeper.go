package keeper

import (
	"context"

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
