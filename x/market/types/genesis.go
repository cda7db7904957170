package types

import (
	"fmt"

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
	if gs.FoldCursor > gs.NextOrderId {
		return errorsmod.Wrapf(ErrInvalidGenesis, "fold cursor %d past the next order id %d", gs.FoldCursor, gs.NextOrderId)
	}
	for _, o := range gs.Orders {
		if o.Id < gs.FoldCursor {
			return errorsmod.Wrapf(ErrInvalidGenesis, "order %d is behind the fold cursor %d: it would never be folded", o.Id, gs.FoldCursor)
		}
	}
	statements := map[string]bool{}
	for _, s := range gs.Statements {
		key := fmt.Sprint(s.Seller, "/", s.Month)
		if _, err := sdk.AccAddressFromBech32(s.Seller); err != nil || s.Month%100 < 1 || s.Month%100 > 12 || statements[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of %q in %d: invalid seller, no month or twice", s.Seller, s.Month)
		}
		statements[key] = true
		for _, l := range s.Lines {
			if l.Orders == 0 || l.Amount.IsNil() || l.Tax.IsNil() || l.Amount.IsNegative() || l.Tax.IsNegative() || l.TaxRate.IsNil() {
				return errorsmod.Wrapf(ErrInvalidGenesis, "statement of %s in %d: an empty or negative line", s.Seller, s.Month)
			}
		}
	}
	return nil
}
