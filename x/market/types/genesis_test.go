package types_test

import (
	"testing"

	"github.com/conductor-coop/conductor/testutil/genesistest"
	"github.com/conductor-coop/conductor/x/market/types"
)

// TestGenesisNextIDs: next ids start at 1, and each is above every id of its kind.
func TestGenesisNextIDs(t *testing.T) {
	genesistest.Check(t, types.DefaultGenesis, types.ErrInvalidGenesis, []genesistest.Spoil[*types.GenesisState]{
		{Name: "next listing id 0", Apply: func(gs *types.GenesisState) { gs.NextListingId = 0 }},
		{Name: "next order id 0", Apply: func(gs *types.GenesisState) { gs.NextOrderId = 0 }},
		{Name: "a listing id not below the next", Apply: func(gs *types.GenesisState) { gs.Listings = []types.Listing{{Id: 1}} }},
	})
}
