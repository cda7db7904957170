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
