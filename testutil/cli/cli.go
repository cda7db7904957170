// Package cli drives running conductord nodes through the conductord CLI, as members and
// operators do, for the tests on real processes (networks/).
package cli

import (
	"encoding/json"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
)

// Chain is a running chain as the CLI reaches it: a home with the test keyring, a node.
type Chain struct {
	Home, Node, ChainID string
}

// CLI runs the conductord binary Bin for a test.
type CLI struct {
	T   testing.TB
	Bin string
}

// Run runs conductord and returns its output; a failure fails the test.
func (c CLI) Run(args ...string) []byte {
	c.T.Helper()
	out, err := exec.Command(c.Bin, args...).Output()
	if ee, ok := err.(*exec.ExitError); ok {
		c.T.Fatalf("conductord %s: %v: %s", strings.Join(args, " "), err, ee.Stderr)
	}
	require.NoError(c.T, err)
	return out
}

// Query runs a query against ch and decodes its JSON into out.
func (c CLI) Query(ch Chain, out any, args ...string) {
	c.T.Helper()
	require.NoError(c.T, json.Unmarshal(c.Run(append(args, "--node", ch.Node, "-o", "json")...), out))
}

// Addr is the address of key in ch's keyring.
func (c CLI) Addr(ch Chain, key string) string {
	c.T.Helper()
	return strings.TrimSpace(string(c.Run("keys", "show", key, "-a", "--keyring-backend", "test", "--home", ch.Home)))
}

// Balance is addr's balance of denom on ch.
func (c CLI) Balance(ch Chain, addr, denom string) math.Int {
	c.T.Helper()
	var res struct {
		Balance struct{ Amount string } `json:"balance"`
	}
	c.Query(ch, &res, "query", "bank", "balance", addr, denom)
	if res.Balance.Amount == "" {
		return math.ZeroInt()
	}
	n, ok := math.NewIntFromString(res.Balance.Amount)
	require.True(c.T, ok, res.Balance.Amount)
	return n
}

// Height is ch's latest block height, or -1 if its node does not answer.
func (c CLI) Height(ch Chain) int64 {
	out, err := exec.Command(c.Bin, "status", "--node", ch.Node).Output()
	if err != nil {
		return -1
	}
	var st struct {
		SyncInfo struct {
			Height string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if json.Unmarshal(out, &st) != nil {
		return -1
	}
	h, err := strconv.ParseInt(st.SyncInfo.Height, 10, 64)
	if err != nil {
		return -1
	}
	return h
}

// TxResult is what a committed tx left: its code, log and events.
type TxResult struct {
	Code   uint32 `json:"code"`
	RawLog string `json:"raw_log"`
	Height string `json:"height"`
	Events []struct {
		Type       string `json:"type"`
		Attributes []struct{ Key, Value string }
	} `json:"events"`
}

// Attr is the value of the first attribute key of an event of type typ.
func (t TxResult) Attr(typ, key string) string {
	for _, ev := range t.Events {
		if ev.Type == typ {
			for _, a := range ev.Attributes {
				if a.Key == key {
					return strings.Trim(a.Value, `"`)
				}
			}
		}
	}
	return ""
}

// Broadcast signs a tx with key on ch and hands it to the node (sync: CheckTx); it returns
// the hash, and the CheckTx code and log.
func (c CLI) Broadcast(ch Chain, key string, args ...string) (hash string, code uint32, log string) {
	c.T.Helper()
	var sent struct {
		Code   uint32 `json:"code"`
		TxHash string `json:"txhash"`
		RawLog string `json:"raw_log"`
	}
	args = append(args, "--from", key, "--keyring-backend", "test", "--home", ch.Home, "--node", ch.Node,
		"--chain-id", ch.ChainID, "--gas", "3000000", "-y", "-o", "json")
	require.NoError(c.T, json.Unmarshal(c.Run(args...), &sent))
	return sent.TxHash, sent.Code, sent.RawLog
}

// Committed waits up to d for the tx to be in a block and returns its result.
func (c CLI) Committed(ch Chain, hash string, d time.Duration) (TxResult, bool) {
	var res TxResult
	deadline := time.Now().Add(d)
	for {
		out, err := exec.Command(c.Bin, "query", "tx", hash, "--node", ch.Node, "-o", "json").Output()
		if err == nil && json.Unmarshal(out, &res) == nil {
			return res, true
		}
		if time.Now().After(deadline) {
			return res, false
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// Tx signs with key on ch, waits for its block and requires success.
func (c CLI) Tx(ch Chain, key string, args ...string) TxResult {
	c.T.Helper()
	hash, code, log := c.Broadcast(ch, key, args...)
	require.Zero(c.T, code, log)
	res, ok := c.Committed(ch, hash, 20*time.Second)
	require.True(c.T, ok, "tx %s not in a block", hash)
	require.Zero(c.T, res.Code, res.RawLog)
	return res
}

// Eventually polls cond every half second for up to d and fails the test if it never holds.
func Eventually(t testing.TB, d time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for deadline := start.Add(d); ; time.Sleep(250 * time.Millisecond) {
		if cond() {
			return time.Since(start)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after %s", what, d)
		}
	}
}
