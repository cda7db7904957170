package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/housing/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// InitGenesis writes units, wait-list entries, leases (with their due, notice and debt
// indexes), books and the debtors noted for collection.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, u := range gs.Units {
		if err := k.setUnit(ctx, u); err != nil {
			return err
		}
	}
	for _, e := range gs.Entries {
		applicant, err := k.address(e.Applicant, "applicant")
		if err != nil {
			return err
		}
		if err := k.Entries.Set(ctx, e.Id, e); err != nil {
			return err
		}
		if e.OfferExpires != nil {
			if err := k.OffersDue.Set(ctx, collections.Join(*e.OfferExpires, e.Id)); err != nil {
				return err
			}
		}
		if err := k.EntriesByKind.Set(ctx, collections.Join(int32(e.Kind), e.Id)); err != nil {
			return err
		}
		if err := k.EntriesByApplicant.Set(ctx, collections.Join(applicant, e.Id)); err != nil {
			return err
		}
		n, err := k.Waiting.Get(ctx, int32(e.Kind))
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err := k.Waiting.Set(ctx, int32(e.Kind), n+1); err != nil {
			return err
		}
	}
	for _, l := range gs.Leases {
		tenant, err := k.address(l.Tenant, "tenant")
		if err != nil {
			return err
		}
		if err := k.setLease(ctx, nil, l); err != nil {
			return err
		}
		if err := k.LeasesByTenant.Set(ctx, collections.Join(tenant, l.Id)); err != nil {
			return err
		}
	}
	for _, b := range gs.Books {
		agency, err := k.address(b.Agency, "agency")
		if err != nil {
			return err
		}
		if err := k.Books.Set(ctx, agency, b); err != nil {
			return err
		}
	}
	for _, d := range gs.Noted {
		debtor, err := k.address(d, "debtor")
		if err != nil {
			return err
		}
		if err := k.Noted.Set(ctx, debtor); err != nil {
			return err
		}
	}
	return modulekit.SetNext(ctx, map[*collections.Sequence]uint64{&k.UnitSeq: gs.NextUnitId, &k.EntrySeq: gs.NextEntryId, &k.LeaseSeq: gs.NextLeaseId})
}

// ExportGenesis reads the module's state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Units, err = modulekit.Values(ctx, k.Units); err != nil {
		return nil, err
	}
	if gs.Entries, err = modulekit.Values(ctx, k.Entries); err != nil {
		return nil, err
	}
	if gs.Leases, err = modulekit.Values(ctx, k.Leases); err != nil {
		return nil, err
	}
	if gs.Books, err = modulekit.Values(ctx, k.Books); err != nil {
		return nil, err
	}
	err = k.Noted.Walk(ctx, nil, func(debtor sdk.AccAddress) (bool, error) {
		gs.Noted = append(gs.Noted, debtor.String())
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return gs, modulekit.PeekNext(ctx, map[*collections.Sequence]*uint64{&k.UnitSeq: &gs.NextUnitId, &k.EntrySeq: &gs.NextEntryId, &k.LeaseSeq: &gs.NextLeaseId})
}
