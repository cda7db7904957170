//go:build upgrade

// Package upgrade runs a software upgrade decided by the members, on real processes: a
// one-validator region created and started with the v1 binary (the commit that introduced
// x/assembly at state version 1) under cosmovisor, an upgrade proposal passed by the
// assembly, the halt at the plan's height, cosmovisor's switch to the v2 binary (this tree),
// whose "v2" handler migrates x/assembly to version 2 (proposals indexed by kind). Run with
// `make test-upgrade`; it prints the build times and how long the halt lasted.
package upgrade

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/conductor-coop/conductor/testutil/cli"
)

const (
	// v1Commit introduced x/assembly, at state version 1.
	v1Commit = "09c0fcf337ccee178d482f3e27029efe82fe9636"
	chainID  = "region-upgrade-1"
	// ports clear of the localnet (26656-26657, 9090, 1317), networks/local-4 (+100·i) and
	// networks/two-regions (27656-27657, 28656-28657, 10090, 11090, 2317, 3317).
	p2pPort  = 29656
	rpcPort  = 29657
	grpcPort = 29090
	// the assembly's periods in this region (every kind).
	deliberation = 0 * time.Second
	votingPeriod = 15 * time.Second
	v1Version    = "v1-09c0fcf"
	v2Version    = "v2-dev"
)

// kindIndexPrefix is x/assembly's ProposalsByKind prefix (types.ProposalsByKind): empty in a
// version-1 store, one key a proposal in version 2.
var kindIndexPrefix = []byte{11}

type run struct {
	t               *testing.T
	root, dir, home string
	v1, v2          cli.CLI
	ch              cli.Chain
	log             string
	timings         []string
	cosmovisor      string
}

func (r *run) logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	r.timings = append(r.timings, line)
	r.t.Log(line)
}

// sh runs a command in dir and fails the test with its output if it fails.
func sh(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %s: %s", name, strings.Join(args, " "), out)
	return strings.TrimSpace(string(out))
}

// v1Source returns a worktree of v1Commit under build/ (kept between runs, so that its
// packages stay in the build cache), refusing one whose files were changed.
func v1Source(t *testing.T, root string) string {
	src := filepath.Join(root, "build", "upgrade", "v1-src")
	if head, err := exec.Command("git", "-C", src, "rev-parse", "HEAD").Output(); err == nil && strings.TrimSpace(string(head)) == v1Commit {
		require.Empty(t, sh(t, src, nil, "git", "status", "--porcelain"), "the v1 source in %s was changed", src)
		return src
	}
	if _, err := os.Stat(src); err == nil {
		sh(t, root, nil, "git", "worktree", "remove", "--force", src)
	}
	sh(t, root, nil, "git", "worktree", "prune")
	if exec.Command("git", "-C", root, "cat-file", "-e", v1Commit+"^{commit}").Run() != nil {
		// a shallow clone: the release being upgraded from is in the history, fetch it
		out, err := exec.Command("git", "-C", root, "fetch", "--quiet", "origin", v1Commit).CombinedOutput()
		require.NoError(t, err, "the v1 release %s is not in this clone's history and could not be fetched (%s): clone with history", v1Commit, out)
	}
	sh(t, root, nil, "git", "worktree", "add", "--detach", src, v1Commit)
	return src
}

// build builds conductord from src into out with its version set; it returns how long it took.
func build(t *testing.T, src, out, version string) time.Duration {
	start := time.Now()
	sh(t, src, nil, "go", "build", "-ldflags", "-X github.com/cosmos/cosmos-sdk/version.Version="+version, "-o", out, "./cmd/conductord")
	return time.Since(start)
}

func (r *run) cfg(file string, kv ...string) {
	for i := 0; i < len(kv); i += 2 {
		args := []string{"config", "set", file, kv[i], kv[i+1], "--home", r.home}
		if file == "config" {
			args = append(args, "--skip-validate")
		}
		r.v1.Run(args...)
	}
}

