package types_test

import (
	"testing"

	"github.com/conductor-coop/conductor/testutil/genesistest"
	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// TestGenesisNextIDs: next ids start at 1, and each is above every id of its kind.
func TestGenesisNextIDs(t *testing.T) {
	genesistest.Check(t, types.DefaultGenesis, types.ErrInvalidGenesis, []genesistest.Spoil[*types.GenesisState]{
		{Name: "next product id 0", Apply: func(gs *types.GenesisState) { gs.NextProductId = 0 }},
		{Name: "next loan id 0", Apply: func(gs *types.GenesisState) { gs.NextLoanId = 0 }},
		{Name: "a loan id not below the next", Apply: func(gs *types.GenesisState) { gs.Loans = []types.Loan{{Id: 1}} }},
	})
}
