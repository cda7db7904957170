package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// TestSchedule: for every principal, rate and term, the principal parts sum to the
// principal exactly, no installment is above the equal installment, the term is kept, and
// each interest part is the remaining principal times the rate, rounded down. (Over a
// century of monthly installments the sub-ursc rounding up of the installment compounds
// into ending a few installments early; the last case shows it.)
func TestSchedule(t *testing.T) {
	cases := []struct {
		principal int64
		annual    string
		period    time.Duration
		n         uint32
		shorter   bool
	}{
		{120_000_000, "0.12", 730 * time.Hour, 12, false},
		{1, "0.12", 730 * time.Hour, 1, false},
		{999_999_999, "0.07", 24 * time.Hour, 365, false},
		{500_000_000_000, "0.045", 730 * time.Hour, 360, false},
		{10, "0", 730 * time.Hour, 3, false},
		{1_000_003, "0", time.Hour, 7, false},
		{77_777, "3.5", 730 * time.Hour, 24, false},
		{250_000_000, "0.12", 730 * time.Hour, 1200, true},
	}
	for _, c := range cases {
		p := math.NewInt(c.principal)
		r := types.PeriodRate(math.LegacyMustNewDecFromStr(c.annual), c.period)
		a := types.InstallmentAmount(p, r, c.n)
		s := types.Schedule(p, a, r, time.Unix(0, 0), c.period, 2000)
		if c.shorter {
			require.Less(t, len(s), int(c.n))
			require.Greater(t, len(s), int(c.n)-10)
		} else {
			require.Len(t, s, int(c.n), "%+v: the term is kept", c)
		}
		sum, remaining := math.ZeroInt(), p
		for _, in := range s {
			require.True(t, in.Total.LTE(a), "%+v: installment %d above %s", c, in.Number, a)
			require.Equal(t, r.MulInt(remaining).TruncateInt(), in.Interest)
			sum, remaining = sum.Add(in.Principal), remaining.Sub(in.Principal)
			require.Equal(t, remaining, in.Remaining)
		}
		require.Equal(t, p, sum, "%+v: principal parts sum to the principal", c)
		require.True(t, s[len(s)-1].Remaining.IsZero())
	}
}

func TestInstallmentAmount(t *testing.T) {
	r := types.PeriodRate(math.LegacyMustNewDecFromStr("0.12"), 730*time.Hour)
	require.Equal(t, math.LegacyMustNewDecFromStr("0.01"), r)
	// 1,000,000 x 0.01 x 1.01^12 / (1.01^12 - 1) = 88,848.79
	require.Equal(t, int64(88_849), types.InstallmentAmount(math.NewInt(1_000_000), r, 12).Int64())
	require.Equal(t, int64(334), types.InstallmentAmount(math.NewInt(1_000), math.LegacyZeroDec(), 3).Int64())
}

func TestProductValidate(t *testing.T) {
	good := types.Product{Name: "home", MaxAmount: math.NewInt(1), MaxInstallments: 12, AnnualRate: math.LegacyMustNewDecFromStr("0.05"),
		InstallmentPeriod: time.Hour, PenaltyRate: math.LegacyZeroDec(), DefaultAfter: 3}
	require.NoError(t, good.Validate())
	for name, f := range map[string]func(p *types.Product){
		"no name":          func(p *types.Product) { p.Name = "" },
		"zero max":         func(p *types.Product) { p.MaxAmount = math.ZeroInt() },
		"zero term":        func(p *types.Product) { p.MaxInstallments = 0 },
		"negative rate":    func(p *types.Product) { p.AnnualRate = math.LegacyMustNewDecFromStr("-0.1") },
		"usury":            func(p *types.Product) { p.AnnualRate = math.LegacyNewDec(11) },
		"a second":         func(p *types.Product) { p.InstallmentPeriod = time.Second },
		"penalty above 1":  func(p *types.Product) { p.PenaltyRate = math.LegacyNewDec(2) },
		"never defaulting": func(p *types.Product) { p.DefaultAfter = 0 },
	} {
		p := good
		f(&p)
		require.ErrorIs(t, p.Validate(), types.ErrInvalidProduct, name)
	}
}
