package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/x/federation/types"
)

// TestGenesisNextIDs: next ids start at 1, and each is above every id of its kind.
func TestGenesisNextIDs(t *testing.T) {
	cases := []struct {
		name string
		edit func(*types.GenesisState)
		ok   bool
	}{
		{"default", func(*types.GenesisState) {}, true},
		{"next pool id 0", func(gs *types.GenesisState) { gs.NextPoolId = 0 }, false},
		{"next spend id 0", func(gs *types.GenesisState) { gs.NextSpendId = 0 }, false},
		{"a pool id not below the next", func(gs *types.GenesisState) { gs.Pools = []types.Pool{{Id: 1}} }, false},
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
