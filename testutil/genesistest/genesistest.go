// Package genesistest checks a module's genesis validation against a table of spoiled
// genesis states.
package genesistest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Spoil is a change that makes a valid genesis invalid, by name.
type Spoil[G any] struct {
	Name  string
	Apply func(G)
}

// Check requires fresh() to validate, and each spoiled copy of it to fail with want.
func Check[G interface{ Validate() error }](t *testing.T, fresh func() G, want error, spoils []Spoil[G]) {
	t.Helper()
	require.NoError(t, fresh().Validate(), "the unspoiled genesis")
	for _, s := range spoils {
		t.Run(s.Name, func(t *testing.T) {
			g := fresh()
			s.Apply(g)
			require.ErrorIs(t, g.Validate(), want)
		})
	}
}
