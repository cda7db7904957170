//go:build explorer

// Package explorer tests the explorer node on real processes: a one-validator demo region
// (scripts/localnet.sh's, with a pay period of 10 s) and, following it, the explorer that
// start.sh starts (PostgreSQL in a temporary folder, CometBFT's psql event sink, the views
// of views.sql). A worker is hired and paid for two pay periods and more, and a person buys
// from a listing (scripts/demo.sh); the payslips, the order and the treasury's revenue the
// chain's queries give must be in the explorer's views with the same amounts, heights and
// block times. Run it with `make test-explorer`; it needs Debian's postgresql (.ci/run
// installs it) and skips without it.
package explorer

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/testutil/cli"
)

const (
	chainID = "region-local-1" // scripts/localnet.sh's
	// ports clear of the localnet (26656-26657, 9090, 1317, and the explorer's defaults
	// 26666-26667, 9091, 5433), networks/local-4 (+100·i), networks/two-regions (27656-28657,
	// 10090, 11090, 2317, 3317) and networks/upgrade (29656-29657, 29090).
	valP2P, valRPC, valGRPC = 30656, 30657, 30090
	expP2P, expRPC, expGRPC = 30666, 30667, 30091
	pgPort                  = 30432
	payPeriod               = 10 * time.Second
	// retention: the records are folded out of the chain's state after it
	retention = 90 * time.Second
)

type run struct {
	t              *testing.T
	c              cli.CLI
	root, here     string
	dir, home, exp string
	ch             cli.Chain
	pgBin          string
}

// postgresBin is the newest /usr/lib/postgresql/*/bin that has initdb, or "".
func postgresBin() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[i]))))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[j]))))
		return vi < vj
	})
	if len(dirs) == 0 {
		return ""
	}
	return filepath.Dir(dirs[len(dirs)-1])
}

func TestExplorer(t *testing.T) {
	pgBin := postgresBin()
	if pgBin == "" {
		t.Skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql (.ci/run does)")
	}
	here, err := os.Getwd()
	require.NoError(t, err)
	root := filepath.Join(here, "..", "..")
	bin := filepath.Join(root, "build", "conductord")
	_, err = os.Stat(bin)
	require.NoError(t, err, "no %s: make build (make test-explorer does)", bin)
	for _, port := range []int{valP2P, valRPC, valGRPC, expP2P, expRPC, expGRPC, pgPort} {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		require.NoError(t, err, "port %d is in use: stop what runs there", port)
		require.NoError(t, l.Close())
	}
	// Not t.TempDir(): its folders are the test user's only, and PostgreSQL runs as the
	// postgres user when the test runs as root.
	dir, err := os.MkdirTemp("", "conductor-explorer-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("kept %s (the region in region/, the explorer and its logs in explorer/)", dir)
			return
		}
		_ = os.RemoveAll(dir)
	})
	r := &run{
		t: t, c: cli.CLI{T: t, Bin: bin}, root: root, here: here, dir: dir, pgBin: pgBin,
		home: filepath.Join(dir, "region"), exp: filepath.Join(dir, "explorer"),
	}
	r.ch = cli.Chain{Home: r.home, Node: fmt.Sprintf("tcp://127.0.0.1:%d", valRPC), ChainID: chainID}
	start := time.Now()
	r.startRegion()
	r.startExplorer()
	t.Logf("region and explorer running in %s", time.Since(start).Round(time.Second))

	// scripts/demo.sh: the Bakery Co-op lists rye bread and posts a baker's job; dave buys
	// two loaves.
	r.sh(r.root, []string{"BIN=" + bin, "LOCALNET_HOME=" + r.home, "RPC=" + r.ch.Node}, "./scripts/demo.sh")
	dave := r.c.Addr(r.ch, "dave")
	orders := r.chainOrders(dave) // read before the retention window folds them
	r.payPeriods(dave)
	payslips := r.chainPayslips(dave)
	t.Logf("demo activity and the pay periods done at %s", time.Since(start).Round(time.Second))

	height := r.c.Height(r.ch)
	r.caughtUp(height)
	r.checkPayslips(payslips)
	r.checkOrders(orders)
	r.checkRevenue(height)
	r.checkFlows(dave, len(payslips), len(orders))
	t.Logf("%d payslips and %d order(s) in the explorer as on the chain; %s in all", len(payslips), len(orders), time.Since(start).Round(time.Second))

	// After the retention window the chain keeps the month's statement in their place; the
	// explorer keeps every payslip and the order, as the chain gave them before.
	r.folded(dave, payslips)
	r.caughtUp(r.c.Height(r.ch))
	r.checkPayslips(payslips)
	r.checkOrders(orders)
	t.Logf("folded out of the chain's state, kept by the explorer; %s in all", time.Since(start).Round(time.Second))
}

