package types_test

import (
	"testing"

	"github.com/conductor-coop/conductor/testutil/genesistest"
	"github.com/conductor-coop/conductor/x/education/types"
)

// TestGenesisNextIDs: next ids start at 1, and each is above every id of its kind.
func TestGenesisNextIDs(t *testing.T) {
	genesistest.Check(t, types.DefaultGenesis, types.ErrInvalidGenesis, []genesistest.Spoil[*types.GenesisState]{
		{Name: "next program id 0", Apply: func(gs *types.GenesisState) { gs.NextProgramId = 0 }},
		{Name: "next enrollment id 0", Apply: func(gs *types.GenesisState) { gs.NextEnrollmentId = 0 }},
		{Name: "next applicant id 0", Apply: func(gs *types.GenesisState) { gs.NextApplicantId = 0 }},
		{Name: "a program id not below the next", Apply: func(gs *types.GenesisState) { gs.Programs = []types.Program{{Id: 1}} }},
	})
}