// initRegion creates the region with the v1 binary, as scripts/localnet.sh does: alice, bob
// and carol found it, dave is not a member, node runs the validator.
func (r *run) initRegion() {
	c := r.v1
	c.Run("init", "node", "--chain-id", chainID, "--default-denom", "ursc", "--home", r.home)
	kr := []string{"--keyring-backend", "test", "--home", r.home}
	addr := map[string]string{}
	for _, k := range []string{"node", "alice", "bob", "carol", "dave"} {
		c.Run(append([]string{"keys", "add", k}, kr...)...)
		addr[k] = c.Addr(r.ch, k)
		c.Run("genesis", "add-genesis-account", addr[k], "100000000000ursc", "--home", r.home)
	}
	c.Run("genesis", "region", "add-members", addr["alice"], addr["bob"], addr["carol"], "--home", r.home)
	c.Run("genesis", "region", "add-institution", "company", "Bakery Co-op", addr["alice"], addr["bob"], "--home", r.home)
	c.Run("genesis", "region", "set-assembly", "--deliberation-period", deliberation.String(), "--voting-period", votingPeriod.String(), "--home", r.home)
	c.Run("genesis", "region", "fund-treasury", "1000000000000ursc", "--home", r.home)
	c.Run(append([]string{"genesis", "gentx", "node", "10000000000ursc", "--chain-id", chainID}, kr...)...)
	c.Run("genesis", "collect-gentxs", "--home", r.home)
	c.Run("genesis", "validate", "--home", r.home)
	r.cfg("client", "chain-id", chainID, "keyring-backend", "test", "node", r.ch.Node)
	r.cfg("app", "minimum-gas-prices", "0ursc", "grpc.address", fmt.Sprintf("127.0.0.1:%d", grpcPort), "api.enable", "false",
		"iavl-disable-fastnode", "true")
	r.cfg("config", "p2p.laddr", fmt.Sprintf("tcp://127.0.0.1:%d", p2pPort), "rpc.laddr", r.ch.Node,
		"rpc.pprof_laddr", "", "consensus.timeout_commit", "1s")
}

// cosmovisorEnv is the environment cosmovisor runs the node with.
func (r *run) cosmovisorEnv() []string {
	return []string{"DAEMON_NAME=conductord", "DAEMON_HOME=" + r.home, "DAEMON_RESTART_AFTER_UPGRADE=true",
		"DAEMON_ALLOW_DOWNLOAD_BINARIES=false", "COSMOVISOR_COLOR_LOGS=false"}
}

// start runs `cosmovisor run start` in its own process group; the test's end stops the group.
func (r *run) start() {
	for _, port := range []int{p2pPort, rpcPort, grpcPort} {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		require.NoError(r.t, err, "port %d is in use: stop what runs there", port)
		require.NoError(r.t, l.Close())
	}
	log, err := os.Create(r.log)
	require.NoError(r.t, err)
	cmd := exec.Command(r.cosmovisor, "run", "start", "--home", r.home, "--log_no_color")
	cmd.Env = append(os.Environ(), r.cosmovisorEnv()...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(r.t, cmd.Start())
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); log.Close(); close(done) }()
	pgid := cmd.Process.Pid
	r.t.Cleanup(func() {
		_ = syscall.Kill(-pgid, syscall.SIGTERM) // cosmovisor and the node it runs
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-done
		}
		// a node cosmovisor restarted is in the same group; wait until none is left.
		for i := 0; i < 50 && syscall.Kill(-pgid, 0) == nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	})
}

func (r *run) height() int64 { return r.v2.Height(r.ch) }

// rpc gets an RPC endpoint of the node and decodes its result into out.
func (r *run) rpc(path string, query url.Values, out any) {
	r.t.Helper()
	res, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/%s?%s", rpcPort, path, query.Encode()))
	require.NoError(r.t, err)
	defer res.Body.Close()
	bz, err := io.ReadAll(res.Body)
	require.NoError(r.t, err)
	var body struct {
		Result json.RawMessage `json:"result"`
	}
	require.NoError(r.t, json.Unmarshal(bz, &body), string(bz))
	require.NoError(r.t, json.Unmarshal(body.Result, out), string(bz))
}

