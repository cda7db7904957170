package app_test

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	pruningtypes "cosmossdk.io/store/pruning/types"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/testutil/region"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	housingtypes "github.com/conductor-coop/conductor/x/housing/types"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
)

// BenchmarkRegionYear runs a region through a year of simulated time, through FinalizeBlock
// and Commit as a node runs it, and measures how its live state grows.
//
// The region (REGION_YEAR_WORKERS workers, default 1,000; the rest in proportion): the
// workers are members, 20 to a co-op (50 co-ops), each employed by their co-op at 20 RSC an
// hour and paid by the hourly pay run; each co-op sells one product (5 RSC) on the market;
// half the workers rent a home of the Housing Agency (300 RSC a month, paid in advance at each
// month's first morning); a fifth have a loan of the Regional Public Bank (1,000 RSC over 24
// months at 1% a month, due mid-month); a fifth of the workers buy something each working
// day (200 a day: real signed MsgPurchase transactions, each by a worker from another co-op's
// listing, spread over the day's blocks). The year is REGION_YEAR_MONTHS (default 12) months
// of 30 days, the region's dividend period (so each month ends with a dividend period, and
// the rent and the installments recur with it).
//
// The calendar: 21 working days a month, 8 hours a day (09:00-17:00 UTC): a month's working
// days are its first 21 weekdays (2 of the 12 months, those that begin on a Saturday, have 20
// weekdays: they also work their first Saturday; the employments allow 48 hours a week).
//
// What is simulated and what is written: the work is recorded by writing each employment's
// interval for the day directly in state each morning (as BenchmarkPayrollEndBlock's setup
// does), not by 2,000 clock-in and clock-out transactions a day; the employments, leases and
// loans are written at the start as their own benchmarks write them (testutil/region,
// items.go), and the co-ops' funds for the year's wages are minted into their accounts. The
// rest is the chain's own: the listings are created by each co-op's group proposal (its
// workers' votes), the purchases are signed transactions, and the pay, the rent, the
// installments and the dividend are the EndBlockers' (payroll's pay run, housing's and
// bankloans' collections, the dividend's monthly close; members receive their dividend when
// they next sign, here with their purchases).
//
// Blocks: as sparse as the pay run allows. Each pay period's run (one an hour of the working
// day, 10:00 to 17:00) is a block at the boundary and then one block per step of the run, the
// steps spread evenly over the run's window (three quarters of the period) so that each block
// pays max_payouts_per_block (the first pays the run's floor, an eighth of it): 6 blocks at
// 1,000 workers. The night, a weekend or the days off are one block (the next working day's
// first); each month ends with a block at midnight (it closes the dividend period; it also
// starts the pay run of its boundary, which walks the employments with nothing to pay, in
// the same steps). The purchases ride in the pay runs' blocks.
//
// At each month's end (after that midnight block) it measures the live state at the
// committed version: every KV store of the app's CommitMultiStore, iterated, summing
// len(key)+len(value) (what the state holds, not IAVL's nodes). It reports
// state_bytes_per_worker_month, the growth per worker of the state from month 6 to month 12,
// divided by 6 (from the middle month to the last with fewer months; target <= 2,000),
// state_mb_month12 (the state at the last month's end, in MB of 10^6 bytes), p99_block_ms
// and avg_block_ms over every block of the year, and blocks; b.Logf gives the state at each
// month's end, the blocks by kind (the morning's first, the other pay runs' first blocks,
// their steps, the month-end blocks: count, p50, p99, worst) and each store's bytes at the
// last month's end with its growth per worker-month. At the end it checks that the pay, the
// rent, the installments and the dividend happened: payroll's totals paid = workers x hours
// x wage (the hours are whole, so no carry), no wage claim, every rent and installment due
// collected once, every dividend period closed, and every purchase accepted.
//
// The state is in memory and pruned as a node that prunes is (the latest 2 versions kept,
// pruning = "everything": IAVL deletes the orphaned nodes of 10 versions every 10th block):
// the region harness's on-disk default keeps 362,880 versions, which in a benchmark prunes
// nothing, and a year of every version in memory would not fit. The pruning is part of the
// block figures, as on a node that prunes: at 200 workers, in the first month, p99_block_ms
// is 253 ms with it and 166 ms without. ns/op is the whole year, signing and measuring
// included; the block figures time FinalizeBlock and Commit only. REGION_YEAR_VERBOSE=1
// prints each month's figures as it goes.
//
// Its cost grows with the state it measures: before folding (a state of 106 kB per
// worker-month), 200 workers took 10 minutes and a 3.8 GB heap for 254 MB of state; with
// the 90-day window, 1,000 workers take about 110 minutes and a 4-7 GB heap for 340 MB.
func BenchmarkRegionYear(b *testing.B) {
	workers := yearEnv(b, "REGION_YEAR_WORKERS", 1_000)
	months := yearEnv(b, "REGION_YEAR_MONTHS", 12)
	require.GreaterOrEqual(b, workers, 20, "a co-op has 20 workers")
	require.GreaterOrEqual(b, months, 1)
	for range b.N {
		b.StopTimer()
		y := newRegionYear(b, workers, months)
		runtime.GC()
		b.StartTimer()
		y.run()
		b.StopTimer()
		y.check()
		y.report()
		b.StartTimer()
	}
}

