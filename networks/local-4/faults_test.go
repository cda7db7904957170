//go:build faults

// Fault tests: with transactions flowing, one validator is killed and restarted, then two
// are stopped and one returns. Run with `make test-faults`; it prints the recovery times.

package local4

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/testutil/cli"
)

// kill sends SIGKILL to validator i and waits until it is gone.
func (n *network) kill(i int) {
	n.t.Helper()
	require.NoError(n.t, syscall.Kill(n.pids[i], syscall.SIGKILL))
	for syscall.Kill(n.pids[i], 0) == nil {
		time.Sleep(100 * time.Millisecond)
	}
}

// restart starts validator i again on its home (its PID joins start.sh's list).
func (n *network) restart(i int) {
	n.t.Helper()
	log, err := os.OpenFile(filepath.Join(n.dir, fmt.Sprintf("node%d.log", i)), os.O_APPEND|os.O_WRONLY, 0o644)
	require.NoError(n.t, err)
	cmd := exec.Command(n.c.Bin, "start", "--home", n.node(i).Home)
	cmd.Stdout, cmd.Stderr = log, log
	require.NoError(n.t, cmd.Start())
	go func() { _ = cmd.Wait(); log.Close() }()
	n.pids[i] = cmd.Process.Pid
	pids, err := os.OpenFile(filepath.Join(n.dir, "pids"), os.O_APPEND|os.O_WRONLY, 0o644)
	require.NoError(n.t, err)
	_, err = fmt.Fprintln(pids, cmd.Process.Pid)
	require.NoError(n.t, err)
	require.NoError(n.t, pids.Close())
}

// sent is a transfer the network accepted (CheckTx passed).
type sent struct {
	hash   string
	amount int64
}

// flow sends from alice to recipient through node 0, one transfer after another, until
// stop is closed; it returns what was accepted. It waits for each accepted transfer to be in
// a block (or 2 minutes) before the next, so that sequences follow each other.
func (n *network) flow(recipient string, stop <-chan struct{}) func() []sent {
	var mu sync.Mutex
	var accepted []sent
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := int64(1); ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			amount := 1_000 + i
			out, err := exec.Command(n.c.Bin, "tx", "bank", "send", "alice", recipient, strconv.FormatInt(amount, 10)+"ursc",
				"--keyring-backend", "test", "--home", n.node(0).Home, "--node", n.node(0).Node, "--chain-id", chainID, "-y", "-o", "json").Output()
			var res struct {
				Code   uint32 `json:"code"`
				TxHash string `json:"txhash"`
			}
			if err != nil || json.Unmarshal(out, &res) != nil || res.Code != 0 {
				time.Sleep(500 * time.Millisecond)
				continue
			}
			mu.Lock()
			accepted = append(accepted, sent{res.TxHash, amount})
			mu.Unlock()
			n.c.Committed(n.node(0), res.TxHash, 2*time.Minute)
		}
	}()
	return func() []sent {
		<-done
		mu.Lock()
		defer mu.Unlock()
		return accepted
	}
}

func TestFaults(t *testing.T) {
	n := start(t, "local-4-faults")
	bz, err := os.ReadFile(filepath.Join(n.dir, "pids"))
	require.NoError(t, err)
	for i, p := range strings.Fields(string(bz)) {
		n.pids[i], err = strconv.Atoi(p)
		require.NoError(t, err)
	}

	recipient := n.c.Addr(n.node(1), "val1")
	alice := n.c.Addr(n.node(0), "alice")
	aliceBefore, recipientBefore := n.c.Balance(n.node(0), alice, "ursc"), n.c.Balance(n.node(0), recipient, "ursc")
	stop := make(chan struct{})
	wait := n.flow(recipient, stop)
	time.Sleep(5 * time.Second)
	var report []string
	logf := func(format string, args ...any) {
		line := fmt.Sprintf(format, args...)
		report = append(report, line)
		t.Log(line)
	}

	// One validator killed: three of four still sign, blocks keep coming.
	h := n.height(0)
	killed := time.Now()
	n.kill(3)
	d := cli.Eventually(t, 30*time.Second, "blocks with node3 killed", func() bool { return n.height(0) >= h+3 })
	logf("node3 killed (SIGKILL) at height %d: 3 more blocks in %s", h, d.Round(time.Millisecond))

	// It restarts and catches up.
	target := n.height(0)
	n.restart(3)
	d = cli.Eventually(t, 60*time.Second, "node3 catches up", func() bool { return n.height(3) >= target })
	logf("node3 restarted %s after the kill: caught up with height %d in %s", time.Since(killed).Round(time.Second), target, d.Round(time.Millisecond))

	// Two of four down: no quorum, no blocks.
	n.kill(2)
	n.kill(3)
	time.Sleep(3 * time.Second) // a block in flight may still finish
	stalled := n.height(0)
	time.Sleep(10 * time.Second)
	require.LessOrEqual(t, n.height(0), stalled, "no block without two thirds of the votes")
	logf("node2 and node3 killed: height stays at %d for 10s", stalled)

	// One returns: blocks resume.
	n.restart(2)
	d = cli.Eventually(t, 90*time.Second, "blocks resume", func() bool { return n.height(0) > stalled })
	logf("node2 restarted: blocks resumed after %s", d.Round(time.Millisecond))
	n.restart(3)
	target = n.height(0)
	d = cli.Eventually(t, 90*time.Second, "node3 catches up again", func() bool { return n.height(3) >= target })
	logf("node3 restarted: caught up with height %d in %s", target, d.Round(time.Millisecond))
	time.Sleep(3 * time.Second)

	// Every accepted transfer is in a block, once; balances match.
	close(stop)
	accepted := wait()
	require.NotEmpty(t, accepted)
	total := int64(0)
	for _, s := range accepted {
		res, ok := n.c.Committed(n.node(0), s.hash, time.Minute)
		require.True(t, ok, "accepted tx %s in a block", s.hash)
		require.Zero(t, res.Code, res.RawLog)
		total += s.amount
	}
	require.Equal(t, recipientBefore.Add(math.NewInt(total)), n.c.Balance(n.node(0), recipient, "ursc"), "paid once each")
	require.Equal(t, aliceBefore.Sub(math.NewInt(total)), n.c.Balance(n.node(0), alice, "ursc"))

	// The four agree on the chain.
	common := n.height(0)
	for i := 1; i < 4; i++ {
		common = min(common, n.height(i))
	}
	var hashes []string
	for i := range 4 {
		var block struct {
			Header struct {
				AppHash string `json:"app_hash"`
			} `json:"header"`
		}
		n.c.Query(n.node(i), &block, "query", "block", "--type=height", strconv.FormatInt(common, 10))
		hashes = append(hashes, block.Header.AppHash)
	}
	require.NotEmpty(t, hashes[0])
	for i := 1; i < 4; i++ {
		require.Equal(t, hashes[0], hashes[i], "node%d's app hash at height %d", i, common)
	}
	logf("%d transfers accepted while faults ran: all in blocks, each paid once; the four nodes agree at height %d", len(accepted), common)
	fmt.Println("faults:\n  " + strings.Join(report, "\n  "))
}
