package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis is an empty market.
func DefaultGenesis() *GenesisState {
	return &GenesisState{NextListingId: 1, NextOrderId: 1}
}

// Validate checks ids, listings, orders and books.
func (gs GenesisState) Validate() error {
	if gs.NextListingId == 0 || gs.NextOrderId == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next ids start at 1: listing %d, order %d", gs.NextListingId, gs.NextOrderId)
	}
	seen := map[uint64]bool{}
	for _, l := range gs.Listings {
		if l.Id == 0 || l.Id >= gs.NextListingId || seen[l.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "listing id %d duplicated or not below next id %d", l.Id, gs.NextListingId)
		}
		seen[l.Id] = true
		if _, err := sdk.AccAddressFromBech32(l.Seller); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "listing %d seller: %s", l.Id, err)
		}
		if err := l.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "listing %d: %s", l.Id, err)
		}
	}
	orders := map[uint64]bool{}
	for _, o := range gs.Orders {
		if o.Id == 0 || o.Id >= gs.NextOrderId || orders[o.Id] || !seen[o.ListingId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "order %d: duplicated, not below next id %d, or of an unknown listing", o.Id, gs.NextOrderId)
		}
		orders[o.Id] = true
		if o.Amount.IsNil() || o.Tax.IsNil() || o.Amount.IsNegative() || o.Tax.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "order %d amounts", o.Id)
		}
	}
	books := map[string]bool{}
	for _, b := range gs.Books {
		if _, err := sdk.AccAddressFromBech32(b.Company); err != nil || books[b.Company] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "books of %q invalid or duplicated", b.Company)
		}
		books[b.Company] = true
	}
	return nil
}