const (
	yearWorkersPerCoop = 20
	yearWage           = 20_000_000  // ursc an hour
	yearPrice          = 5_000_000   // ursc, each co-op's product
	yearRent           = 300_000_000 // ursc a month
	yearPrincipal      = 1_000_000_000
	yearInstallments   = 24
	yearDayStart       = 9  // hour of the day the work starts
	yearDayHours       = 8  // hours worked a day
	yearWorkDays       = 21 // working days a month
)

// regionYear is the running benchmark.
type regionYear struct {
	b                             *testing.B
	r                             *region.Region
	workers, coops, leases, loans int
	purchasesPerDay, months       int
	month                         time.Duration // the dividend period
	people                        []region.Account
	listings                      []uint64 // by co-op
	coopAddrs                     []sdk.AccAddress
	firstRent, firstLoan          time.Time
	maxPayouts                    int
	payWindow                     time.Duration // the pay run's window: three quarters of the period
	times                         region.BlockTimes
	kinds                         []string           // each block's: morning, boundary, step, month-end
	measures                      []map[string]int64 // at each month's end, by store
	hours                         int64              // each worker's hours worked
	purchases, nextBuyer          int
	pending                       []int // buyers whose purchase is still to go in a block
	verbose                       bool
	started                       time.Time
}

func yearEnv(b *testing.B, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	require.NoError(b, err, name)
	return n
}