// folded waits until the chain has folded the worker's payslips and the seller's orders
// into statements, and checks that the statements sum the payslips the chain gave before.
func (r *run) folded(worker string, before []payslip) {
	t := r.t
	var res struct {
		Payslips   []payslip `json:"payslips"`
		Statements []struct {
			Payslips      uint32 `json:"payslips"`
			SecondsWorked string `json:"seconds_worked"`
			Gross         string `json:"gross"`
			Tax           string `json:"tax"`
			Net           string `json:"net"`
		} `json:"statements"`
	}
	cli.Eventually(t, retention+2*time.Minute, "the payslips folded into statements", func() bool {
		res.Payslips, res.Statements = nil, nil
		r.c.Query(r.ch, &res, "query", "payroll", "payslips", worker)
		return len(res.Payslips) == 0 && len(res.Statements) > 0
	})
	sum := func(get func(payslip) string) string {
		total := math.ZeroInt()
		for _, p := range before {
			n, ok := math.NewIntFromString(get(p))
			require.True(t, ok, get(p))
			total = total.Add(n)
		}
		return total.String()
	}
	gross, tax, net, slips := math.ZeroInt(), math.ZeroInt(), math.ZeroInt(), uint32(0)
	for _, st := range res.Statements {
		g, _ := math.NewIntFromString(st.Gross)
		x, _ := math.NewIntFromString(st.Tax)
		n, _ := math.NewIntFromString(st.Net)
		gross, tax, net, slips = gross.Add(g), tax.Add(x), net.Add(n), slips+st.Payslips
	}
	require.Equal(t, uint32(len(before)), slips, "the statements count the payslips")
	require.Equal(t, sum(func(p payslip) string { return p.Gross }), gross.String())
	require.Equal(t, sum(func(p payslip) string { return p.Tax }), tax.String())
	require.Equal(t, sum(func(p payslip) string { return p.Net }), net.String())
	var orders struct {
		Orders []json.RawMessage `json:"orders"`
	}
	cli.Eventually(t, time.Minute, "the orders folded", func() bool {
		orders.Orders = nil
		r.c.Query(r.ch, &orders, "query", "market", "orders")
		return len(orders.Orders) == 0
	})
}

// sh runs a command in dir and fails the test with its output if it fails.
func (r *run) sh(dir string, env []string, name string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "%s %s: %s", name, strings.Join(args, " "), out)
	return strings.TrimSpace(string(out))
}

