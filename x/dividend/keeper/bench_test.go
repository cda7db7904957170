package keeper_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/dividend/types"
)

// BenchmarkDividend closes a dividend period with 1,000 RSC of revenue for 10,000, 100,000
// and 1,000,000 members through FinalizeBlock and Commit, and reports the worst block's
// time in the period's payout work (worst_block_ms: the block that closes the period and
// the next one) and their sum (ms_per_period_total). The dividend is owed through an index,
// so the close does not depend on the number of members; each member's payment is one
// transfer in its own next transaction. It checks the amount owed to a member.
func BenchmarkDividend(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			var worst, total time.Duration
			for range b.N {
				b.StopTimer()
				r := region.New(b, region.DefaultConfig())
				registerMembers(b, r, n)
				open, err := r.App.DividendKeeper.Periods.Get(r.Ctx(), 1)
				require.NoError(b, err)
				params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
				require.NoError(b, err)
				runtime.GC()
				b.StartTimer()
				for i := range 2 {
					began := time.Now()
					if i == 0 {
						r.At(open.Start.Add(params.DividendPeriod))
					} else {
						r.NextBlock(time.Second)
					}
					took := time.Since(began)
					worst, total = max(worst, took), total+took
				}
				b.StopTimer()
				p, err := r.App.DividendKeeper.Periods.Get(r.Ctx(), 1)
				require.NoError(b, err)
				require.Equal(b, uint64(n+3), p.Members)
				require.Equal(b, int64(500_000_000)/int64(n+3), p.PerMember.Int64())
				m, err := r.App.DividendKeeper.Members.Get(r.Ctx(), member(n-1))
				require.NoError(b, err)
				owed, _, err := r.App.DividendKeeper.Owed(r.Ctx(), m)
				require.NoError(b, err)
				require.Equal(b, p.PerMember, owed)
				b.StartTimer()
			}
			b.ReportMetric(float64(worst.Microseconds())/1000, "worst_block_ms")
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms_per_period_total")
		})
	}
}

func member(i int) sdk.AccAddress { return sdk.AccAddress(fmt.Appendf(nil, "member-%013d", i)) }

// registerMembers adds n members to the dividend's register (beside the region's three)
// and books 1,000 RSC of revenue in the open period.
func registerMembers(b *testing.B, r *region.Region, n int) {
	ctx := r.Ctx()
	k := r.App.DividendKeeper
	for i := range n {
		addr := member(i)
		require.NoError(b, k.Members.Set(ctx, addr, types.Member{Address: addr.String(), Since: 1}))
	}
	count, err := k.MemberCount.Get(ctx)
	require.NoError(b, err)
	require.NoError(b, k.MemberCount.Set(ctx, count+uint64(n)))
	require.NoError(b, k.Book(ctx, types.SOURCE_INCOME_TAX, math.NewInt(1_000_000_000)))
	r.NextBlock(time.Second)
}