// newRegionYear founds the region at genesis (members, co-ops, the bank and the agency),
// has each co-op list its product, and writes the employments, leases and loans.
func newRegionYear(b *testing.B, workers, months int) *regionYear {
	y := &regionYear{
		b: b, workers: workers, coops: workers / yearWorkersPerCoop, leases: workers / 2, loans: workers / 5,
		purchasesPerDay: workers / 5, months: months, verbose: os.Getenv("REGION_YEAR_VERBOSE") == "1",
	}
	cfg := region.DefaultConfig()
	cfg.DB = dbm.NewMemDB()
	cfg.Retention = gptypes.DefaultRetention().Window // the region's own (the harness keeps records ten years)
	cfg.Institutions = []region.Institution{
		{Name: "Regional Public Bank", Kind: membershiptypes.AGENT_KIND_BANK, Workers: []string{"alice", "bob", "carol"}},
		{Name: "Housing Agency", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}},
	}
	names := make([]string, workers)
	for i := range names {
		names[i] = fmt.Sprintf("worker-%06d", i)
	}
	cfg.Members = append(cfg.Members, names...)
	for c := range y.coops {
		cfg.Institutions = append(cfg.Institutions, region.Institution{
			Name: fmt.Sprintf("Co-op %03d", c), Kind: membershiptypes.AGENT_KIND_COMPANY, Workers: names[c*yearWorkersPerCoop : y.coopEnd(c)],
		})
	}
	y.r = region.New(b, cfg)
	r := y.r
	// the harness's on-disk default (keep 362,880 versions) would keep every version of the
	// year: keep the latest two, as pruning = "everything"
	r.App.CommitMultiStore().SetPruning(pruningtypes.NewPruningOptions(pruningtypes.PruningEverything))
	for _, n := range names {
		y.people = append(y.people, r.Accounts[n])
	}
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(b, err)
	y.month, y.maxPayouts, y.payWindow = params.DividendPeriod, int(params.MaxPayoutsPerBlock), params.PayPeriod*3/4
	y.list()

	ctx := r.Ctx()
	z := math.ZeroInt()
	es := make([]payrolltypes.Employment, workers)
	for i, p := range y.people {
		es[i] = payrolltypes.Employment{
			Id: uint64(i + 1), Company: y.coopAddrs[y.coopOf(i)].String(), Worker: p.String(), OccupationId: 1, Wage: math.NewInt(yearWage),
			StartedAt: r.Time, PaidThrough: r.Time, Carry: math.LegacyZeroDec(), HoursPerWeek: 48,
		}
	}
	r.Employ(ctx, es)
	for c, addr := range y.coopAddrs { // a year's wages and half as much again (the profit-at-rest tax takes its share)
		hours := int64(yearWorkDays * yearDayHours * months)
		r.Fund(ctx, addr, math.NewInt(int64(y.coopEnd(c)-c*yearWorkersPerCoop)*hours*yearWage*3/2))
	}

	agency := r.AgentAddr("Housing Agency")
	y.firstRent = region.GenesisTime.Add(yearDayStart * time.Hour)
	units, leases := make([]housingtypes.Unit, y.leases), make([]housingtypes.Lease, y.leases)
	for i := range y.leases {
		id, due := uint64(i+1), y.firstRent
		units[i] = housingtypes.Unit{
			Id: id, Kind: housingtypes.UNIT_KIND_APARTMENT, Name: "flat", Area: 50, Agency: agency.String(), Status: housingtypes.UNIT_STATUS_LEASED, LeaseId: id,
			PropertyTax: math.NewInt(180_000_000), Maintenance: math.NewInt(90_000_000), Administration: math.NewInt(30_000_000),
		}
		leases[i] = housingtypes.Lease{
			Id: id, UnitId: id, Tenant: y.people[i].String(), Cost: math.NewInt(yearRent), Markup: z, Member: true, Start: r.Time, NextDue: &due,
			ArrearsCost: z, ArrearsMarkup: z, Paid: z, Active: true,
		}
	}
	r.Lease(ctx, units, leases)

	bank := r.AgentAddr("Regional Public Bank")
	y.firstLoan = region.GenesisTime.Add(y.month/2 + yearDayStart*time.Hour)
	principal, rate := math.NewInt(yearPrincipal), math.LegacyMustNewDecFromStr("0.01")
	loans := make([]bankloanstypes.Loan, y.loans)
	for i := range y.loans {
		due, disbursed := y.firstLoan, r.Time
		loans[i] = bankloanstypes.Loan{
			Id: uint64(i + 1), Bank: bank.String(), Borrower: y.people[workers-1-i].String(), ProductId: 1, Principal: principal, Installments: yearInstallments,
			Status: bankloanstypes.LOAN_STATUS_ACTIVE, PeriodRate: rate, InstallmentPeriod: y.month, PenaltyRate: math.LegacyZeroDec(), DefaultAfter: 3,
			Installment: bankloanstypes.InstallmentAmount(principal, rate, yearInstallments), AppliedAt: r.Time, DisbursedAt: &disbursed, NextDue: &due,
			Remaining: principal, ArrearsPrincipal: z, ArrearsInterest: z, PrincipalPaid: z, InterestPaid: z, WrittenOff: z,
		}
	}
	r.Lend(ctx, bank, loans)
	r.NextBlock(time.Second) // commit the setup
	return y
}

func (y *regionYear) coopOf(worker int) int { return min(worker/yearWorkersPerCoop, y.coops-1) }

// coopEnd is the end of co-op c's workers (the last co-op takes the remainder).
func (y *regionYear) coopEnd(c int) int {
	if c == y.coops-1 {
		return y.workers
	}
	return (c + 1) * yearWorkersPerCoop
}