// startRegion creates the demo region of scripts/localnet.sh in r.home, with a pay period of
// 10 s and the test's ports, and starts its validator.
func (r *run) startRegion() {
	c := r.c
	r.sh(r.root, []string{"BIN=" + c.Bin, "LOCALNET_HOME=" + r.home, "LOCALNET_INIT_ONLY=1"}, "./scripts/localnet.sh")
	c.Run("genesis", "region", "set-params", "pay_period="+payPeriod.String(), "retention.window="+retention.String(), "--home", r.home)
	c.Run("genesis", "validate", "--home", r.home)
	set := func(file string, kv ...string) {
		for i := 0; i < len(kv); i += 2 {
			args := []string{"config", "set", file, kv[i], kv[i+1], "--home", r.home}
			if file == "config" {
				args = append(args, "--skip-validate")
			}
			c.Run(args...)
		}
	}
	set("config", "p2p.laddr", fmt.Sprintf("tcp://127.0.0.1:%d", valP2P), "rpc.laddr", r.ch.Node, "rpc.pprof_laddr", "")
	set("app", "grpc.address", fmt.Sprintf("127.0.0.1:%d", valGRPC), "api.enable", "false")

	log, err := os.Create(filepath.Join(r.dir, "validator.log"))
	require.NoError(r.t, err)
	cmd := exec.Command(c.Bin, "start", "--home", r.home)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(r.t, cmd.Start())
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); log.Close(); close(done) }()
	r.t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	})
	cli.Eventually(r.t, 60*time.Second, "the region's first blocks", func() bool { return c.Height(r.ch) >= 2 })
}

// startExplorer runs start.sh (PostgreSQL, the sink's schema, the views, the full node) for
// the region; the test's end runs stop.sh.
func (r *run) startExplorer() {
	env := []string{
		"BIN=" + r.c.Bin, "DIR=" + r.exp, "LOCALNET_HOME=" + r.home, "PG_BIN=" + r.pgBin,
		fmt.Sprintf("PG_PORT=%d", pgPort), fmt.Sprintf("P2P_PORT=%d", expP2P),
		fmt.Sprintf("RPC_PORT=%d", expRPC), fmt.Sprintf("GRPC_PORT=%d", expGRPC),
	}
	r.t.Cleanup(func() {
		cmd := exec.Command(filepath.Join(r.here, "stop.sh"))
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			r.t.Errorf("stop.sh: %v: %s", err, out)
		}
	})
	r.t.Log(r.sh(r.here, env, "./start.sh"))
}

// sql runs a query with psql on the explorer's database; vars are psql variables (name=value,
// used as :'name'). It returns the rows, their columns split on tabs.
func (r *run) sql(query string, vars ...string) [][]string {
	r.t.Helper()
	args := []string{"-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1",
		"-h", "127.0.0.1", "-p", strconv.Itoa(pgPort), "-U", "postgres", "-d", "explorer"}
	for _, v := range vars {
		args = append(args, "-v", v)
	}
	cmd := exec.Command(filepath.Join(r.pgBin, "psql"), args...)
	cmd.Stdin = strings.NewReader(query)
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "psql: %s\n%s", out, query)
	var rows [][]string
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if line != "" {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	return rows
}

func (r *run) sqlInt(query string, vars ...string) int64 {
	r.t.Helper()
	rows := r.sql(query, vars...)
	require.Len(r.t, rows, 1, query)
	n, err := strconv.ParseInt(rows[0][0], 10, 64)
	require.NoError(r.t, err, rows[0][0])
	return n
}

// decide has the Bakery Co-op's workers decide msgs: alice proposes (her yes counts) and
// bob votes yes and executes; it returns bob's vote, whose events hold the execution's.
func (r *run) decide(policy string, msgs ...map[string]any) cli.TxResult {
	r.t.Helper()
	prop, err := json.Marshal(map[string]any{
		"group_policy_address": policy, "proposers": []string{r.c.Addr(r.ch, "alice")}, "messages": msgs,
		"metadata": "", "title": "explorer test", "summary": "",
	})
	require.NoError(r.t, err)
	file := filepath.Join(r.dir, "proposal.json")
	require.NoError(r.t, os.WriteFile(file, prop, 0o600))
	id := r.c.Tx(r.ch, "alice", "tx", "group", "submit-proposal", file, "--exec", "try").Attr("cosmos.group.v1.EventSubmitProposal", "proposal_id")
	require.NotEmpty(r.t, id)
	voted := r.c.Tx(r.ch, "bob", "tx", "group", "vote", id, r.c.Addr(r.ch, "bob"), "VOTE_OPTION_YES", "", "--exec", "try")
	require.Equal(r.t, "PROPOSAL_EXECUTOR_RESULT_SUCCESS", voted.Attr("cosmos.group.v1.EventExec", "result"),
		voted.Attr("cosmos.group.v1.EventExec", "logs"))
	return voted
}

