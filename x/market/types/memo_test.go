package types_test

import (
	"math/big"
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
		amount, tax, err := types.Price(math.NewInt(c.price), uint64(c.quantity), math.LegacyMustNewDecFromStr(c.rate))
		require.NoError(t, err)
		require.Equal(t, c.amount, amount.Int64())
		require.Equal(t, c.tax, tax.Int64())
	}
}

// TestPriceOverflow: a price x quantity beyond any region's money is a registered error,
// never a panic (math.Int panics past 256 bits).
func TestPriceOverflow(t *testing.T) {
	huge, ok := math.NewIntFromString("115792089237316195423570985008687907853269984665640564039457584007913129639935") // 2^256-1
	require.True(t, ok)
	pow2 := func(n uint) math.Int { return math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), n)) }
	large := pow2(180)
	cases := []struct {
		name     string
		price    math.Int
		quantity uint64
	}{
		{"2^256-1 x 2", huge, 2},
		{"2^180 x 2^20", large, 1 << 20},
		{"2^180 x max uint64", large, ^uint64(0)},
	}
	for _, c := range cases {
		_, _, err := types.Price(c.price, c.quantity, math.LegacyMustNewDecFromStr("0.08"))
		require.ErrorIs(t, err, types.ErrOverflow, c.name)
	}
	amount, _, err := types.Price(pow2(150), 1<<20, math.LegacyOneDec())
	require.NoError(t, err, "2^170 is still a price")
	require.Equal(t, 171, amount.BigInt().BitLen())
}
