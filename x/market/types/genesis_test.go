package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/x/market/types"
)

// TestGenesisNextIDs: next ids start at 1, and each is above every id of its kind.
func TestGenesisNextIDs(t *testing.T) {
	cases := []struct {
		name string
		edit func(*types.GenesisState)
		ok   bool
	}{
		{"default", func(*types.GenesisState) {}, true},
		{"next listing id 0", func(gs *types.GenesisState) { gs.NextListingId = 0 }, false},
		{"next order id 0", func(gs *types.GenesisState) { gs.NextOrderId = 0 }, false},
		{"a listing id not below the next", func(gs *types.GenesisState) { gs.Listings = []types.Listing{{Id: 1}} }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := types.DefaultGenesis()
			tc.edit(gs)
			err := gs.Validate()
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, types.ErrInvalidGenesis)
			}
		})
	}
}
