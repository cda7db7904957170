package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/market/types"
)

type statementKey = collections.Pair[sdk.AccAddress, uint32]

// EndBlocker folds the orders older than the retention window into their sellers'
// statements of the month; it never halts the chain.
func (k Keeper) EndBlocker(ctx context.Context) error {
	modulekit.Folding(sdk.UnwrapSDKContext(ctx), types.ModuleName, k.fold)
	return nil
}

// fold folds, at most max_folds_per_block a block, the orders from the cursor on that are
// older than the retention window into their seller's statement of the month, and removes
// them. Order ids follow block time, so the walk stops at the first order inside the window.
func (k Keeper) fold(ctx sdk.Context) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	ids, orders, err := modulekit.DueByID(ctx, k.Orders, k.FoldCursor, params.Retention.Window, params.Retention.MaxFoldsPerBlock,
		func(o types.Order) time.Time { return o.Time })
	if err != nil || len(ids) == 0 {
		return err
	}
	s := modulekit.NewStatements(k.Statements)
	for i, id := range ids {
		o := orders[i]
		seller, err := k.address(o.Seller, "seller")
		if err != nil {
			return err
		}
		month := modulekit.Month(o.Time)
		st, err := s.Get(ctx, collections.Join(seller, month), func() types.Statement { return types.Statement{Seller: o.Seller, Month: month} })
		if err != nil {
			return err
		}
		st.Add(o)
		if err := k.Orders.Remove(ctx, id); err != nil {
			return err
		}
	}
	if err := s.Write(ctx); err != nil {
		return err
	}
	return k.FoldCursor.Set(ctx, ids[len(ids)-1]+1)
}

// StatementsOf lists a seller's statements, newest month first.
func (k Keeper) StatementsOf(ctx context.Context, seller sdk.AccAddress) ([]types.Statement, error) {
	return modulekit.NewestFirst(ctx, k.Statements, seller)
}
