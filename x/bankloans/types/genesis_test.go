package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// TestGenesisNextIDs: next ids start at 1, and each is above every id of its kind.
func TestGenesisNextIDs(t *testing.T) {
	cases := []struct {
		name string
		edit func(*types.GenesisState)
		ok   bool
	}{
		{"default", func(*types.GenesisState) {}, true},
		{"next product id 0", func(gs *types.GenesisState) { gs.NextProductId = 0 }, false},
		{"next loan id 0", func(gs *types.GenesisState) { gs.NextLoanId = 0 }, false},
		{"a loan id not below the next", func(gs *types.GenesisState) { gs.Loans = []types.Loan{{Id: 1}} }, false},
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
