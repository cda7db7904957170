package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// DefaultGenesis has no units, no wait-list and no leases.
func DefaultGenesis() *GenesisState {
	return &GenesisState{NextUnitId: 1, NextEntryId: 1, NextLeaseId: 1}
}

// Validate checks ids, units and the offers entries hold.
func (gs GenesisState) Validate() error {
	if gs.NextUnitId == 0 || gs.NextEntryId == 0 || gs.NextLeaseId == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next ids start at 1: unit %d, entry %d, lease %d", gs.NextUnitId, gs.NextEntryId, gs.NextLeaseId)
	}
	units := map[uint64]bool{}
	for _, u := range gs.Units {
		if u.Id == 0 || u.Id >= gs.NextUnitId || units[u.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unit id %d", u.Id)
		}
		units[u.Id] = true
		if err := u.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unit %d: %s", u.Id, err)
		}
	}
	for _, e := range gs.Entries {
		if e.Id == 0 || e.Id >= gs.NextEntryId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "entry id %d", e.Id)
		}
		if e.Offered != 0 && (!units[e.Offered] || e.OfferExpires == nil) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "entry %d holds an offer of unit %d with no unit or no lapse", e.Id, e.Offered)
		}
	}
	for _, l := range gs.Leases {
		if l.Id == 0 || l.Id >= gs.NextLeaseId || !units[l.UnitId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "lease %d", l.Id)
		}
		if (l.NoticeAt == nil) != (l.NoticeEnds == nil) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "lease %d: a notice has a start and an end", l.Id)
		}
		if l.NoticeEnds != nil && (!l.Active || l.NoticeEnds.Before(*l.NoticeAt)) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "lease %d: a notice is on an active lease and ends after it is given", l.Id)
		}
		for _, part := range []math.Int{l.ArrearsCost, l.ArrearsMarkup} {
			if !part.IsNil() && part.IsNegative() {
				return errorsmod.Wrapf(ErrInvalidGenesis, "lease %d: negative arrears", l.Id)
			}
		}
	}
	noted := map[string]bool{}
	for _, d := range gs.Noted {
		if d == "" || noted[d] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "noted debtor %q: empty or listed twice", d)
		}
		noted[d] = true
	}
	return nil
}
