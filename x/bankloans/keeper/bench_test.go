package keeper_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// BenchmarkLoanCollections collects one installment of each of 1,000 and then 100,000
// active loans, all due at the same moment, through FinalizeBlock and Commit with blocks a
// second apart, and reports for each the worst, average, median and 99th-percentile block
// (worst_block_ms, avg_block_ms, p50_block_ms, p99_block_ms), how many blocks the collection
// took (blocks) and the block time per installment collected (us_per_collection). It checks
// that every installment was collected, once, well within the installment period.
//
// The 1,000 loans are collected region.Repeats times (10 successive installments of the
// same loans, a month apart) and their blocks pooled: one collection of 1,000 is 40 blocks,
// too few for a percentile, and as the 100,000's 4,000 blocks do, they then run with the
// garbage of the blocks before them (a fresh region after a forced collection would not
// pay for its garbage within 40 blocks).
//
// Its last sub-benchmark, ratios, compares the two sizes measured before it in the same
// invocation (kept in loanRuns): payment_cost_ratio is us_per_collection at 100,000 loans
// over that at 1,000 (target <= 1.5), tail_ratio is p99_block_ms over p50_block_ms at
// 100,000 (target <= 3).
func BenchmarkLoanCollections(b *testing.B) {
	for _, loans := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("loans=%d", loans), func(b *testing.B) {
			run := region.ScaleRun{}
			for range b.N {
				periods := region.Repeats(loans)
				run.Times, run.Items = append(run.Times, collectLoans(b, loans, periods)...), run.Items+loans*periods
			}
			loanRuns[loans] = run
			run.Report(b, "us_per_collection")
			b.ReportMetric(float64(len(run.Times))/float64(b.N*region.Repeats(loans)), "blocks")
		})
	}
	b.Run("ratios", func(b *testing.B) { region.ReportRatios(b, loanRuns, 1_000, 100_000) })
}

// loanRuns keeps each size's collection for the ratios.
var loanRuns = map[int]region.ScaleRun{}

// collectLoans sets up a region of n loans due at once (untimed) and times the blocks that
// collect their next installments, periods of them a month apart; it checks that each was
// collected once, within its period.
func collectLoans(b *testing.B, loans, periods int) region.BlockTimes {
	b.StopTimer()
	defer b.StartTimer()
	cfg := region.DefaultConfig()
	cfg.DB = region.BenchDB(b)
	r := region.New(b, cfg)
	first := dueLoans(b, r, loans)
	runtime.GC()
	times := r.TimeCollections(b, r.App.BankLoansKeeper.Due, loans, first, month, periods)
	// each loan is the same (dueLoans): its interest over the periods, exactly
	l, err := r.App.BankLoansKeeper.Loan(r.Ctx(), 1)
	require.NoError(b, err)
	interest, remaining := math.ZeroInt(), l.Principal
	for range periods {
		i, p := types.Split(remaining, l.Installment, l.PeriodRate)
		interest, remaining = interest.Add(i), remaining.Sub(p)
	}
	require.Equal(b, uint32(periods), l.DueCount)
	p, err := r.App.BankLoansKeeper.Portfolios.Get(r.Ctx(), r.AgentAddr("Regional Public Bank"))
	require.NoError(b, err)
	require.Equal(b, interest.MulRaw(int64(loans)), p.InterestCollected, "every installment's interest, once")
	return times
}

// dueLoans writes n active loans of the Regional Public Bank (100 RSC over 12 months at 1%
// a month, borrowers with the funds to pay), all due a month from now, and returns when.
func dueLoans(b *testing.B, r *region.Region, n int) time.Time {
	ctx := r.Ctx()
	bank := r.AgentAddr("Regional Public Bank")
	due := r.Time.Add(month)
	principal := math.NewInt(100 * rsc)
	rate := math.LegacyMustNewDecFromStr("0.01")
	z := math.ZeroInt()
	loans := make([]types.Loan, n)
	for i := range n {
		borrower := r.NewAddress(ctx, fmt.Appendf(nil, "borrower-%013d", i))
		r.Fund(ctx, borrower, math.NewInt(100*rsc)) // ten installments
		loans[i] = types.Loan{
			Id: uint64(i + 1), Bank: bank.String(), Borrower: borrower.String(), ProductId: 1, Principal: principal, Installments: 12,
			Status: types.LOAN_STATUS_ACTIVE, PeriodRate: rate, InstallmentPeriod: month, PenaltyRate: math.LegacyZeroDec(), DefaultAfter: 3,
			Installment: types.InstallmentAmount(principal, rate, 12), AppliedAt: r.Time, DisbursedAt: &r.Time, NextDue: &due,
			Remaining: principal, ArrearsPrincipal: z, ArrearsInterest: z, PrincipalPaid: z, InterestPaid: z, WrittenOff: z,
		}
	}
	r.Lend(ctx, bank, loans)
	r.NextBlock(time.Second) // commit the setup
	return due
}
