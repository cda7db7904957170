package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNodeLinksNoTestHarness: the node binary does not contain the test harness
// (testutil/...), whose Fund mints RSC and sends it under the Conductor mark to any account:
// that send is the benchmarks' and tests' funding, never a route a transaction can reach.
func TestNodeLinksNoTestHarness(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, string(out))
	deps := strings.Fields(string(out))
	require.Contains(t, deps, "github.com/conductor-coop/conductor/app", "the listing is the node's")
	for _, d := range deps {
		require.False(t, strings.HasPrefix(d, "github.com/conductor-coop/conductor/testutil"), "the node links %s", d)
	}
}
