package keeper_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// BenchmarkPayrollEndBlock pays one period for 1,000, 10,000 and 100,000 employed workers,
// each with half an hour of work in it, through FinalizeBlock and Commit as a node does, with
// blocks a second apart. It reports the worst single block's time (worst_block_ms) and how
// many blocks the pay run took (blocks_per_period), at the region's defaults (an hour's
// period, at most 200 payments a block, spread over the first 45 minutes), the average,
// median and 99th-percentile blocks (avg_block_ms, p50_block_ms, p99_block_ms), and the pay
// run's block time per payment (us_per_payment: every block of the run, FinalizeBlock and
// Commit, over the N payments it made).
//
// A size of fewer than 10,000 workers is paid region.Repeats times (10 fresh regions of 1,000)
// and its blocks pooled: one pay run of 1,000 is 40 blocks, too few for a percentile, and its
// time moves by a fifth between runs with a garbage collection or a neighbour's process.
//
// Its last sub-benchmark, ratios, compares the sizes measured before it in the same
// invocation (kept in payRuns): payment_cost_ratio is us_per_payment at 100,000 workers over
// that at 1,000 (target <= 1.5), tail_ratio is p99_block_ms over p50_block_ms at 100,000
// (target <= 3). Run it with the sizes (-bench BenchmarkPayrollEndBlock); alone it reports
// nothing.
//
// State is in memory (every version kept), as in the SDK's benchmarks; BENCH_DB chooses
// another store (region.BenchDB: memdb-pruned, goleveldb, pebble; docs/performance.md).
func BenchmarkPayrollEndBlock(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			run := region.ScaleRun{}
			var blocks uint64
			for i := 0; i < b.N*region.Repeats(n); i++ {
				times, bl := timePayRun(b, n)
				run.Times, run.Items, blocks = append(run.Times, times...), run.Items+n, bl
			}
			payRuns[n] = run
			run.Report(b, "us_per_payment")
			b.ReportMetric(float64(blocks), "blocks_per_period")
		})
	}
	b.Run("ratios", func(b *testing.B) { region.ReportRatios(b, payRuns, 1_000, 100_000) })
}

// payRuns keeps each size's pay runs for the ratios.
var payRuns = map[int]region.ScaleRun{}

// timePayRun sets up a region of n employed workers (untimed) and times its pay run; it
// checks that every worker was paid once.
func timePayRun(b *testing.B, n int) (times region.BlockTimes, blocks uint64) {
	b.StopTimer()
	defer b.StartTimer()
	cfg := region.DefaultConfig()
	cfg.DB = region.BenchDB(b)
	r := region.New(b, cfg)
	employ(b, r, n)
	runtime.GC() // the setup's garbage is not the pay run's
	b.StartTimer()
	times, blocks = payOnePeriod(b, r)
	b.StopTimer()
	totals, err := r.App.PayrollKeeper.Totals.Get(r.Ctx())
	require.NoError(b, err)
	require.Equal(b, int64(n)*15_000_000, totals.Paid.Int64(), "every worker paid half an hour, once")
	return times, blocks
}

// employ writes n employments at the Bakery Co-op (workers with accounts and some RSC, as
// members have) with 30 minutes of work in the coming period, and funds the company.
func employ(b testing.TB, r *region.Region, n int) {
	ctx := r.Ctx()
	company := r.AgentAddr("Bakery Co-op")
	start := r.Time.Truncate(time.Hour).Add(time.Hour)
	es := make([]types.Employment, n)
	for i := range es {
		worker := r.NewAddress(ctx, fmt.Appendf(nil, "worker-%015d", i))
		es[i] = types.Employment{
			Id: uint64(i + 1), Company: company.String(), Worker: worker.String(), OccupationId: 1, Wage: math.NewInt(30_000_000),
			StartedAt: r.Time, PaidThrough: r.Time, Carry: math.LegacyZeroDec(), HoursPerWeek: 40,
			Intervals: []types.Interval{{Start: start.Add(10 * time.Minute), End: start.Add(40 * time.Minute)}},
		}
		r.Fund(ctx, worker, math.NewInt(1_000_000)) // each already holds RSC, as a member does from the dividend
	}
	r.Employ(ctx, es)
	r.Fund(ctx, company, math.NewInt(int64(n)*20_000_000))
	r.At(start.Add(50 * time.Minute)) // commit the setup inside the period
	for {                             // and let the run for the previous boundary (no work) finish
		sweep, err := r.App.PayrollKeeper.Sweep.Get(r.Ctx())
		require.NoError(b, err)
		if !sweep.Active {
			return
		}
		r.NextBlock(time.Second)
	}
}

// payOnePeriod crosses the next period boundary and runs blocks a second apart until the pay
// run is over; it returns each block's time and the number of blocks the run counted.
func payOnePeriod(b *testing.B, r *region.Region) (region.BlockTimes, uint64) {
	var times region.BlockTimes
	next := r.Time.Truncate(time.Hour).Add(time.Hour)
	for {
		dt := time.Second
		if len(times) == 0 {
			dt = next.Sub(r.Time)
		}
		times = append(times, r.TimedBlock(dt))
		sweep, err := r.App.PayrollKeeper.Sweep.Get(r.Ctx())
		require.NoError(b, err)
		require.Equal(b, next, sweep.Boundary)
		if !sweep.Active {
			return times, sweep.Blocks
		}
	}
}
