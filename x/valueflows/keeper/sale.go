package keeper

import (
	"context"
	"strconv"
	"strings"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// Sales. A market listing may sell from one of the seller's resources: it must be the
// seller's and in the listing's unit. A purchase transfers the quantity from it to the
// buyer's resource of the same kind (opened on its first purchase), which the buyer values
// at what it paid; an at-cost listing sells at the resource's unit cost.

// SaleResource checks that resource id is the seller's and counted in unit.
func (k Keeper) SaleResource(ctx context.Context, id uint64, seller, unit string) error {
	r, err := k.Resource(ctx, id)
	if err != nil {
		return err
	}
	if r.Owner != seller {
		return errorsmod.Wrapf(types.ErrNotOwner, "resource %d is %s's", id, r.Owner)
	}
	if r.Unit != unit {
		return errorsmod.Wrapf(types.ErrSpecMismatch, "resource %d is counted in %s, the listing in %s", id, r.Unit, unit)
	}
	return nil
}

// UnitCost is a resource's weighted average cost per unit.
func (k Keeper) UnitCost(ctx context.Context, id uint64) (math.LegacyDec, error) {
	r, err := k.Resource(ctx, id)
	return r.UnitCost(), err
}

// Sell transfers q from the seller's resource id to the buyer's resource of its kind, valued
// at paid, and records the transfer for link with the RSC the buyer paid for it.
func (k Keeper) Sell(ctx context.Context, id uint64, buyer string, q, paid math.LegacyDec, link string, paidBy []types.Settlement) error {
	r, err := k.Resource(ctx, id)
	if err != nil {
		return err
	}
	old := r
	var oldTo *types.EconomicResource
	to, found, err := k.resourceOfKind(ctx, buyer, r.SpecId)
	if err != nil {
		return err
	}
	if found {
		o := to
		oldTo = &o
	} else if to, err = k.newResource(ctx, buyer, types.ResourceSpecification{Id: r.SpecId, Name: r.Name, Unit: r.Unit}); err != nil {
		return err
	}
	out, err := types.ApplyEffect(types.ACTION_TRANSFER, &r, &to, q)
	if err != nil {
		return err
	}
	to.Value = to.Value.Sub(out).Add(paid)
	if err := k.setResource(ctx, &old, r); err != nil {
		return err
	}
	if err := k.setResource(ctx, oldTo, to); err != nil {
		return err
	}
	_, err = k.Record(ctx, types.EconomicEvent{
		Action: types.ACTION_TRANSFER, Provider: r.Owner, Receiver: buyer, SpecId: r.SpecId, Quantity: q, Unit: r.Unit,
		ResourceId: r.Id, ToResourceId: to.Id, Value: paid, Link: link, SettledBy: paidBy,
	})
	return err
}

// resourceOfKind returns owner's first resource of spec.
func (k Keeper) resourceOfKind(ctx context.Context, owner string, spec uint64) (types.EconomicResource, bool, error) {
	var found types.EconomicResource
	ok := false
	err := k.ResourcesByOwner.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](owner), func(key strID) (bool, error) {
		r, err := k.Resources.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		if r.SpecId == spec {
			found, ok = r, true
		}
		return ok, nil
	})
	return found, ok, err
}

// Linked pages through the events of agent (as their provider, or else as their receiver)
// whose link starts with prefix ("market/order/"), and returns the ids their links end in:
// another module's records of the agent, found by this module's agent index.
func (k Keeper) Linked(ctx context.Context, agent string, asProvider bool, prefix string, page *query.PageRequest) ([]uint64, *query.PageResponse, error) {
	var id uint64
	return query.CollectionFilteredPaginate(ctx, k.EventsByAgent, page,
		func(key strID, _ collections.NoValue) (bool, error) {
			e, err := k.Events.Get(ctx, key.K2())
			if err != nil {
				return false, err
			}
			party := e.Receiver
			if asProvider {
				party = e.Provider
			}
			rest, ok := strings.CutPrefix(e.Link, prefix)
			if !ok || party != agent {
				return false, nil
			}
			id, err = strconv.ParseUint(rest, 10, 64)
			return err == nil, nil
		},
		func(strID, collections.NoValue) (uint64, error) { return id, nil },
		query.WithCollectionPaginationPairPrefix[string, uint64](agent))
}
