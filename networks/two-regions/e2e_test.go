//go:build e2e

// Package tworegions runs the two-region scenario on real processes: two region chains and
// the pinned Go relayer, started by start.sh, driven through the conductord CLI as members
// drive it, with balances asserted on both chains. Run it with `make e2e`.
package tworegions

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"

	"github.com/conductor-coop/conductor/testutil/cli"
)

type scenario struct {
	t          *testing.T
	c          cli.CLI
	dir, here  string
	a, b       cli.Chain
	voucherOnB string // A's ursc on B
}

func TestTwoRegions(t *testing.T) {
	here, err := os.Getwd()
	require.NoError(t, err)
	root := filepath.Join(here, "..", "..")
	s := &scenario{t: t, here: here, c: cli.CLI{T: t, Bin: filepath.Join(root, "build", "conductord")}, dir: filepath.Join(root, "build", "two-regions-e2e")}
	s.a = cli.Chain{Home: filepath.Join(s.dir, "a"), Node: "tcp://127.0.0.1:27657", ChainID: "region-a-1"}
	s.b = cli.Chain{Home: filepath.Join(s.dir, "b"), Node: "tcp://127.0.0.1:28657", ChainID: "region-b-1"}
	s.script("stop.sh") // a run interrupted before
	start := time.Now()
	s.script("start.sh")
	t.Cleanup(func() { s.script("stop.sh") })
	t.Logf("two regions linked and relaying in %s", time.Since(start).Round(time.Second))
	s.voucherOnB = s.voucher()

	for _, step := range []struct {
		name string
		run  func(*scenario)
	}{
		{"a person on A pays a person on B", (*scenario).personToPerson},
		{"a person on A buys from a company on B", (*scenario).purchase},
		{"an out-of-stock purchase is refunded on A", (*scenario).outOfStock},
		{"packets sent while the relayer is down arrive after its restart", (*scenario).relayerRestart},
		{"A's treasury contributes to B's transit pool", (*scenario).pool},
		{"a member on A sees B's listings", (*scenario).discovery},
	} {
		if !t.Run(step.name, func(t *testing.T) {
			sub := *s
			sub.t, sub.c.T = t, t
			step.run(&sub)
		}) {
			return // later steps build on earlier ones
		}
	}
}

func (s *scenario) script(name string, args ...string) {
	s.t.Helper()
	cmd := exec.Command(filepath.Join(s.here, name), args...)
	cmd.Env = append(os.Environ(), "DIR="+s.dir)
	out, err := cmd.CombinedOutput()
	require.NoError(s.t, err, "%s: %s", name, out)
}

func (s *scenario) query(ch cli.Chain, out any, args ...string) { s.c.Query(ch, out, args...) }
func (s *scenario) addr(ch cli.Chain, key string) string        { return s.c.Addr(ch, key) }
func (s *scenario) balance(ch cli.Chain, addr, denom string) math.Int {
	return s.c.Balance(ch, addr, denom)
}

func (s *scenario) eventually(d time.Duration, what string, cond func() bool) {
	s.t.Helper()
	cli.Eventually(s.t, d, what, cond)
}

// decide has the members decide msgs: for the assembly, alice proposes (a proposal of the
// kind its messages need) and alice and bob vote yes; for a company, alice proposes to its
// group (trying to execute at once) and bob votes yes and executes.
func (s *scenario) decide(r cli.Chain, policy string, msgs ...map[string]any) {
	s.t.Helper()
	if policy == s.assembly(r) {
		p := s.c.Decide(r, "alice", []string{"alice", "bob"}, "PROPOSAL_KIND_GENERAL", msgs...)
		require.Equal(s.t, "PROPOSAL_STATUS_PASSED", p.Proposal.Status, p.Proposal.ResultLog)
		return
	}
	prop, err := json.Marshal(map[string]any{
		"group_policy_address": policy, "proposers": []string{s.addr(r, "alice")}, "messages": msgs,
		"metadata": "", "title": "e2e", "summary": "two-region scenario",
	})
	require.NoError(s.t, err)
	file := filepath.Join(s.t.TempDir(), "proposal.json")
	require.NoError(s.t, os.WriteFile(file, prop, 0o600))
	submitted := s.c.Tx(r, "alice", "tx", "group", "submit-proposal", file, "--exec", "try")
	id := submitted.Attr("cosmos.group.v1.EventSubmitProposal", "proposal_id")
	require.NotEmpty(s.t, id)
	voted := s.c.Tx(r, "bob", "tx", "group", "vote", id, s.addr(r, "bob"), "VOTE_OPTION_YES", "", "--exec", "try")
	require.Equal(s.t, "PROPOSAL_EXECUTOR_RESULT_SUCCESS", voted.Attr("cosmos.group.v1.EventExec", "result"),
		voted.Attr("cosmos.group.v1.EventExec", "logs"))
}

