package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/housing/types"
)

func TestRent(t *testing.T) {
	cases := []struct {
		tax, maintenance, admin int64
		markup                  string
		cost, above             int64
	}{
		{600_000, 300_000, 100_000, "0.05", 1_000_000, 50_000},
		{600_000, 300_000, 100_000, "0", 1_000_000, 0},
		{1, 1, 1, "0.5", 3, 1},                  // 1.5 rounds down
		{333_333, 0, 0, "0.1", 333_333, 33_333}, // 33,333.3
		{7, 0, 0, "1", 7, 7},
	}
	for _, c := range cases {
		u := types.Unit{PropertyTax: math.NewInt(c.tax), Maintenance: math.NewInt(c.maintenance), Administration: math.NewInt(c.admin)}
		cost, above := u.Rent(math.LegacyMustNewDecFromStr(c.markup))
		require.Equal(t, c.cost, cost.Int64())
		require.Equal(t, c.above, above.Int64())
	}
}

func TestValidate(t *testing.T) {
	good := types.Unit{Kind: types.UNIT_KIND_APARTMENT, Name: "flat", Area: 40, PropertyTax: math.NewInt(1), Maintenance: math.ZeroInt(), Administration: math.ZeroInt()}
	require.NoError(t, good.Validate())
	for name, f := range map[string]func(u *types.Unit){
		"no kind":       func(u *types.Unit) { u.Kind = 0 },
		"no name":       func(u *types.Unit) { u.Name = "" },
		"no area":       func(u *types.Unit) { u.Area = 0 },
		"negative cost": func(u *types.Unit) { u.Maintenance = math.NewInt(-1) },
		"free":          func(u *types.Unit) { u.PropertyTax = math.ZeroInt() },
	} {
		u := good
		f(&u)
		require.ErrorIs(t, u.Validate(), types.ErrInvalidUnit, name)
	}
}
