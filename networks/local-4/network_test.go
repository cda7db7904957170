//go:build faults || loadtest

// Package local4 runs tests on a region of four validators as separate processes on one
// machine (start.sh): fault tests (`make test-faults`) and a load test (`make loadtest`).
package local4

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/testutil/cli"
)

const chainID = "region-local-4"

type network struct {
	t         *testing.T
	c         cli.CLI
	here, dir string
	pids      [4]int
	restarted []*exec.Cmd
}

func (n *network) node(i int) cli.Chain {
	return cli.Chain{Home: filepath.Join(n.dir, fmt.Sprintf("node%d", i)), Node: fmt.Sprintf("tcp://127.0.0.1:%d", 26657+100*i), ChainID: chainID}
}

func (n *network) script(name string) {
	n.t.Helper()
	cmd := exec.Command(filepath.Join(n.here, name))
	cmd.Env = append(os.Environ(), "DIR="+n.dir, "CHAIN_ID="+chainID, "BIN="+n.c.Bin)
	out, err := cmd.CombinedOutput()
	require.NoError(n.t, err, "%s: %s", name, out)
}

func (n *network) height(i int) int64 { return n.c.Height(n.node(i)) }

// start runs start.sh in build/<folder> (stopping what a run interrupted before left) and
// stop.sh when the test ends.
func start(t *testing.T, folder string) *network {
	here, err := os.Getwd()
	require.NoError(t, err)
	root := filepath.Join(here, "..", "..")
	n := &network{t: t, here: here, c: cli.CLI{T: t, Bin: filepath.Join(root, "build", "conductord")}, dir: filepath.Join(root, "build", folder)}
	n.script("stop.sh")
	n.script("start.sh")
	t.Cleanup(func() { n.script("stop.sh") })
	return n
}
