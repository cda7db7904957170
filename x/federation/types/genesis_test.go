package types_test

import (
	"testing"

	"github.com/conductor-coop/conductor/testutil/genesistest"
	"github.com/conductor-coop/conductor/x/federation/types"
)

// TestGenesisNextIDs: next ids start at 1, and each is above every id of its kind.
func TestGenesisNextIDs(t *testing.T) {
	genesistest.Check(t, types.DefaultGenesis, types.ErrInvalidGenesis, []genesistest.Spoil[*types.GenesisState]{
		{Name: "next pool id 0", Apply: func(gs *types.GenesisState) { gs.NextPoolId = 0 }},
		{Name: "next spend id 0", Apply: func(gs *types.GenesisState) { gs.NextSpendId = 0 }},
		{Name: "a pool id not below the next", Apply: func(gs *types.GenesisState) { gs.Pools = []types.Pool{{Id: 1}} }},
	})
}
