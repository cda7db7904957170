package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/testutil/genesistest"
	"github.com/conductor-coop/conductor/x/housing/types"
)

// TestGenesisValidate: ids within their sequences, and an entry's offer names a unit of the
// genesis and when it lapses.
func TestGenesisValidate(t *testing.T) {
	lapse := time.Date(2026, 1, 8, 0, 0, 0, 0, time.UTC)
	unit := types.Unit{Id: 1, Kind: types.UNIT_KIND_APARTMENT, Name: "flat", Area: 50, Agency: "rsc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
		PropertyTax: math.OneInt(), Maintenance: math.OneInt(), Administration: math.OneInt(), Status: types.UNIT_STATUS_OFFERED, OfferedTo: 1}
	cases := []struct {
		name  string
		entry types.Entry
		ok    bool
	}{
		{"no offer", types.Entry{Id: 1}, true},
		{"an offer that lapses", types.Entry{Id: 1, Offered: 1, OfferExpires: &lapse}, true},
		{"an offer that never lapses", types.Entry{Id: 1, Offered: 1}, false},
		{"an offer of an unknown unit", types.Entry{Id: 1, Offered: 2, OfferExpires: &lapse}, false},
		{"an id past the sequence", types.Entry{Id: 2}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := types.GenesisState{Units: []types.Unit{unit}, Entries: []types.Entry{tc.entry}, NextUnitId: 2, NextEntryId: 2, NextLeaseId: 1}
			err := gs.Validate()
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, types.ErrInvalidGenesis)
			}
		})
	}
}

// TestGenesisNextIDs: next ids start at 1 (a next id of 0 would wrap the sequence).
func TestGenesisNextIDs(t *testing.T) {
	genesistest.Check(t, types.DefaultGenesis, types.ErrInvalidGenesis, []genesistest.Spoil[*types.GenesisState]{
		{Name: "next unit id 0", Apply: func(gs *types.GenesisState) { gs.NextUnitId = 0 }},
		{Name: "next entry id 0", Apply: func(gs *types.GenesisState) { gs.NextEntryId = 0 }},
		{Name: "next lease id 0", Apply: func(gs *types.GenesisState) { gs.NextLeaseId = 0 }},
		{Name: "a lease id not below the next", Apply: func(gs *types.GenesisState) { gs.Leases = []types.Lease{{Id: 1}} }},
	})
}

// TestGenesisArrears: a notice has a start and an end after it, on an active lease; arrears
// are not negative; a debtor noted for collection is listed once.
func TestGenesisArrears(t *testing.T) {
	at, ends := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	tenant := "rsc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
	fresh := func() *types.GenesisState {
		z := math.ZeroInt()
		unit := types.Unit{Id: 1, Kind: types.UNIT_KIND_APARTMENT, Name: "flat", Area: 50, Agency: tenant,
			PropertyTax: math.OneInt(), Maintenance: math.OneInt(), Administration: math.OneInt(), Status: types.UNIT_STATUS_LEASED, LeaseId: 2}
		noticed := types.Lease{Id: 2, UnitId: 1, Tenant: tenant, Cost: math.NewInt(3), Markup: z, Active: true,
			ArrearsCost: math.NewInt(6), ArrearsMarkup: z, Paid: z, NoticeAt: &at, NoticeEnds: &ends}
		ended := types.Lease{Id: 1, UnitId: 1, Tenant: tenant, Cost: math.NewInt(3), Markup: z,
			ArrearsCost: math.NewInt(6), ArrearsMarkup: z, Paid: z, EndedForArrears: true}
		return &types.GenesisState{Units: []types.Unit{unit}, Leases: []types.Lease{ended, noticed}, Noted: []string{tenant},
			NextUnitId: 2, NextEntryId: 1, NextLeaseId: 3}
	}
	genesistest.Check(t, fresh, types.ErrInvalidGenesis, []genesistest.Spoil[*types.GenesisState]{
		{Name: "a notice without an end", Apply: func(gs *types.GenesisState) { gs.Leases[1].NoticeEnds = nil }},
		{Name: "a notice without a start", Apply: func(gs *types.GenesisState) { gs.Leases[1].NoticeAt = nil }},
		{Name: "a notice ending before it is given", Apply: func(gs *types.GenesisState) { gs.Leases[1].NoticeAt, gs.Leases[1].NoticeEnds = &ends, &at }},
		{Name: "a notice on an ended lease", Apply: func(gs *types.GenesisState) { gs.Leases[0].NoticeAt, gs.Leases[0].NoticeEnds = &at, &ends }},
		{Name: "negative arrears", Apply: func(gs *types.GenesisState) { gs.Leases[0].ArrearsMarkup = math.NewInt(-1) }},
		{Name: "a debtor noted twice", Apply: func(gs *types.GenesisState) { gs.Noted = append(gs.Noted, gs.Noted[0]) }},
		{Name: "an empty debtor noted", Apply: func(gs *types.GenesisState) { gs.Noted = []string{""} }},
	})
}
