package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/education/keeper"
	"github.com/conductor-coop/conductor/x/education/types"
)

func TestTuition(t *testing.T) {
	year := 365 * 24 * time.Hour
	cases := []struct {
		cost     int64
		capacity uint32
		term     time.Duration
		share    string
		want     int64
	}{
		{400_000_000, 4, year / 4, "0.25", 6_250_000},
		{400_000_000, 4, year, "0.25", 25_000_000},
		{400_000_000, 4, year / 4, "0", 0},
		{100, 3, year / 2, "1", 16}, // 16.67 rounds down
		{1_000_000, 7, year / 12, "0.5", 5_952},
	}
	for _, c := range cases {
		p := types.Program{YearlyCost: math.NewInt(c.cost), Capacity: c.capacity, Term: c.term}
		require.Equal(t, c.want, p.Tuition(math.LegacyMustNewDecFromStr(c.share)).Int64())
	}
}

func TestGroup(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) *time.Time { t := now.Add(-d); return &t }
	year := 365 * 24 * time.Hour
	require.Equal(t, uint32(1), keeper.Group(types.Record{}, now, 5), "never enrolled")
	require.Equal(t, uint32(2), keeper.Group(types.Record{LastEnd: ago(6 * year)}, now, 5), "not in the last 5 years")
	require.Equal(t, uint32(3), keeper.Group(types.Record{LastEnd: ago(4 * year)}, now, 5), "recently")
	require.Equal(t, uint32(3), keeper.Group(types.Record{EnrolledNow: 1, LastEnd: ago(10 * year)}, now, 5), "enrolled now")
	require.Equal(t, uint32(3), keeper.Group(types.Record{EnrolledNow: 1}, now, 5), "enrolled now, for the first time")
}
