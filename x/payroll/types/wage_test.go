package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

var dec = math.LegacyMustNewDecFromStr

func baker() types.Occupation {
	return types.Occupation{Id: 1, Name: "baker", MinWage: math.NewInt(20_000_000), MaxWage: math.NewInt(40_000_000),
		Training: dec("0.5"), RegionalNeed: dec("0.2"), Stress: dec("0.2")}
}

func TestWageRule(t *testing.T) {
	w := gptypes.WageFactors{Training: dec("0.25"), RegionalNeed: dec("0.25"), Stress: dec("0.25")}
	o := baker()
	// f = 0.25*0.5 + 0.25*0.2 + 0.25*0.2 = 0.225
	require.True(t, dec("0.225").Equal(o.FactorShare(w)))
	cases := []struct {
		productivity string
		wage         int64
	}{
		{"0", 24_500_000},   // 20M + 20M*0.225
		{"1", 40_000_000},   // the top of the range
		{"0.5", 32_250_000}, // 20M + 20M*(0.225 + 0.775*0.5)
		{"0.333333333333333333", 29_666_666},
	}
	for _, tc := range cases {
		require.Equal(t, math.NewInt(tc.wage), o.Wage(w, dec(tc.productivity)), tc.productivity)
	}
	demanding := o
	demanding.Training, demanding.RegionalNeed, demanding.Stress = dec("1"), dec("1"), dec("1")
	heavy := gptypes.WageFactors{Training: dec("1"), RegionalNeed: dec("1"), Stress: dec("1")}
	require.Equal(t, math.NewInt(40_000_000), demanding.Wage(heavy, dec("0")), "factor share is capped at 1")

	for _, tc := range []struct {
		wage int64
		ok   bool
	}{{24_500_000, true}, {40_000_000, true}, {24_499_999, false}, {40_000_001, false}, {0, false}} {
		err := o.CheckWage(w, math.NewInt(tc.wage))
		if tc.ok {
			require.NoError(t, err)
		} else {
			require.ErrorIs(t, err, types.ErrWageOutOfRange, "%d", tc.wage)
		}
	}
}

func TestOccupationValidate(t *testing.T) {
	for name, edit := range map[string]func(*types.Occupation){
		"no name":          func(o *types.Occupation) { o.Name = "" },
		"zero min":         func(o *types.Occupation) { o.MinWage = math.ZeroInt() },
		"negative min":     func(o *types.Occupation) { o.MinWage = math.NewInt(-1) },
		"max below min":    func(o *types.Occupation) { o.MaxWage = math.NewInt(1) },
		"level above one":  func(o *types.Occupation) { o.Stress = dec("1.5") },
		"negative level":   func(o *types.Occupation) { o.Training = dec("-0.1") },
		"unset level":      func(o *types.Occupation) { o.RegionalNeed = math.LegacyDec{} },
		"unset max wage":   func(o *types.Occupation) { o.MaxWage = math.Int{} },
		"name of 65 chars": func(o *types.Occupation) { o.Name = string(make([]byte, 65)) },
	} {
		o := baker()
		edit(&o)
		require.ErrorIs(t, o.Validate(), types.ErrInvalidOccupation, name)
	}
	require.NoError(t, baker().Validate())
}

func TestMedian(t *testing.T) {
	require.Equal(t, dec("0"), types.Median(nil))
	require.Equal(t, dec("0.7"), types.Median([]math.LegacyDec{dec("0.7")}))
	require.Equal(t, dec("0.5"), types.Median([]math.LegacyDec{dec("0.9"), dec("0.1"), dec("0.5")}))
	require.Equal(t, dec("0.45"), types.Median([]math.LegacyDec{dec("0.8"), dec("0.1"), dec("0.4"), dec("0.5")}))
}

// TestPay: gross = net + tax exactly; the fraction of an ursc is carried, never lost.
func TestPay(t *testing.T) {
	cases := []struct {
		name               string
		wage               int64
		hours, carry, rate string
		gross, tax, net    int64
		newCarry           string
	}{
		{"whole hour", 30_000_000, "1", "0", "0.2", 30_000_000, 6_000_000, 24_000_000, "0"},
		{"a third of an hour", 10_000_001, "0.333333333333333333", "0", "0.25", 3_333_333, 833_333, 2_500_000, "0.666666666663333333"},
		{"carry completes an ursc", 1, "0.5", "0.6", "0", 1, 0, 1, "0.1"},
		{"tax rounds down", 7, "1", "0", "0.25", 7, 1, 6, "0"},
		{"no work", 30_000_000, "0", "0.3", "0.2", 0, 0, 0, "0.3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gross, tax, net, carry := types.Pay(math.NewInt(tc.wage), dec(tc.hours), dec(tc.carry), dec(tc.rate))
			require.Equal(t, tc.gross, gross.Int64())
			require.Equal(t, tc.tax, tax.Int64())
			require.Equal(t, tc.net, net.Int64())
			require.True(t, dec(tc.newCarry).Equal(carry), "carry %s", carry)
			require.True(t, gross.Equal(net.Add(tax)))
			exact := dec(tc.hours).MulInt64(tc.wage).Add(dec(tc.carry))
			require.True(t, exact.Equal(math.LegacyNewDecFromInt(gross).Add(carry)), "nothing lost")
		})
	}
}
