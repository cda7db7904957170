package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/market/types"
)

// InitGenesis writes the listings, orders and books with their indexes.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, l := range gs.Listings {
		seller, err := k.address(l.Seller, "seller")
		if err != nil {
			return err
		}
		if err := k.Listings.Set(ctx, l.Id, l); err != nil {
			return err
		}
		if err := k.ListingsBySeller.Set(ctx, collections.Join(seller, l.Id)); err != nil {
			return err
		}
	}
	for _, o := range gs.Orders {
		if err := k.Orders.Set(ctx, o.Id, o); err != nil {
			return err
		}
	}
	for _, b := range gs.Books {
		company, err := k.address(b.Company, "company")
		if err != nil {
			return err
		}
		if err := k.Books.Set(ctx, company, b); err != nil {
			return err
		}
	}
	for _, s := range gs.Statements {
		seller, err := k.address(s.Seller, "seller")
		if err != nil {
			return err
		}
		if err := k.Statements.Set(ctx, collections.Join(seller, s.Month), s); err != nil {
			return err
		}
	}
	if err := k.FoldCursor.Set(ctx, gs.FoldCursor); err != nil {
		return err
	}
	return modulekit.SetNext(ctx, map[*collections.Sequence]uint64{&k.ListingSeq: gs.NextListingId, &k.OrderSeq: gs.NextOrderId})
}

// ExportGenesis reads the market's state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Listings, err = modulekit.Values(ctx, k.Listings); err != nil {
		return nil, err
	}
	if gs.Orders, err = modulekit.Values(ctx, k.Orders); err != nil {
		return nil, err
	}
	if gs.Books, err = modulekit.Values(ctx, k.Books); err != nil {
		return nil, err
	}
	if gs.Statements, err = modulekit.Values(ctx, k.Statements); err != nil {
		return nil, err
	}
	if gs.FoldCursor, err = k.FoldCursor.Get(ctx); err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	listings, err := k.ListingSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	orders, err := k.OrderSeq.Peek(ctx)
	gs.NextListingId, gs.NextOrderId = listings+1, orders+1
	return gs, err
}
