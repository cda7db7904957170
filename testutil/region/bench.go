package region

import (
	"fmt"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/collections"
)

// BlockTimes are the times of a benchmark's blocks, each FinalizeBlock and Commit.
type BlockTimes []time.Duration

// Total is the time of all the blocks.
func (t BlockTimes) Total() time.Duration {
	var sum time.Duration
	for _, d := range t {
		sum += d
	}
	return sum
}

// Worst is the slowest block's time.
func (t BlockTimes) Worst() time.Duration { return slices.Max(append(BlockTimes{0}, t...)) }

// Percentile is the p-th percentile (0 < p <= 100) of the block times, by nearest rank: the
// time that p% of the blocks do not exceed.
func (t BlockTimes) Percentile(p float64) time.Duration {
	if len(t) == 0 {
		return 0
	}
	sorted := slices.Sorted(slices.Values(t))
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// Ms is d in milliseconds, for b.ReportMetric.
func Ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// TimedBlock commits a block dt after the last one with txs and returns how long
// FinalizeBlock and Commit took.
func (r *Region) TimedBlock(dt time.Duration, txs ...[]byte) time.Duration {
	r.t.Helper()
	began := time.Now()
	r.NextBlock(dt, txs...)
	return time.Since(began)
}

// TimeBlocks commits blocks, the first at first and the others a second apart, until done
// says the work is over, timing each block (FinalizeBlock and Commit) with the benchmark's
// timer running and done with it stopped. It returns each block's time.
func (r *Region) TimeBlocks(b *testing.B, first time.Time, done func() bool) BlockTimes {
	if !first.After(r.Time) {
		b.Fatalf("the first block (%s) must come after the last (%s)", first, r.Time)
	}
	var times BlockTimes
	for {
		dt := time.Second
		if len(times) == 0 {
			dt = first.Sub(r.Time)
		}
		times = append(times, r.TimedBlock(dt))
		b.StopTimer()
		over := done()
		b.StartTimer()
		if over {
			return times
		}
	}
}

// TimeCollections times the blocks that work off a due queue's n items (ids 1..n), all due
// at first, and then again each period after it, periods times in all: the blocks of each
// collection a second apart, with the benchmark's timer running only while they run; it
// checks that each collection ends within its period. The periods run one after another in
// the same region, so that a small region's blocks, as a large one's, pay for the garbage of
// the blocks before them.
func (r *Region) TimeCollections(b *testing.B, due collections.KeySet[collections.Pair[time.Time, uint64]], n int, first time.Time, period time.Duration, periods int) BlockTimes {
	var times BlockTimes
	for i := range periods {
		at := first.Add(time.Duration(i) * period)
		b.StartTimer()
		times = append(times, r.TimeBlocks(b, at, func() bool {
			left, err := due.Iterate(r.Ctx(), new(collections.Range[collections.Pair[time.Time, uint64]]).EndInclusive(collections.Join(at, uint64(n))))
			if err != nil {
				b.Fatal(err)
			}
			defer left.Close()
			return !left.Valid()
		})...)
		b.StopTimer()
		if r.Time.Sub(at) >= period {
			b.Fatalf("collection %d took %s, more than its period", i+1, r.Time.Sub(at))
		}
	}
	return times
}

// Repeats is how many times a benchmark that compares sizes runs the size of n items, so
// that each size's figures stand on at least 400 blocks (n items take n/25 blocks of a
// second at the regions' defaults): 10 for 1,000, once from 10,000.
func Repeats(n int) int { return max(1, 10_000/max(n, 1)) }

// ScaleRun is one size's run of a benchmark that compares sizes (items due at once): the
// blocks that worked them off and how many items (payments, collections) they made.
type ScaleRun struct {
	Items int
	Times BlockTimes
}

// PerItem is the run's block time per item, in microseconds.
func (s ScaleRun) PerItem() float64 {
	return float64(s.Times.Total().Nanoseconds()) / 1000 / float64(max(s.Items, 1))
}

// Report reports the run's figures: worst_block_ms, avg_block_ms, p50_block_ms,
// p99_block_ms and perItem (the block time per item in microseconds, e.g. us_per_payment).
func (s ScaleRun) Report(b *testing.B, perItem string) {
	b.ReportMetric(Ms(s.Times.Worst()), "worst_block_ms")
	b.ReportMetric(Ms(s.Times.Total())/float64(max(len(s.Times), 1)), "avg_block_ms")
	b.ReportMetric(Ms(s.Times.Percentile(50)), "p50_block_ms")
	b.ReportMetric(Ms(s.Times.Percentile(99)), "p99_block_ms")
	b.ReportMetric(s.PerItem(), perItem)
}

// ReportRatios reports, from runs by size measured earlier in the same invocation, how the
// cost of an item and the tail of the block times grow from the small size to the large
// one: payment_cost_ratio (the time per item at large over that at small) and tail_ratio
// (p99_block_ms over p50_block_ms at large). Without both sizes (a -bench pattern that ran
// one of them) it reports nothing.
func ReportRatios(b *testing.B, runs map[int]ScaleRun, small, large int) {
	s, okS := runs[small]
	l, okL := runs[large]
	if !okS || !okL {
		b.Logf("ratios need the runs at %d and at %d in the same invocation", small, large)
		return
	}
	b.ReportMetric(l.PerItem()/s.PerItem(), "payment_cost_ratio")
	b.ReportMetric(float64(l.Times.Percentile(99))/float64(max(l.Times.Percentile(50), 1)), "tail_ratio")
}

// BenchDB is the database a benchmark's region stores its chain in, by BENCH_DB: unset, in
// memory with every version kept (nil: New's default, as the SDK's own benchmarks run);
// memdb-pruned, in memory with a node's store options (default pruning, IAVL fast nodes
// off, its node cache); goleveldb or pebble, on disk in a directory of the benchmark, with
// those options, as a node runs. The database is closed before its directory is removed.
func BenchDB(b testing.TB) dbm.DB {
	kind := os.Getenv("BENCH_DB")
	var db dbm.DB
	var err error
	switch kind {
	case "":
		return nil
	case "memdb-pruned":
		return dbm.NewMemDB()
	case "goleveldb":
		db, err = dbm.NewGoLevelDB("bench", b.TempDir(), nil)
	case "pebble":
		db, err = dbm.NewPebbleDB("bench", b.TempDir(), nil)
	default:
		err = fmt.Errorf("BENCH_DB=%s: unset, memdb-pruned, goleveldb or pebble", kind)
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := db.Close(); err != nil {
			b.Error(err)
		}
	})
	return db
}
