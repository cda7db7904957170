package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/market/types"
)

func TestParseStock(t *testing.T) {
	cases := []struct {
		in     string
		update bool
		want   types.Stock
		err    bool
	}{
		{in: "12", want: types.Stock{Units: 12}},
		{in: "0", want: types.Stock{Units: 0}},
		{in: "unlimited", want: types.Stock{Unlimited: true}},
		{in: "", update: true, want: types.Stock{Keep: true}},
		{in: "", err: true},
		{in: "-1", err: true},
		{in: "many", err: true},
		{in: "1e3", err: true},
	}
	for _, c := range cases {
		got, err := types.ParseStock(c.in, c.update)
		if c.err {
			require.ErrorIs(t, err, types.ErrInvalidListing, c.in)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, c.want, got)
	}
}

func TestPrice(t *testing.T) {
	cases := []struct {
		price, quantity int64
		rate            string
		amount, tax     int64
	}{
		{1, 1, "0.08", 1, 0},
		{12, 1, "0.08", 12, 0}, // 0.96 rounds down
		{13, 1, "0.08", 13, 1}, // 1.04
		{333_333, 3, "0.05", 999_999, 49_999},
		{1_000_000, 1_000, "0", 1_000_000_000, 0},
		{7, 3, "1", 21, 21},
	}
	for _, c := range cases {
		amount, tax := types.Price(math.NewInt(c.price), uint64(c.quantity), math.LegacyMustNewDecFromStr(c.rate))
		require.Equal(t, c.amount, amount.Int64())
		require.Equal(t, c.tax, tax.Int64())
	}
}