// kindIndexKeys counts the keys under x/assembly's kind-index prefix, read from the store
// itself (an ABCI store query), not through the module.
func (r *run) kindIndexKeys() int {
	r.t.Helper()
	var res struct {
		Response struct {
			Code  uint32 `json:"code"`
			Log   string `json:"log"`
			Value string `json:"value"`
		} `json:"response"`
	}
	r.rpc("abci_query", url.Values{"path": {`"/store/assembly/subspace"`}, "data": {fmt.Sprintf("0x%x", kindIndexPrefix)}}, &res)
	require.Zero(r.t, res.Response.Code, res.Response.Log)
	bz, err := base64.StdEncoding.DecodeString(res.Response.Value)
	require.NoError(r.t, err)
	// the value is the store's KV pairs message: field 1, one a pair.
	n := 0
	for len(bz) > 0 {
		num, typ, l := protowire.ConsumeTag(bz)
		require.GreaterOrEqual(r.t, l, 0)
		bz = bz[l:]
		l = protowire.ConsumeFieldValue(num, typ, bz)
		require.GreaterOrEqual(r.t, l, 0)
		bz = bz[l:]
		if num == 1 {
			n++
		}
	}
	return n
}

// appVersion is the version the running application reports (ABCI Info).
func (r *run) appVersion() string {
	var res struct {
		Response struct {
			Version string `json:"version"`
		} `json:"response"`
	}
	r.rpc("abci_info", nil, &res)
	return res.Response.Version
}

func (r *run) moduleVersion(c cli.CLI, module string) string {
	var res struct {
		Versions []struct{ Name, Version string } `json:"module_versions"`
	}
	c.Query(r.ch, &res, "query", "upgrade", "module-versions", module)
	require.Len(r.t, res.Versions, 1)
	return res.Versions[0].Version
}

// proposalsOfKind lists the ids of the proposals of kind (the assembly's Proposals query).
func (r *run) proposalsOfKind(c cli.CLI, kind string) []string {
	var res struct {
		Proposals []struct {
			ID     string `json:"id"`
			Kind   string `json:"kind"`
			Status string `json:"status"`
		} `json:"proposals"`
	}
	flag := strings.ToLower(strings.TrimPrefix(kind, "PROPOSAL_KIND_")) // AutoCLI's enum flag: --kind upgrade
	c.Query(r.ch, &res, "query", "assembly", "proposals", "--kind", flag)
	ids := []string{}
	for _, p := range res.Proposals {
		require.Equal(r.t, kind, p.Kind)
		ids = append(ids, p.ID)
	}
	return ids
}

// state is what the upgrade must leave as it was: balances, agents, the assembly's account,
// the proposals.
func (r *run) state(c cli.CLI) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"alice", "bob", "carol", "dave", "node"} {
		out["balance "+k] = c.Balance(r.ch, c.Addr(r.ch, k), "ursc").String()
	}
	for _, kind := range []string{"company", "treasury", "assembly"} {
		var v any
		c.Query(r.ch, &v, "query", "membership", "agents", kind)
		out["agents "+kind] = v
	}
	var assembly, proposals any
	c.Query(r.ch, &assembly, "query", "membership", "assembly")
	c.Query(r.ch, &proposals, "query", "assembly", "proposals")
	out["assembly"], out["proposals"] = assembly, proposals
	return out
}

// propose submits a proposal of kind with msgs from key and returns its id.
func (r *run) propose(c cli.CLI, key, kind, title string, msgs ...map[string]any) string {
	bz, err := json.Marshal(map[string]any{"kind": kind, "title": title, "summary": "upgrade test", "messages": msgs})
	require.NoError(r.t, err)
	file := filepath.Join(r.dir, strings.ReplaceAll(title, " ", "-")+".json")
	require.NoError(r.t, os.WriteFile(file, bz, 0o600))
	id := c.Tx(r.ch, key, "tx", "assembly", "propose", file).Attr("conductor.assembly.v1.EventProposed", "proposal_id")
	require.NotEmpty(r.t, id)
	return id
}

func (r *run) logHas(s string) bool {
	bz, _ := os.ReadFile(r.log)
	return strings.Contains(string(bz), s)
}

