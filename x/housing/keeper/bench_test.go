package keeper_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/housing/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// BenchmarkRentCollection collects a month's rent of 1,000 and then 100,000 leases, all due
// at the same moment, through FinalizeBlock and Commit with blocks a second apart, and
// reports for each the worst, average, median and 99th-percentile block (worst_block_ms,
// avg_block_ms, p50_block_ms, p99_block_ms), how many blocks it took (blocks) and the block
// time per rent collected (us_per_collection). It checks that every lease's rent was
// collected, once, within the month.
//
// The 1,000 leases' rents are collected region.Repeats times (10 successive months of the
// same leases) and their blocks pooled: one collection of 1,000 is 40 blocks, too few for a
// percentile, and as the 100,000's 4,000 blocks do, they then run with the garbage of the
// blocks before them (a fresh region after a forced collection would not pay for its
// garbage within 40 blocks).
//
// Its last sub-benchmark, ratios, compares the two sizes measured before it in the same
// invocation (kept in rentRuns): payment_cost_ratio is us_per_collection at 100,000 leases
// over that at 1,000 (target <= 1.5), tail_ratio is p99_block_ms over p50_block_ms at
// 100,000 (target <= 3).
func BenchmarkRentCollection(b *testing.B) {
	for _, leases := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("leases=%d", leases), func(b *testing.B) {
			run := region.ScaleRun{}
			for range b.N {
				months := region.Repeats(leases)
				run.Times, run.Items = append(run.Times, collectRents(b, leases, months)...), run.Items+leases*months
			}
			rentRuns[leases] = run
			run.Report(b, "us_per_collection")
			b.ReportMetric(float64(len(run.Times))/float64(b.N*region.Repeats(leases)), "blocks")
		})
	}
	b.Run("ratios", func(b *testing.B) { region.ReportRatios(b, rentRuns, 1_000, 100_000) })
}

// rentRuns keeps each size's collection for the ratios.
var rentRuns = map[int]region.ScaleRun{}

// collectRents sets up a region of n leases due at once (untimed) and times the blocks that
// collect their rent, months of it; it checks that each was collected once, within its month.
func collectRents(b *testing.B, leases, months int) region.BlockTimes {
	b.StopTimer()
	defer b.StartTimer()
	cfg := region.DefaultConfig()
	cfg.Institutions = append(cfg.Institutions, region.Institution{Name: "Housing Agency", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}})
	cfg.DB = region.BenchDB(b)
	r := region.New(b, cfg)
	due, month := dueLeases(b, r, leases)
	runtime.GC()
	times := r.TimeCollections(b, r.App.HousingKeeper.Due, leases, due, month, months)
	books, err := r.App.HousingKeeper.Books.Get(r.Ctx(), r.AgentAddr("Housing Agency"))
	require.NoError(b, err)
	require.Equal(b, int64(leases*months)*1_000_000, books.CostCollected.Int64(), "every lease's rent, once a month")
	return times
}

// dueLeases writes n units leased to members (1 RSC a month at cost), all due a month from
// now, and returns when, and the month.
func dueLeases(b *testing.B, r *region.Region, n int) (time.Time, time.Duration) {
	ctx := r.Ctx()
	params, err := r.App.GovernanceParamsKeeper.GetParams(ctx)
	require.NoError(b, err)
	agency := r.AgentAddr("Housing Agency")
	due := r.Time.Add(params.DividendPeriod)
	z := math.ZeroInt()
	units, leases := make([]types.Unit, n), make([]types.Lease, n)
	for i := range n {
		tenant := r.NewAddress(ctx, fmt.Appendf(nil, "tenant-%015d", i))
		r.Fund(ctx, tenant, math.NewInt(12_000_000)) // a year's rent
		id := uint64(i + 1)
		units[i] = types.Unit{
			Id: id, Kind: types.UNIT_KIND_APARTMENT, Name: "flat", Area: 50, Agency: agency.String(), Status: types.UNIT_STATUS_LEASED, LeaseId: id,
			PropertyTax: math.NewInt(600_000), Maintenance: math.NewInt(300_000), Administration: math.NewInt(100_000),
		}
		leases[i] = types.Lease{
			Id: id, UnitId: id, Tenant: tenant.String(), Cost: math.NewInt(1_000_000), Markup: z, Member: true, Start: r.Time, NextDue: &due,
			ArrearsCost: z, ArrearsMarkup: z, Paid: z, Active: true,
		}
	}
	r.Lease(ctx, units, leases)
	r.NextBlock(time.Second)
	return due, params.DividendPeriod
}