type payslip struct {
	ID           string `json:"id"`
	Worker       string `json:"worker"`
	Company      string `json:"company"`
	OccupationID string `json:"occupation_id"`
	Hours        string `json:"hours"`
	Wage         string `json:"wage"`
	Gross        string `json:"gross"`
	Tax          string `json:"tax"`
	Net          string `json:"net"`
	PaidHeight   string `json:"paid_height"`
	ClaimID      string `json:"claim_id"`
}

func (r *run) chainPayslips(worker string) []payslip {
	var res struct {
		Payslips []payslip `json:"payslips"`
	}
	r.c.Query(r.ch, &res, "query", "payroll", "payslips", worker)
	sort.Slice(res.Payslips, func(i, j int) bool { return atoi(res.Payslips[i].ID) < atoi(res.Payslips[j].ID) })
	return res.Payslips
}

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// payPeriods has dave apply to the Bakery Co-op's baker job, the co-op hire him, and dave
// work across two pay-period boundaries and clock out; it waits until the work is paid in
// full (the employment paid through the clock-out).
func (r *run) payPeriods(dave string) {
	t, c := r.t, r.c
	var jobs struct {
		Jobs []struct{ ID, Company string } `json:"jobs"`
	}
	c.Query(r.ch, &jobs, "query", "payroll", "jobs")
	require.Len(t, jobs.Jobs, 1, "scripts/demo.sh posts one job")
	job := jobs.Jobs[0]
	c.Tx(r.ch, "dave", "tx", "payroll", "apply", job.ID, "early shifts suit me")
	hired := r.decide(job.Company, map[string]any{
		"@type": "/conductor.payroll.v1.MsgHire", "company": job.Company, "job_id": job.ID, "applicant": dave,
	})
	employment := hired.Attr("conductor.payroll.v1.EventHired", "employment_id")
	require.NotEmpty(t, employment)
	c.Tx(r.ch, "dave", "tx", "payroll", "clock-in", employment)
	cli.Eventually(t, 4*payPeriod, "two payslips", func() bool { return len(r.chainPayslips(dave)) >= 2 })
	out := c.Tx(r.ch, "dave", "tx", "payroll", "clock-out", employment)
	clockedOut := r.blockTime(atoi(out.Height))
	cli.Eventually(t, 3*payPeriod, "the work paid through the clock-out", func() bool {
		var res struct {
			Employment struct {
				PaidThrough time.Time `json:"paid_through"`
			} `json:"employment"`
		}
		c.Query(r.ch, &res, "query", "payroll", "employment", employment)
		return !res.Employment.PaidThrough.Before(clockedOut)
	})
}

// blockTime is the header time of the block at height h, from the validator's RPC.
func (r *run) blockTime(h int64) time.Time {
	r.t.Helper()
	res, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/block?height=%d", valRPC, h))
	require.NoError(r.t, err)
	defer res.Body.Close()
	var body struct {
		Result struct {
			Block struct {
				Header struct {
					Time time.Time `json:"time"`
				} `json:"header"`
			} `json:"block"`
		} `json:"result"`
	}
	require.NoError(r.t, json.NewDecoder(res.Body).Decode(&body))
	require.False(r.t, body.Result.Block.Header.Time.IsZero(), "no block %d", h)
	return body.Result.Block.Header.Time
}

