package keeper_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/housing/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// BenchmarkRentCollection collects a month's rent of 100,000 leases all due at the same
// moment, through FinalizeBlock and Commit with blocks a second apart, and reports the worst
// single block's time (worst_block_ms), the average (avg_block_ms) and how many blocks it
// took (blocks). It checks that every lease's rent was collected, once, within the month.
func BenchmarkRentCollection(b *testing.B) {
	const leases = 100_000
	var worst, total time.Duration
	var blocks int
	for range b.N {
		b.StopTimer()
		cfg := region.DefaultConfig()
		cfg.Institutions = append(cfg.Institutions, region.Institution{Name: "Housing Agency", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}})
		r := region.New(b, cfg)
		due, month := dueLeases(b, r, leases)
		runtime.GC()
		b.StartTimer()
		w, t, bl := r.TimeBlocks(b, due, func() bool {
			left, err := r.App.HousingKeeper.Due.Iterate(r.Ctx(), new(collections.Range[collections.Pair[time.Time, uint64]]).EndInclusive(collections.Join(due, uint64(leases))))
			require.NoError(b, err)
			defer left.Close()
			return !left.Valid()
		})
		worst, total, blocks = max(worst, w), total+t, blocks+bl
		b.StopTimer()
		require.Less(b, r.Time.Sub(due), month, "collected within the month")
		books, err := r.App.HousingKeeper.Books.Get(r.Ctx(), r.AgentAddr("Housing Agency"))
		require.NoError(b, err)
		require.Equal(b, int64(leases)*1_000_000, books.CostCollected.Int64(), "every lease's rent, once")
		b.StartTimer()
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst_block_ms")
	b.ReportMetric(float64(total.Microseconds())/1000/float64(blocks), "avg_block_ms")
	b.ReportMetric(float64(blocks)/float64(b.N), "blocks")
}

// dueLeases writes n units leased to members (1 RSC a month at cost), all due a month from
// now, and returns when, and the month.
func dueLeases(b *testing.B, r *region.Region, n int) (time.Time, time.Duration) {
	ctx := r.Ctx()
	k := r.App.HousingKeeper
	params, err := r.App.GovernanceParamsKeeper.GetParams(ctx)
	require.NoError(b, err)
	agency := r.AgentAddr("Housing Agency")
	due := r.Time.Add(params.DividendPeriod)
	funds := sdk.NewCoins(sdk.NewCoin(app.Denom, math.NewInt(5_000_000)))
	z := math.ZeroInt()
	for i := range n {
		tenant := sdk.AccAddress(fmt.Appendf(nil, "tenant-%015d", i))
		r.App.AccountKeeper.SetAccount(ctx, r.App.AccountKeeper.NewAccount(ctx, authtypes.NewBaseAccountWithAddress(tenant)))
		require.NoError(b, r.App.BankKeeper.MintCoins(ctx, region.Minter, funds))
		require.NoError(b, r.App.BankKeeper.SendCoinsFromModuleToAccount(ctx, region.Minter, tenant, funds))
		id := uint64(i + 1)
		require.NoError(b, k.Units.Set(ctx, id, types.Unit{
			Id: id, Kind: types.UNIT_KIND_APARTMENT, Name: "flat", Area: 50, Agency: agency.String(), Status: types.UNIT_STATUS_LEASED, LeaseId: id,
			PropertyTax: math.NewInt(600_000), Maintenance: math.NewInt(300_000), Administration: math.NewInt(100_000),
		}))
		require.NoError(b, k.Leases.Set(ctx, id, types.Lease{
			Id: id, UnitId: id, Tenant: tenant.String(), Cost: math.NewInt(1_000_000), Markup: z, Member: true, Start: r.Time, NextDue: &due,
			ArrearsCost: z, ArrearsMarkup: z, Paid: z, Active: true,
		}))
		require.NoError(b, k.Due.Set(ctx, collections.Join(due, id)))
		require.NoError(b, k.LeasesByTenant.Set(ctx, collections.Join(tenant, id)))
	}
	require.NoError(b, k.UnitSeq.Set(ctx, uint64(n)))
	require.NoError(b, k.LeaseSeq.Set(ctx, uint64(n)))
	r.NextBlock(time.Second)
	return due, params.DividendPeriod
}