func (s *scenario) agent(r cli.Chain, kind string) string {
	var res struct {
		Agents []struct{ Address string } `json:"agents"`
	}
	s.query(r, &res, "query", "membership", "agents", kind)
	require.NotEmpty(s.t, res.Agents, kind)
	return res.Agents[0].Address
}

func (s *scenario) assembly(r cli.Chain) string {
	var res struct {
		Assembly struct{ Address string } `json:"assembly"`
	}
	s.query(r, &res, "query", "membership", "assembly")
	return res.Assembly.Address
}

// voucher is the denom A's ursc has on B (over channel-0).
func (s *scenario) voucher() string {
	return transfertypes.ParseDenomTrace("transfer/channel-0/ursc").IBCDenom()
}

// send makes an ICS-20 transfer from key on A to receiver on B.
func (s *scenario) send(key, receiver string, amount math.Int, memo string) {
	s.t.Helper()
	args := []string{"tx", "ibc-transfer", "transfer", "transfer", "channel-0", receiver, amount.String() + "ursc"}
	if memo != "" {
		args = append(args, "--memo", memo)
	}
	s.c.Tx(s.a, key, args...)
}

func (s *scenario) personToPerson() {
	t := s.t
	alice, carolB := s.addr(s.a, "alice"), s.addr(s.b, "carol")
	before, got := s.balance(s.a, alice, "ursc"), s.balance(s.b, carolB, s.voucherOnB)
	s.send("alice", carolB, math.NewInt(3_000_000), "")
	require.Equal(t, before.SubRaw(3_000_000), s.balance(s.a, alice, "ursc"))
	s.eventually(60*time.Second, "voucher on B", func() bool { return s.balance(s.b, carolB, s.voucherOnB).Equal(got.AddRaw(3_000_000)) })
}

const listingID = "1"

func (s *scenario) purchase() {
	t := s.t
	maple := s.agent(s.b, "company")
	s.decide(s.b, maple, map[string]any{
		"@type": "/conductor.market.v1.MsgCreateListing", "seller": maple, "kind": "LISTING_KIND_PRODUCT",
		"name": "Maple syrup", "unit": "bottle", "unit_price": "1000000", "stock": "5",
	})
	var quote struct{ Amount, Tax, Total string }
	s.query(s.b, &quote, "query", "market", "quote", listingID, "2")
	total, _ := math.NewIntFromString(quote.Total)
	tax, _ := math.NewIntFromString(quote.Tax)
	require.True(t, tax.IsPositive(), "a buyer from another region pays the external sales tax")
	alice, treasuryB := s.addr(s.a, "alice"), s.agent(s.b, "treasury")
	before, sellerBefore, taxBefore := s.balance(s.a, alice, "ursc"), s.balance(s.b, maple, s.voucherOnB), s.balance(s.b, treasuryB, s.voucherOnB)
	s.send("alice", maple, total, fmt.Sprintf(`{"conductor":{"purchase":{"listing":"%s","quantity":"2"}}}`, listingID))
	s.eventually(60*time.Second, "the seller paid on B", func() bool {
		return s.balance(s.b, maple, s.voucherOnB).Equal(sellerBefore.AddRaw(2_000_000))
	})
	require.Equal(t, taxBefore.Add(tax), s.balance(s.b, treasuryB, s.voucherOnB), "B's treasury has the external sales tax")
	require.Equal(t, before.Sub(total), s.balance(s.a, alice, "ursc"))
	var listing struct {
		Listing struct{ Stock string } `json:"listing"`
	}
	s.query(s.b, &listing, "query", "market", "listing", listingID)
	require.Equal(t, "3", listing.Listing.Stock)
}

