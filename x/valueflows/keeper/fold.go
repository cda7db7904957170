package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

type statementKey = collections.Pair[string, uint32]

// EndBlocker folds the events older than the retention window into their agents'
// statements of the month; it never halts the chain.
func (k Keeper) EndBlocker(ctx context.Context) error {
	modulekit.Folding(sdk.UnwrapSDKContext(ctx), types.ModuleName, k.fold)
	return nil
}

// fold folds, at most max_folds_per_block a block, the events from the cursor on that are
// older than the retention window, into the statements of their provider and receiver, and
// removes them with their agent index. Event ids follow block time, so the walk stops at
// the first event inside the window. An event a process or resource still needs stays: an
// input or output of a process, an event on a resource (its provenance for trace and its
// cost), or work attached to a process. Processes and resources are kept, so these are
// the events cost and trace read; what is folded is the flows between agents (wages,
// purchases, rents, installments, dividends, tuition, taxes).
func (k Keeper) fold(ctx sdk.Context) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	ids, events, err := modulekit.DueByID(ctx, k.Events, k.FoldCursor, params.Retention.Window, params.Retention.MaxFoldsPerBlock,
		func(e types.EconomicEvent) time.Time { return e.Time })
	if err != nil || len(ids) == 0 {
		return err
	}
	s := modulekit.NewStatements(k.Statements)
	folded := uint64(0)
	for _, e := range events {
		needed, err := k.needed(ctx, e)
		if err != nil {
			return err
		}
		if needed {
			continue
		}
		if err := k.foldEvent(ctx, s, e); err != nil {
			return err
		}
		folded++
	}
	if err := s.Write(ctx); err != nil {
		return err
	}
	if folded > 0 {
		n, err := k.Folded.Get(ctx)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err := k.Folded.Set(ctx, n+folded); err != nil {
			return err
		}
	}
	return k.FoldCursor.Set(ctx, ids[len(ids)-1]+1)
}

// needed tells whether a process or a resource still needs e (it is never folded).
func (k Keeper) needed(ctx context.Context, e types.EconomicEvent) (bool, error) {
	if e.Needed() {
		return true, nil
	}
	return k.Attached.Has(ctx, e.Id)
}

// foldEvent adds e to its provider's and its receiver's statements, and removes it.
func (k Keeper) foldEvent(ctx context.Context, s *modulekit.Statements[statementKey, types.Statement], e types.EconomicEvent) error {
	month := modulekit.Month(e.Time)
	for _, side := range []struct {
		agent    string
		provided bool
	}{{e.Provider, true}, {e.Receiver, false}} {
		if side.agent == "" || (!side.provided && e.Receiver == e.Provider) {
			continue
		}
		st, err := s.Get(ctx, collections.Join(side.agent, month), func() types.Statement { return types.Statement{Agent: side.agent, Month: month} })
		if err != nil {
			return err
		}
		st.Add(e, side.provided)
		if err := k.EventsByAgent.Remove(ctx, collections.Join(side.agent, e.Id)); err != nil {
			return err
		}
	}
	return k.Events.Remove(ctx, e.Id)
}

// StatementsOf lists an agent's statements, newest month first.
func (k Keeper) StatementsOf(ctx context.Context, agent string) ([]types.Statement, error) {
	return modulekit.NewestFirst(ctx, k.Statements, agent)
}
