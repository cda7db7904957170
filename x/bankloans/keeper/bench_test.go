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
	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// BenchmarkLoanCollections collects one installment of each of 100,000 active loans, all
// due at the same moment, through FinalizeBlock and Commit with blocks a second apart, and
// reports the worst single block's time (worst_block_ms), the average (avg_block_ms) and
// how many blocks the collection took (blocks). It checks that every installment was
// collected, once, well within the installment period.
func BenchmarkLoanCollections(b *testing.B) {
	const loans = 100_000
	var worst, total time.Duration
	var blocks int
	for range b.N {
		b.StopTimer()
		cfg := region.DefaultConfig()
		if os.Getenv("BENCH_DB") == "memdb-pruned" {
			cfg.DB = dbm.NewMemDB()
		}
		r := region.New(b, cfg)
		due := dueLoans(b, r, loans)
		runtime.GC()
		b.StartTimer()
		w, t, bl := r.TimeBlocks(b, due, func() bool {
			left, err := r.App.BankLoansKeeper.Due.Iterate(r.Ctx(), new(collections.Range[collections.Pair[time.Time, uint64]]).EndInclusive(collections.Join(due, uint64(loans))))
			require.NoError(b, err)
			defer left.Close()
			return !left.Valid()
		})
		worst, total, blocks = max(worst, w), total+t, blocks+bl
		b.StopTimer()
		require.Less(b, r.Time.Sub(due), month, "collected within the period")
		p, err := r.App.BankLoansKeeper.Portfolios.Get(r.Ctx(), r.AgentAddr("Regional Public Bank"))
		require.NoError(b, err)
		require.Equal(b, int64(loans)*1_000_000, p.InterestCollected.Int64(), "every installment's interest, once")
		b.StartTimer()
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst_block_ms")
	b.ReportMetric(float64(total.Microseconds())/1000/float64(blocks), "avg_block_ms")
	b.ReportMetric(float64(blocks)/float64(b.N), "blocks")
}

// dueLoans writes n active loans of the Regional Public Bank (100 RSC over 12 months at 1%
// a month, borrowers with the funds to pay), all due a month from now, and returns when.
func dueLoans(b *testing.B, r *region.Region, n int) time.Time {
	ctx := r.Ctx()
	k := r.App.BankLoansKeeper
	bank := r.AgentAddr("Regional Public Bank")
	due := r.Time.Add(month)
	principal := math.NewInt(100 * rsc)
	rate := math.LegacyMustNewDecFromStr("0.01")
	funds := sdk.NewCoins(sdk.NewCoin(app.Denom, math.NewInt(20*rsc)))
	z := math.ZeroInt()
	for i := range n {
		borrower := sdk.AccAddress(fmt.Appendf(nil, "borrower-%013d", i))
		r.App.AccountKeeper.SetAccount(ctx, r.App.AccountKeeper.NewAccount(ctx, authtypes.NewBaseAccountWithAddress(borrower)))
		require.NoError(b, r.App.BankKeeper.MintCoins(ctx, region.Minter, funds))
		require.NoError(b, r.App.BankKeeper.SendCoinsFromModuleToAccount(ctx, region.Minter, borrower, funds))
		id := uint64(i + 1)
		l := types.Loan{
			Id: id, Bank: bank.String(), Borrower: borrower.String(), ProductId: 1, Principal: principal, Installments: 12,
			Status: types.LOAN_STATUS_ACTIVE, PeriodRate: rate, InstallmentPeriod: month, PenaltyRate: math.LegacyZeroDec(), DefaultAfter: 3,
			Installment: types.InstallmentAmount(principal, rate, 12), AppliedAt: r.Time, DisbursedAt: &r.Time, NextDue: &due,
			Remaining: principal, ArrearsPrincipal: z, ArrearsInterest: z, PrincipalPaid: z, InterestPaid: z, WrittenOff: z,
		}
		require.NoError(b, k.Loans.Set(ctx, id, l))
		require.NoError(b, k.Due.Set(ctx, collections.Join(due, id)))
		require.NoError(b, k.LoansByBorrower.Set(ctx, collections.Join(borrower, id)))
		require.NoError(b, k.LoansByBank.Set(ctx, collections.Join(bank, id)))
	}
	require.NoError(b, k.LoanSeq.Set(ctx, uint64(n)))
	outstanding := principal.MulRaw(int64(n))
	require.NoError(b, k.Portfolios.Set(ctx, bank, types.Portfolio{
		Bank: bank.String(), Provided: outstanding, Capital: z, Outstanding: outstanding, WrittenOff: z, InterestCollected: z, Lent: outstanding, ActiveLoans: uint64(n),
	}))
	r.NextBlock(time.Second) // commit the setup
	return due
}