// list has each co-op list its product, unlimited, by its workers' proposal (a majority of
// them vote yes); it records each co-op's listing.
func (y *regionYear) list() {
	r := y.r
	for c := range y.coops {
		coop := r.AgentAddr(fmt.Sprintf("Co-op %03d", c))
		y.coopAddrs = append(y.coopAddrs, coop)
		workers := y.people[c*yearWorkersPerCoop : y.coopEnd(c)]
		r.Pass(coop.String(), workers[:len(workers)/2+1], &markettypes.MsgCreateListing{
			Seller: coop.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: fmt.Sprintf("product of co-op %d", c), Unit: "piece",
			UnitPrice: math.NewInt(yearPrice), Stock: "unlimited",
		})
	}
	y.listings = make([]uint64, y.coops)
	bySeller := map[string]int{}
	for c, a := range y.coopAddrs {
		bySeller[a.String()] = c
	}
	err := r.App.MarketKeeper.Listings.Walk(r.Ctx(), nil, func(id uint64, l markettypes.Listing) (bool, error) {
		if c, ok := bySeller[l.Seller]; ok {
			y.listings[c] = id
		}
		return false, nil
	})
	require.NoError(y.b, err)
	for c, id := range y.listings {
		require.NotZero(y.b, id, "co-op %d listed nothing: its proposal did not run", c)
	}
}

// workDays is month m's working days (midnight of each): its first 21 weekdays, and its
// first Saturday if it has only 20.
func (y *regionYear) workDays(m int) []time.Time {
	start := region.GenesisTime.Add(time.Duration(m) * y.month)
	var days []time.Time
	var saturday time.Time
	for d := time.Duration(0); d < y.month && len(days) < yearWorkDays; d += 24 * time.Hour {
		day := start.Add(d)
		switch day.Weekday() {
		case time.Saturday:
			if saturday.IsZero() {
				saturday = day
			}
		case time.Sunday:
		default:
			days = append(days, day)
		}
	}
	if len(days) < yearWorkDays && !saturday.IsZero() {
		days = append(days, saturday)
		slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	}
	return days
}

// run runs the year, month by month.
func (y *regionYear) run() {
	y.started = time.Now()
	for m := range y.months {
		for _, day := range y.workDays(m) {
			y.workDay(day)
		}
		y.pay("month-end", region.GenesisTime.Add(time.Duration(m+1)*y.month), nil) // the month's end: a block at midnight
		y.measure(m + 1)
	}
}

// workDay records the day's work (each employment's interval, written in state before the
// day's first block) and runs the day's pay runs, with the day's purchases in their blocks.
func (y *regionYear) workDay(day time.Time) {
	r := y.r
	ctx := r.Ctx()
	k := r.App.PayrollKeeper
	start := day.Add(yearDayStart * time.Hour)
	for i := range y.workers {
		id := uint64(i + 1)
		e, err := k.Employments.Get(ctx, id)
		require.NoError(y.b, err)
		e.Intervals = append(e.Intervals, payrolltypes.Interval{Start: start, End: start.Add(yearDayHours * time.Hour)})
		require.NoError(y.b, k.Employments.Set(ctx, id, e))
	}
	y.hours += yearDayHours
	for range y.purchasesPerDay {
		y.pending = append(y.pending, y.nextBuyer)
		y.nextBuyer = (y.nextBuyer + 1) % y.workers
	}
	for h := 1; h <= yearDayHours; h++ {
		perRun := (len(y.pending) + yearDayHours - h) / (yearDayHours - h + 1)
		kind := "boundary"
		if h == 1 {
			kind = "morning" // after the night: it commits the day's intervals
		}
		y.pay(kind, start.Add(time.Duration(h)*time.Hour), y.pending[:perRun])
		y.pending = y.pending[perRun:]
	}
}

