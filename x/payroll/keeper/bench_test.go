package keeper_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// BenchmarkPayrollEndBlock pays one period for 1,000, 10,000 and 100,000 employed workers,
// each with half an hour of work in it, through FinalizeBlock and Commit as a node does, with
// blocks a second apart. It reports the worst single block's time (worst_block_ms) and how
// many blocks the pay run took (blocks_per_period), at the region's defaults (an hour's
// period, at most 200 payments a block, spread over the first 45 minutes), and the average
// block (avg_block_ms). State is in memory (every version kept), as in the SDK's benchmarks;
// BENCH_DB=memdb-pruned prunes old versions as a node does, BENCH_DB=goleveldb keeps the
// state on disk as a node does (docs/performance.md has all three).
func BenchmarkPayrollEndBlock(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			var worst, total time.Duration
			var blocks uint64
			for i := 0; i < b.N; i++ {
				w, t, bl := timePayRun(b, n)
				worst, total, blocks = max(worst, w), total+t, bl
			}
			b.ReportMetric(float64(worst.Microseconds())/1000, "worst_block_ms")
			b.ReportMetric(float64(total.Microseconds())/1000/float64(blocks)/float64(b.N), "avg_block_ms")
			b.ReportMetric(float64(blocks), "blocks_per_period")
		})
	}
}

// timePayRun sets up a region of n employed workers (untimed) and times its pay run; it
// checks that every worker was paid once.
func timePayRun(b *testing.B, n int) (worst, total time.Duration, blocks uint64) {
	b.StopTimer()
	defer b.StartTimer()
	cfg := region.DefaultConfig()
	if os.Getenv("BENCH_DB") == "memdb-pruned" {
		cfg.DB = dbm.NewMemDB()
	}
	if os.Getenv("BENCH_DB") == "goleveldb" {
		db, err := dbm.NewGoLevelDB("bench", b.TempDir(), nil)
		require.NoError(b, err)
		b.Cleanup(func() { require.NoError(b, db.Close()) }) // before the directory goes
		cfg.DB = db
	}
	r := region.New(b, cfg)
	employ(b, r, n)
	runtime.GC() // the setup's garbage is not the pay run's
	b.StartTimer()
	worst, total, blocks = payOnePeriod(b, r)
	b.StopTimer()
	totals, err := r.App.PayrollKeeper.Totals.Get(r.Ctx())
	require.NoError(b, err)
	require.Equal(b, int64(n)*15_000_000, totals.Paid.Int64(), "every worker paid half an hour, once")
	return worst, total, blocks
}

// employ writes n employments at the Bakery Co-op (workers with accounts and some RSC, as
// members have) with 30 minutes of work in the coming period, and funds the company.
func employ(b testing.TB, r *region.Region, n int) {
	ctx := r.Ctx()
	k := r.App.PayrollKeeper
	company := r.AgentAddr("Bakery Co-op")
	start := r.Time.Truncate(time.Hour).Add(time.Hour)
	workers := make([]sdk.AccAddress, n)
	for i := 0; i < n; i++ {
		worker := sdk.AccAddress(fmt.Appendf(nil, "worker-%015d", i))
		workers[i] = worker
		r.App.AccountKeeper.SetAccount(ctx, r.App.AccountKeeper.NewAccount(ctx, authtypes.NewBaseAccountWithAddress(worker)))
		id := uint64(i + 1)
		e := types.Employment{
			Id: id, Company: company.String(), Worker: worker.String(), OccupationId: 1, Wage: math.NewInt(30_000_000),
			StartedAt: r.Time, PaidThrough: r.Time, Carry: math.LegacyZeroDec(), HoursPerWeek: 40,
			Intervals: []types.Interval{{Start: start.Add(10 * time.Minute), End: start.Add(40 * time.Minute)}},
		}
		require.NoError(b, k.Employments.Set(ctx, id, e))
		require.NoError(b, k.EmploymentsByWorker.Set(ctx, collections.Join(worker, id)))
		require.NoError(b, k.EmploymentsByCompany.Set(ctx, collections.Join(company, id)))
	}
	require.NoError(b, k.EmploymentSeq.Set(ctx, uint64(n)))
	funds := sdk.NewCoins(sdk.NewCoin(app.Denom, math.NewInt(int64(n)*20_000_000)))
	held := sdk.NewCoins(sdk.NewCoin(app.Denom, math.NewInt(1_000_000)))
	require.NoError(b, r.App.BankKeeper.MintCoins(ctx, region.Minter, funds.Add(held.MulInt(math.NewInt(int64(n)))...)))
	action := membershiptypes.WithConductorAction(ctx)
	require.NoError(b, r.App.BankKeeper.SendCoinsFromModuleToAccount(action, region.Minter, company, funds))
	for _, w := range workers { // each already holds RSC, as a member does from the dividend
		require.NoError(b, r.App.BankKeeper.SendCoinsFromModuleToAccount(action, region.Minter, w, held))
	}
	r.At(start.Add(50 * time.Minute)) // commit the setup inside the period
	for {                             // and let the run for the previous boundary (no work) finish
		sweep, err := k.Sweep.Get(r.Ctx())
		require.NoError(b, err)
		if !sweep.Active {
			return
		}
		r.NextBlock(time.Second)
	}
}

// payOnePeriod crosses the next period boundary and runs blocks a second apart until the pay
// run is over; it returns the worst block's time, the total, and the number of blocks.
func payOnePeriod(b *testing.B, r *region.Region) (time.Duration, time.Duration, uint64) {
	var worst, total time.Duration
	next := r.Time.Truncate(time.Hour).Add(time.Hour)
	for first := true; ; first = false {
		began := time.Now()
		if first {
			r.At(next)
		} else {
			r.NextBlock(time.Second)
		}
		worst, total = max(worst, time.Since(began)), total+time.Since(began)
		sweep, err := r.App.PayrollKeeper.Sweep.Get(r.Ctx())
		require.NoError(b, err)
		require.Equal(b, next, sweep.Boundary)
		if !sweep.Active {
			return worst, total, sweep.Blocks
		}
	}
}