func TestUpgrade(t *testing.T) {
	begin := time.Now()
	here, err := os.Getwd()
	require.NoError(t, err)
	root := filepath.Clean(filepath.Join(here, "..", ".."))
	r := &run{t: t, root: root, cosmovisor: filepath.Join(root, "build", "cosmovisor")}
	_, err = os.Stat(r.cosmovisor)
	require.NoError(t, err, "cosmovisor: run make cosmovisor first (make test-upgrade does)")

	// the two binaries: v1 from its commit, v2 from this tree.
	bins := filepath.Join(root, "build", "upgrade", "bin")
	src := v1Source(t, root)
	d := build(t, src, filepath.Join(bins, "v1", "conductord"), v1Version)
	r.logf("build v1 (%s, in %s): %s", v1Commit[:7], src, d.Round(100*time.Millisecond))
	d = build(t, root, filepath.Join(bins, "v2", "conductord"), v2Version)
	r.logf("build v2 (this tree): %s", d.Round(100*time.Millisecond))
	r.v1 = cli.CLI{T: t, Bin: filepath.Join(bins, "v1", "conductord")}
	r.v2 = cli.CLI{T: t, Bin: filepath.Join(bins, "v2", "conductord")}

	r.dir, err = os.MkdirTemp("", "conductor-upgrade-")
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("logs and home kept in %s (node log: %s)", r.dir, r.log)
			return
		}
		_ = os.RemoveAll(r.dir)
	})
	r.home, r.log = filepath.Join(r.dir, "home"), filepath.Join(r.dir, "node.log")
	r.ch = cli.Chain{Home: r.home, Node: fmt.Sprintf("tcp://127.0.0.1:%d", rpcPort), ChainID: chainID}
	r.initRegion()

	// cosmovisor: genesis/bin is v1, upgrades/v2/bin is v2.
	env := r.cosmovisorEnv()
	sh(t, r.dir, env, r.cosmovisor, "init", r.v1.Bin)
	sh(t, r.dir, env, r.cosmovisor, "add-upgrade", "v2", r.v2.Bin)
	r.start()
	cli.Eventually(t, 90*time.Second, "the region's first blocks", func() bool { return r.height() >= 2 })
	h0, t0 := r.height(), time.Now()
	require.Equal(t, v1Version, r.appVersion())
	require.Equal(t, "1", r.moduleVersion(r.v1, "assembly"))
	require.Zero(t, r.kindIndexKeys(), "v1 has no kind index")

	// a membership proposal no one votes on, then the upgrade the members pass.
	assembly := map[string]any{}
	r.v1.Query(r.ch, &assembly, "query", "membership", "assembly")
	assemblyAddr := assembly["assembly"].(map[string]any)["address"].(string)
	dave := r.v1.Addr(r.ch, "dave")
	admitID := r.propose(r.v1, "bob", "PROPOSAL_KIND_MEMBERSHIP", "admit dave",
		map[string]any{"@type": "/conductor.membership.v1.MsgAdmitMember", "authority": assemblyAddr, "person": dave})

	// the plan's height: past the proposal's close, at the block time seen so far (taken a
	// little short, so that the estimate errs towards later), plus a margin.
	h1 := r.height()
	blockTime := time.Since(t0) / time.Duration(max(h1-h0, 1))
	blockTime = min(max(blockTime*4/5, 500*time.Millisecond), time.Second)
	planHeight := h1 + int64((deliberation+votingPeriod+5*time.Second)/blockTime) + 8
	r.logf("height %d, ~%s a block: upgrade planned at height %d", h1, blockTime.Round(time.Millisecond), planHeight)
	p := r.v1.Decide(r.ch, "alice", []string{"alice", "bob", "carol"}, "PROPOSAL_KIND_UPGRADE", map[string]any{
		"@type": "/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade", "authority": assemblyAddr,
		"plan": map[string]any{"name": "v2", "height": strconv.FormatInt(planHeight, 10), "info": "assembly state version 2"},
	})
	require.Equal(t, "PROPOSAL_STATUS_PASSED", p.Proposal.Status, p.Proposal.ResultLog)
	upgradeID := p.Proposal.ID
	closedAt := r.height()
	require.Less(t, closedAt, planHeight, "the proposal closed before the plan's height")
	var plan struct {
		Plan struct{ Name, Height string } `json:"plan"`
	}
	r.v1.Query(r.ch, &plan, "query", "upgrade", "plan")
	require.Equal(t, "v2", plan.Plan.Name)
	require.Equal(t, strconv.FormatInt(planHeight, 10), plan.Plan.Height)
	r.logf("upgrade proposal %d passed at height ~%d; plan v2 at %d", mustAtoi(t, upgradeID), closedAt, planHeight)
	cli.Eventually(t, time.Minute, "the membership proposal closes", func() bool {
		return r.v1.AssemblyProposal(r.ch, admitID).Proposal.Status != "PROPOSAL_STATUS_VOTING"
	})
	before := r.state(r.v1)

	// v1 halts at the plan's height; cosmovisor switches to v2, which applies the upgrade.
	needed := fmt.Sprintf(`UPGRADE "v2" NEEDED at height: %d`, planHeight)
	wait := time.Duration(planHeight-r.height()+30) * 2 * time.Second
	cli.Eventually(t, wait, "v1 halts at the plan's height ("+needed+")", func() bool { return r.logHas(needed) })
	halted := time.Now()
	cli.Eventually(t, 2*time.Minute, "blocks resume past the upgrade height on v2", func() bool { return r.height() > planHeight })
	resumed := time.Since(halted)
	r.logf("halt to resume: v1 halted at height %d; v2 committed height %d %s later", planHeight, planHeight+1, resumed.Round(10*time.Millisecond))
	cli.Eventually(t, 30*time.Second, "more blocks", func() bool { return r.height() >= planHeight+3 })

	// what cosmovisor did, and what v2 did.
	current, err := os.Readlink(filepath.Join(r.home, "cosmovisor", "current"))
	require.NoError(t, err)
	require.Equal(t, filepath.Join(r.home, "cosmovisor", "upgrades", "v2"), current)
	require.Equal(t, v2Version, r.appVersion())
	require.True(t, r.logHas(fmt.Sprintf(`applying upgrade "v2" at height: %d`, planHeight)), "v2 applied the upgrade at its height")
	require.True(t, r.logHas("migrated state 1 to 2"), "the assembly's migration ran")
	var applied struct {
		Height string `json:"height"`
	}
	r.v2.Query(r.ch, &applied, "query", "upgrade", "applied", "v2")
	require.Equal(t, strconv.FormatInt(planHeight, 10), applied.Height)
	require.Equal(t, "2", r.moduleVersion(r.v2, "assembly"))
	// governanceparams 2 gives the region the default retention, payroll 2 and bankloans 2
	// queue their payslips and loan payments to be folded after it
	require.Equal(t, "2", r.moduleVersion(r.v2, "governanceparams"))
	require.Equal(t, "2", r.moduleVersion(r.v2, "payroll"))
	require.Equal(t, "2", r.moduleVersion(r.v2, "bankloans"))
	var params struct {
		Params struct {
			Retention struct {
				Window           string `json:"window"`
				MaxFoldsPerBlock int    `json:"max_folds_per_block"`
			} `json:"retention"`
		} `json:"params"`
	}
	r.v2.Query(r.ch, &params, "query", "governanceparams", "params")
	require.Equal(t, "2160h0m0s", params.Params.Retention.Window, "90 days")
	require.Equal(t, 500, params.Params.Retention.MaxFoldsPerBlock)

	// the migrated state: the kind index holds the two proposals, and answers by kind.
	require.Equal(t, 2, r.kindIndexKeys(), "one kind-index key per proposal")
	require.Equal(t, []string{upgradeID}, r.proposalsOfKind(r.v2, "PROPOSAL_KIND_UPGRADE"))
	require.Equal(t, []string{admitID}, r.proposalsOfKind(r.v2, "PROPOSAL_KIND_MEMBERSHIP"))
	require.Empty(t, r.proposalsOfKind(r.v2, "PROPOSAL_KIND_GENERAL"))
	require.Equal(t, "PROPOSAL_STATUS_PASSED", r.v2.AssemblyProposal(r.ch, upgradeID).Proposal.Status)
	after := r.state(r.v2)
	for k, v := range before {
		require.True(t, reflect.DeepEqual(v, after[k]), "%s changed by the upgrade:\nbefore %v\nafter  %v", k, v, after[k])
	}
	require.Equal(t, len(before), len(after))

	// v2 keeps the index for new proposals.
	generalID := r.propose(r.v2, "carol", "PROPOSAL_KIND_GENERAL", "a general proposal after the upgrade",
		map[string]any{"@type": "/conductor.education.v1.MsgSetProgram", "authority": assemblyAddr, "program": map[string]any{
			"school": dave, "name": "evening classes", "capacity": 1, "yearly_cost": "1", "term": "3600s", "terms": 1}})
	require.Equal(t, []string{generalID}, r.proposalsOfKind(r.v2, "PROPOSAL_KIND_GENERAL"))
	require.Equal(t, 3, r.kindIndexKeys())

	r.logf("total: %s", time.Since(begin).Round(time.Second))
	fmt.Println("upgrade:\n  " + strings.Join(r.timings, "\n  "))
}

func mustAtoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}