// pay runs the pay run of the period boundary at: its first block at the boundary, then a
// block per step of the run, spread evenly over its window (blocks far enough apart that
// each pays max_payouts_per_block), until the run of this boundary is over (a run still
// going from an earlier boundary is finished first, in the same blocks). buyers' purchases
// go in the run's blocks, spread evenly.
func (y *regionYear) pay(kind string, at time.Time, buyers []int) {
	r := y.r
	floor := max(y.maxPayouts/8, 1)
	steps := 1 + (max(y.workers-floor, 0)+y.maxPayouts-1)/y.maxPayouts
	gap := y.payWindow / time.Duration(max(steps-1, 1))
	for i := 0; ; i++ {
		require.Less(y.b, i, 10*steps+20, "the pay run of %s does not end", at)
		next := at
		if i > 0 || !at.After(r.Time) {
			next = r.Time.Add(gap)
		}
		n := (len(buyers) + max(steps-i, 1) - 1) / max(steps-i, 1)
		txs := y.purchaseTxs(buyers[:n])
		buyers = buyers[n:]
		took := r.TimedBlock(next.Sub(r.Time), txs...)
		y.times = append(y.times, took)
		if i == 0 {
			y.kinds = append(y.kinds, kind)
		} else {
			y.kinds = append(y.kinds, "step")
		}
		for _, res := range r.Last.TxResults {
			require.Zerof(y.b, res.Code, "purchase refused: %s", res.Log)
		}
		y.purchases += len(txs)
		sweep, err := r.App.PayrollKeeper.Sweep.Get(r.Ctx())
		require.NoError(y.b, err)
		if !sweep.Active && !sweep.Boundary.Before(at) && len(buyers) == 0 {
			return
		}
	}
}

// purchaseTxs signs a purchase by each buyer (a worker) of one unit from the listing of the
// co-op after the buyer's own.
func (y *regionYear) purchaseTxs(buyers []int) [][]byte {
	txs := make([][]byte, len(buyers))
	for i, w := range buyers {
		buyer := y.people[w]
		listing := y.listings[(y.coopOf(w)+1)%y.coops]
		txs[i] = y.r.Tx([]region.Account{buyer}, &markettypes.MsgPurchase{Buyer: buyer.String(), ListingId: listing, Quantity: 1})
	}
	return txs
}

// measure records the live state at the committed version: by store, the bytes of its keys
// and values.
func (y *regionYear) measure(month int) {
	cms := y.r.App.CommitMultiStore()
	view, err := cms.CacheMultiStoreWithVersion(cms.LastCommitID().Version)
	require.NoError(y.b, err)
	stores := map[string]int64{}
	byName, ok := cms.(interface {
		StoreKeysByName() map[string]storetypes.StoreKey
	})
	require.True(y.b, ok, "the CommitMultiStore lists its store keys")
	began := time.Now()
	for name, key := range byName.StoreKeysByName() {
		if _, ok := key.(*storetypes.KVStoreKey); !ok {
			continue // transient and memory stores are not state
		}
		it := view.GetKVStore(key).Iterator(nil, nil)
		var n int64
		for ; it.Valid(); it.Next() {
			n += int64(len(it.Key()) + len(it.Value()))
		}
		require.NoError(y.b, it.Close())
		stores[name] = n
	}
	y.measures = append(y.measures, stores)
	if y.verbose {
		var mem runtime.MemStats
		runtime.ReadMemStats(&mem)
		fmt.Fprintf(os.Stderr, "month %2d: state %8.1f MB, %6d blocks, p99 %6.1f ms, avg %5.1f ms, measured in %4.1f s, heap %5.0f MB, %4.0f s in all\n",
			month, float64(sum(stores))/1e6, len(y.times), region.Ms(y.times.Percentile(99)), region.Ms(y.times.Total())/float64(len(y.times)),
			time.Since(began).Seconds(), float64(mem.HeapAlloc)/1e6, time.Since(y.started).Seconds())
	}
}

func sum(stores map[string]int64) int64 {
	var n int64
	for _, v := range stores {
		n += v
	}
	return n
}