func (s *scenario) outOfStock() {
	t := s.t
	alice, maple := s.addr(s.a, "alice"), s.agent(s.b, "company")
	before, sellerBefore := s.balance(s.a, alice, "ursc"), s.balance(s.b, maple, s.voucherOnB)
	s.send("alice", maple, math.NewInt(10_000_000), fmt.Sprintf(`{"conductor":{"purchase":{"listing":"%s","quantity":"10"}}}`, listingID))
	require.Equal(t, before.SubRaw(10_000_000), s.balance(s.a, alice, "ursc"), "escrowed while in flight")
	s.eventually(60*time.Second, "refund on A", func() bool { return s.balance(s.a, alice, "ursc").Equal(before) })
	require.Equal(t, sellerBefore, s.balance(s.b, maple, s.voucherOnB))
}

func (s *scenario) relayerRestart() {
	t := s.t
	bob, carolB := s.addr(s.a, "bob"), s.addr(s.b, "carol")
	got := s.balance(s.b, carolB, s.voucherOnB)
	s.script("relay.sh", "kill") // as a crash
	s.send("bob", carolB, math.NewInt(4_000_000), "")
	s.send("bob", carolB, math.NewInt(5_000_000), "")
	time.Sleep(4 * time.Second)
	require.Equal(t, got, s.balance(s.b, carolB, s.voucherOnB), "nothing relays while the relayer is down")
	require.True(t, s.balance(s.a, bob, "ursc").IsPositive())
	restarted := time.Now()
	s.script("relay.sh", "start")
	s.eventually(90*time.Second, "both packets after the restart", func() bool {
		return s.balance(s.b, carolB, s.voucherOnB).Equal(got.AddRaw(9_000_000))
	})
	t.Logf("packets relayed %s after the relayer restarted", time.Since(restarted).Round(time.Second))
}

func (s *scenario) pool() {
	t := s.t
	asmB := s.assembly(s.b)
	s.decide(s.b, asmB, map[string]any{
		"@type": "/conductor.federation.v1.MsgCreatePool", "authority": asmB, "name": "Transit", "purpose": "the inter-regional railway",
		"representatives": []map[string]string{{"address": s.addr(s.b, "carol"), "chain_id": s.b.ChainID}, {"address": s.addr(s.b, "bob"), "chain_id": s.a.ChainID}},
	})
	var pools struct {
		Pools []struct{ ID, Address string } `json:"pools"`
	}
	s.query(s.b, &pools, "query", "federation", "pools")
	require.Len(t, pools.Pools, 1)
	pool := pools.Pools[0].Address

	asmA, treasuryA := s.assembly(s.a), s.agent(s.a, "treasury")
	before := s.balance(s.a, treasuryA, "ursc")
	s.decide(s.a, asmA, map[string]any{
		"@type": "/conductor.federation.v1.MsgContribute", "authority": asmA, "region": "region-b", "pool_id": "1", "amount": "10000000",
	})
	require.Equal(t, before.SubRaw(10_000_000), s.balance(s.a, treasuryA, "ursc"))
	s.eventually(60*time.Second, "the contribution in B's pool", func() bool {
		return s.balance(s.b, pool, s.voucherOnB).Equal(math.NewInt(10_000_000))
	})
	var shares struct {
		Regions []struct {
			ChainID string `json:"chain_id"`
			Region  string `json:"region"`
			Balance []struct{ Denom, Amount string }
		} `json:"regions"`
	}
	s.query(s.b, &shares, "query", "federation", "pool", "1")
	require.Len(t, shares.Regions, 1)
	require.Equal(t, "region-a", shares.Regions[0].Region)
	require.Equal(t, s.a.ChainID, shares.Regions[0].ChainID)
	require.Equal(t, "10000000", shares.Regions[0].Balance[0].Amount)
}

func (s *scenario) discovery() {
	t := s.t
	var res struct {
		Regions []struct {
			Region string
			Error  string
			Result struct {
				Listings []struct{ Name string } `json:"listings"`
			}
		} `json:"regions"`
	}
	require.NoError(t, json.Unmarshal(s.c.Run("query", "federation", "listings", "--home", s.a.Home, "--node", s.a.Node), &res))
	require.Len(t, res.Regions, 2, "this region and region-b")
	require.Equal(t, "this region", res.Regions[0].Region)
	require.Equal(t, "region-b", res.Regions[1].Region)
	require.Empty(t, res.Regions[1].Error)
	require.Len(t, res.Regions[1].Result.Listings, 1)
	out, err := exec.Command(s.c.Bin, "query", "federation", "jobs", "--region", "atlantis", "--home", s.a.Home, "--node", s.a.Node).CombinedOutput()
	require.Error(t, err)
	require.Contains(t, string(out), "unknown region")
}
