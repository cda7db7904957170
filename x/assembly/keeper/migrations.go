package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

// Migrator migrates the assembly's state from one consensus version to the next.
type Migrator struct{ k Keeper }

// NewMigrator returns the assembly's migrator.
func NewMigrator(k Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 builds the proposals-by-kind index (new in version 2) from the stored
// proposals. It reads each proposal once and writes one index key for it: its cost is bounded
// by the number of proposals the region keeps (max_open_proposals open, the rest history).
func (m Migrator) Migrate1to2(ctx sdk.Context) error {
	n, err := m.k.indexKinds(ctx)
	if err != nil {
		return err
	}
	m.k.Logger(ctx).Info("assembly: migrated state 1 to 2: proposals indexed by kind", "proposals", n)
	return nil
}

// indexKinds writes the kind index key of every stored proposal; it returns how many.
func (k Keeper) indexKinds(ctx context.Context) (int, error) {
	// read first, then write: no write into the store under an open iterator.
	type entry struct {
		id   uint64
		kind types.ProposalKind
	}
	var all []entry
	if err := k.Proposals.Walk(ctx, nil, func(id uint64, p types.Proposal) (bool, error) {
		all = append(all, entry{id, p.Kind})
		return false, nil
	}); err != nil {
		return 0, err
	}
	// a version-1 store has no kind keys: there is no old value whose keys to remove.
	none := func() (types.Proposal, error) { return types.Proposal{}, collections.ErrNotFound }
	for _, e := range all {
		if err := k.Proposals.Indexes.Kind.Reference(ctx, e.id, types.Proposal{Id: e.id, Kind: e.kind}, none); err != nil {
			return 0, err
		}
	}
	return len(all), nil
}