// check makes sure the year's pay, rent, installments, dividends and purchases happened.
func (y *regionYear) check() {
	r, b := y.r, y.b
	ctx := r.Ctx()
	totals, err := r.App.PayrollKeeper.Totals.Get(ctx)
	require.NoError(b, err)
	require.Equal(b, math.NewInt(int64(y.workers)*y.hours*yearWage).String(), totals.Paid.String(), "every worker paid every hour, once")
	require.True(b, totals.Claimed.IsZero(), "no wage claim: the co-ops could pay")

	books, err := r.App.HousingKeeper.Books.Get(ctx, r.AgentAddr("Housing Agency"))
	require.NoError(b, err)
	require.Equal(b, math.NewInt(int64(y.leases)*int64(y.months)*yearRent).String(), books.CostCollected.String(), "every month's rent, once")
	for id := uint64(1); id <= uint64(y.leases); id++ {
		l, err := r.App.HousingKeeper.Leases.Get(ctx, id)
		require.NoError(b, err)
		require.Equal(b, y.firstRent.Add(time.Duration(y.months)*y.month), *l.NextDue, "lease %d: the year's rents collected", id)
	}
	for id := uint64(1); id <= uint64(y.loans); id++ {
		l, err := r.App.BankLoansKeeper.Loans.Get(ctx, id)
		require.NoError(b, err)
		require.Equal(b, y.firstLoan.Add(time.Duration(y.months)*y.month), *l.NextDue, "loan %d: the year's installments collected", id)
	}
	p, err := r.App.BankLoansKeeper.Portfolios.Get(ctx, r.AgentAddr("Regional Public Bank"))
	require.NoError(b, err)
	require.True(b, p.InterestCollected.IsPositive(), "interest collected")

	open, err := r.App.DividendKeeper.Current.Get(ctx)
	require.NoError(b, err)
	require.Equal(b, uint64(y.months+1), open, "each month's dividend period closed")
	for n := uint64(1); n <= uint64(y.months); n++ {
		period, err := r.App.DividendKeeper.Periods.Get(ctx, n)
		require.NoError(b, err)
		require.NotNil(b, period.End, "period %d closed", n)
	}
	dt, err := r.App.DividendKeeper.Totals.Get(ctx)
	require.NoError(b, err)
	require.True(b, dt.Declared.IsPositive(), "a dividend declared")
	if y.months > 1 { // paid as members sign, after the first close
		require.True(b, dt.PaidOut.IsPositive(), "dividends paid to the members who bought")
	}

	require.Equal(b, y.months*yearWorkDays*y.purchasesPerDay, y.purchases, "every purchase made")
}

// report reports the figures and logs each store's.
func (y *regionYear) report() {
	b := y.b
	last := y.measures[len(y.measures)-1]
	from, base := y.months/2, map[string]int64{}
	if from > 0 {
		base = y.measures[from-1]
	}
	growth := float64(sum(last)-sum(base)) / float64(y.workers) / float64(y.months-from)
	b.ReportMetric(growth, "state_bytes_per_worker_month")
	b.ReportMetric(float64(sum(last))/1e6, fmt.Sprintf("state_mb_month%d", y.months))
	b.ReportMetric(region.Ms(y.times.Percentile(99)), "p99_block_ms")
	b.ReportMetric(region.Ms(y.times.Total())/float64(len(y.times)), "avg_block_ms")
	b.ReportMetric(float64(len(y.times)), "blocks")
	// few lines: a benchmark's log is cut after 10 lines unless -test.v
	b.Logf("%d workers, %d co-ops, %d leases, %d loans, %d purchases a day, %d months: %d blocks, %d purchases, %d hours a worker",
		y.workers, y.coops, y.leases, y.loans, y.purchasesPerDay, y.months, len(y.times), y.purchases, y.hours)
	monthly := "state at each month's end, MB:"
	for _, s := range y.measures {
		monthly += fmt.Sprintf(" %.1f", float64(sum(s))/1e6)
	}
	b.Logf("%s", monthly)
	byKind := map[string]region.BlockTimes{}
	for i, k := range y.kinds {
		byKind[k] = append(byKind[k], y.times[i])
	}
	kinds := "blocks by kind, count p50/p99/worst ms:"
	for _, k := range []string{"morning", "boundary", "step", "month-end"} {
		t := byKind[k]
		kinds += fmt.Sprintf(" %s %d %.1f/%.1f/%.1f;", k, len(t), region.Ms(t.Percentile(50)), region.Ms(t.Percentile(99)), region.Ms(t.Worst()))
	}
	b.Logf("%s", kinds)
	names := make([]string, 0, len(last))
	for name := range last {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, c string) int { return int(last[c] - last[a]) })
	line := fmt.Sprintf("by store: bytes at month %d (per worker-month from month %d):", y.months, from)
	for i, name := range names {
		if last[name] == 0 {
			continue
		}
		if i > 0 && i%6 == 0 {
			b.Logf("%s", line)
			line = "  "
		}
		line += fmt.Sprintf(" %s %d (%.0f);", name, last[name], float64(last[name]-base[name])/float64(y.workers)/float64(y.months-from))
	}
	b.Logf("%s", line)
}