// caughtUp waits until the explorer's sink holds the blocks up to h and block_times their times.
func (r *run) caughtUp(h int64) {
	cli.Eventually(r.t, 60*time.Second, fmt.Sprintf("the explorer at height %d", h), func() bool {
		rows := r.sql(`SELECT coalesce((SELECT max(height) FROM blocks WHERE chain_id = :'chain'), 0),
			coalesce((SELECT max(height) FROM block_times WHERE chain_id = :'chain'), 0)`, "chain="+chainID)
		return len(rows) == 1 && atoi(rows[0][0]) >= h && atoi(rows[0][1]) >= h
	})
}

// sameTime asserts that the explorer's time (PostgreSQL's, in microseconds) is the chain's.
func (r *run) sameTime(chain time.Time, explorer, what string) {
	r.t.Helper()
	got, err := time.Parse(time.RFC3339Nano, explorer)
	require.NoError(r.t, err, explorer)
	d := got.Sub(chain)
	require.True(r.t, d > -time.Microsecond && d < time.Microsecond, "%s: explorer %s, chain %s", what, got, chain)
}

const utc = `to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

// checkPayslips: the worker's payslips as the chain listed them are the explorer's, field by
// field, paid at the same height, at that block's time (the pay run's end-block events).
func (r *run) checkPayslips(chain []payslip) {
	t := r.t
	require.GreaterOrEqual(t, len(chain), 2, "the chain paid two pay periods at least")
	worker := chain[0].Worker
	rows := r.sql(`SELECT payslip_id, worker, company, occupation_id, hours, wage, gross, tax, net, height, phase, `+utc+`
		FROM payslips WHERE chain_id = :'chain' AND worker = :'worker' ORDER BY payslip_id`, "chain="+chainID, "worker="+worker)
	require.Len(t, rows, len(chain), "the explorer has the worker's payslips: %v", rows)
	for i, p := range chain {
		require.Equal(t, "0", orZero(p.ClaimID), "payslip %s paid, not claimed", p.ID)
		row := rows[i]
		require.Equal(t, []string{p.ID, p.Worker, p.Company, p.OccupationID, p.Hours, p.Wage, p.Gross, p.Tax, p.Net, p.PaidHeight, "EndBlock"},
			row[:11], "payslip %s: the chain's (left) and the explorer's", p.ID)
		gross, _ := math.NewIntFromString(p.Gross)
		require.True(t, gross.IsPositive(), "payslip %s has pay", p.ID)
		r.sameTime(r.blockTime(atoi(p.PaidHeight)), row[11], "payslip "+p.ID)
	}
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

type order struct {
	ID        string    `json:"id"`
	ListingID string    `json:"listing_id"`
	Buyer     string    `json:"buyer"`
	Seller    string    `json:"seller"`
	Quantity  string    `json:"quantity"`
	UnitPrice string    `json:"unit_price"`
	Amount    string    `json:"amount"`
	Tax       string    `json:"tax"`
	External  bool      `json:"external"`
	Denom     string    `json:"denom"`
	Height    string    `json:"height"`
	Time      time.Time `json:"time"`
}

// chainOrders are the buyer's orders as the chain lists them.
func (r *run) chainOrders(buyer string) []order {
	var res struct {
		Orders []order `json:"orders"`
	}
	r.c.Query(r.ch, &res, "query", "market", "orders", "--buyer", buyer)
	require.Len(r.t, res.Orders, 1, "dave bought once (scripts/demo.sh)")
	return res.Orders
}

// checkOrders: the buyer's orders as the chain listed them are the explorer's.
func (r *run) checkOrders(chain []order) {
	t := r.t
	buyer := chain[0].Buyer
	rows := r.sql(`SELECT order_id, listing_id, buyer, seller, quantity, unit_price, amount, tax, external, denom, height, phase, `+utc+`
		FROM orders WHERE chain_id = :'chain' AND buyer = :'buyer' ORDER BY order_id`, "chain="+chainID, "buyer="+buyer)
	require.Len(t, rows, 1, "the explorer has the order")
	o, row := chain[0], rows[0]
	require.Equal(t, []string{o.ID, o.ListingID, o.Buyer, o.Seller, o.Quantity, o.UnitPrice, o.Amount, o.Tax,
		map[bool]string{true: "t", false: "f"}[o.External], o.Denom, o.Height, "tx"}, row[:12], "the chain's order (left) and the explorer's")
	r.sameTime(o.Time, row[12], "order "+o.ID)
}

// checkRevenue: the treasury's revenue by source, summed over the chain's dividend periods,
// is the explorer's (treasury_revenue up to height h, and by month).
func (r *run) checkRevenue(h int64) {
	t := r.t
	var res struct {
		Periods []struct {
			Revenue map[string]string `json:"revenue"`
		} `json:"periods"`
	}
	r.c.Query(r.ch, &res, "query", "dividend", "periods")
	require.NotEmpty(t, res.Periods)
	chain := map[string]math.Int{}
	for _, p := range res.Periods {
		for source, amount := range p.Revenue {
			n, ok := math.NewIntFromString(amount)
			require.True(t, ok, amount)
			if prev, ok := chain[source]; ok {
				n = n.Add(prev)
			}
			chain[source] = n
		}
	}
	require.True(t, chain["income_tax"].IsPositive(), "income tax on the wages: %v", chain)
	require.True(t, chain["external_sales_tax"].Add(chain["internal_sales_tax"]).IsPositive(), "sales tax on the order: %v", chain)
	// the events do not say which part of a rent was a non-member's markup (views.sql)
	require.True(t, chain["non_member_services"].IsZero(), "no rent in this test: %v", chain)
	explorer := map[string]string{}
	for _, row := range r.sql(`SELECT source, sum(amount) FROM treasury_revenue WHERE chain_id = :'chain' AND height <= :h GROUP BY source`,
		"chain="+chainID, fmt.Sprintf("h=%d", h)) {
		explorer[row[0]] = row[1]
	}
	for source, amount := range chain {
		if source == "non_member_services" {
			continue
		}
		got := explorer[source]
		if got == "" {
			got = "0"
		}
		require.Equal(t, amount.String(), got, "revenue from %s: the chain's and the explorer's", source)
	}
	byMonth := r.sqlInt(`SELECT coalesce(sum(amount), 0) FROM treasury_revenue_by_month WHERE chain_id = :'chain' AND month IS NOT NULL`, "chain="+chainID)
	total := r.sqlInt(`SELECT coalesce(sum(amount), 0) FROM treasury_revenue WHERE chain_id = :'chain'`, "chain="+chainID)
	require.Equal(t, total, byMonth, "every booking is in a month")
}

// checkFlows: the worker's flows hold his work (the payslips' hours) and his purchase.
func (r *run) checkFlows(worker string, payslips, orders int) {
	t := r.t
	rows := r.sql(`SELECT action, count(*), sum(quantity), sum(value) FROM flows
		WHERE chain_id = :'chain' AND :'agent' IN (provider, receiver) GROUP BY action ORDER BY action`, "chain="+chainID, "agent="+worker)
	got := map[string][]string{}
	for _, row := range rows {
		got[row[0]] = row[1:]
	}
	flow := func(action string) []string {
		require.Contains(t, got, action, "the worker's flows: %v", got)
		return got[action]
	}
	paid := r.sql(`SELECT sum(hours), sum(gross), sum(net) FROM payslips WHERE chain_id = :'chain' AND worker = :'agent'`, "chain="+chainID, "agent="+worker)
	require.Len(t, paid, 1)
	require.Equal(t, []string{strconv.Itoa(payslips), paid[0][0], paid[0][1]}, flow("work"), "work: hours and gross")
	require.Equal(t, []string{strconv.Itoa(payslips), paid[0][2]}, []string{flow("wage")[0], flow("wage")[2]}, "wages: net")
	for _, action := range []string{"transfer", "payment", "sales-tax"} {
		require.Equal(t, strconv.Itoa(orders), flow(action)[0], action)
	}
}
