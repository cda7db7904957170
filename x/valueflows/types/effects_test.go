package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/valueflows/types"
)

func d(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

func res(accounting, onhand, value string) *types.EconomicResource {
	return &types.EconomicResource{Id: 1, Unit: "kg", AccountingQuantity: d(accounting), OnhandQuantity: d(onhand), Value: d(value)}
}

// TestApplyEffect: each VF 1.0 action's effect on the quantities (and value) of the
// resource it draws on and the one it moves to, and each refusal.
func TestApplyEffect(t *testing.T) {
	type state struct{ accounting, onhand, value string }
	cases := []struct {
		action   types.Action
		q        string
		from, to state
		noTo     bool
		wantFrom state
		wantTo   state
		out      string
		err      *errorsmod.Error
	}{
		{action: types.ACTION_PRODUCE, q: "5", from: state{"10", "10", "30"}, noTo: true, wantFrom: state{"15", "15", "30"}, out: "0"},
		{action: types.ACTION_RAISE, q: "5", from: state{"10", "10", "30"}, noTo: true, wantFrom: state{"15", "15", "30"}, out: "0"},
		{action: types.ACTION_CONSUME, q: "4", from: state{"10", "10", "30"}, noTo: true, wantFrom: state{"6", "6", "18"}, out: "12"},
		{action: types.ACTION_LOWER, q: "10", from: state{"10", "10", "30"}, noTo: true, wantFrom: state{"0", "0", "0"}, out: "30"},
		{action: types.ACTION_TRANSFER, q: "4", from: state{"10", "10", "30"}, to: state{"1", "1", "5"}, wantFrom: state{"6", "6", "18"}, wantTo: state{"5", "5", "17"}, out: "12"},
		{action: types.ACTION_MOVE, q: "4", from: state{"10", "10", "30"}, to: state{"0", "0", "0"}, wantFrom: state{"6", "6", "18"}, wantTo: state{"4", "4", "12"}, out: "12"},
		{action: types.ACTION_TRANSFER_ALL_RIGHTS, q: "4", from: state{"10", "10", "30"}, to: state{"0", "0", "0"}, wantFrom: state{"6", "10", "18"}, wantTo: state{"4", "0", "12"}, out: "12"},
		{action: types.ACTION_TRANSFER_CUSTODY, q: "4", from: state{"10", "10", "30"}, to: state{"0", "0", "0"}, wantFrom: state{"10", "6", "30"}, wantTo: state{"0", "4", "0"}, out: "0"},
		{action: types.ACTION_USE, q: "4", from: state{"10", "10", "30"}, noTo: true, wantFrom: state{"10", "10", "30"}, out: "0"},
		{action: types.ACTION_CITE, q: "1", from: state{"10", "10", "30"}, noTo: true, wantFrom: state{"10", "10", "30"}, out: "0"},
		{action: types.ACTION_WORK, q: "8", from: state{"10", "10", "30"}, noTo: true, wantFrom: state{"10", "10", "30"}, out: "0"},
		{action: types.ACTION_DELIVER_SERVICE, q: "1", from: state{"10", "10", "30"}, noTo: true, wantFrom: state{"10", "10", "30"}, out: "0"},
		// a third of 10 at 10/3 each: the average cost, and the last unit takes the rest
		{action: types.ACTION_CONSUME, q: "3", from: state{"9", "9", "10"}, noTo: true, wantFrom: state{"6", "6", "6.666666666666666667"}, out: "3.333333333333333333"},
		// refusals
		{action: types.ACTION_CONSUME, q: "11", from: state{"10", "10", "30"}, noTo: true, err: types.ErrInsufficientQuantity},
		{action: types.ACTION_TRANSFER_CUSTODY, q: "7", from: state{"10", "6", "30"}, to: state{"0", "0", "0"}, err: types.ErrInsufficientQuantity},
		{action: types.ACTION_TRANSFER_ALL_RIGHTS, q: "7", from: state{"6", "10", "30"}, to: state{"0", "0", "0"}, err: types.ErrInsufficientQuantity},
		{action: types.ACTION_CONSUME, q: "0", from: state{"10", "10", "30"}, noTo: true, err: types.ErrInvalidQuantity},
		{action: types.ACTION_CONSUME, q: "-1", from: state{"10", "10", "30"}, noTo: true, err: types.ErrInvalidQuantity},
		{action: types.ACTION_TRANSFER, q: "1", from: state{"10", "10", "30"}, noTo: true, err: types.ErrInvalidAction},
		{action: types.Action(99), q: "1", from: state{"10", "10", "30"}, noTo: true, err: types.ErrInvalidAction},
	}
	for _, c := range cases {
		t.Run(c.action.Label()+" "+c.q, func(t *testing.T) {
			from := res(c.from.accounting, c.from.onhand, c.from.value)
			var to *types.EconomicResource
			if !c.noTo {
				to = res(c.to.accounting, c.to.onhand, c.to.value)
			}
			out, err := types.ApplyEffect(c.action, from, to, d(c.q))
			if c.err != nil {
				require.ErrorIs(t, err, c.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, d(c.out), out, "value out")
			require.Equal(t, state{from.AccountingQuantity.String(), from.OnhandQuantity.String(), from.Value.String()},
				state{d(c.wantFrom.accounting).String(), d(c.wantFrom.onhand).String(), d(c.wantFrom.value).String()})
			if to != nil {
				require.Equal(t, state{to.AccountingQuantity.String(), to.OnhandQuantity.String(), to.Value.String()},
					state{d(c.wantTo.accounting).String(), d(c.wantTo.onhand).String(), d(c.wantTo.value).String()})
			}
		})
	}
	t.Run("no resource", func(t *testing.T) {
		_, err := types.ApplyEffect(types.ACTION_CONSUME, nil, nil, d("1"))
		require.ErrorIs(t, err, types.ErrInvalidAction)
	})
}

func TestPeriodsAndBuckets(t *testing.T) {
	from, to, err := types.ParsePeriod("2026-01-01,2026-04-01")
	require.NoError(t, err)
	require.Equal(t, "2026-01-01T00:00:00Z", from.Format("2006-01-02T15:04:05Z07:00"))
	require.Equal(t, "2026-04-01", to.Format("2006-01-02"))
	for _, bad := range []string{"", "2026-01-01", "2026-04-01,2026-01-01", "2026-01-01,2026-01-01", "yesterday,today", "2026-01-01,2026-02-01,2026-03-01"} {
		_, _, err := types.ParsePeriod(bad)
		require.ErrorIs(t, err, types.ErrInvalidPeriod, bad)
	}
	for bucket, want := range map[string]string{"": "2026-11", "month": "2026-11", "quarter": "2026-Q4", "year": "2026"} {
		got, err := types.Bucket(from.AddDate(0, 10, 5), bucket)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err = types.Bucket(from, "week")
	require.ErrorIs(t, err, types.ErrInvalidQuery)
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	cases := map[string]func(*types.GenesisState){
		"duplicate unit":       func(g *types.GenesisState) { g.Units = append(g.Units, g.Units[0]) },
		"unit with space":      func(g *types.GenesisState) { g.Units[0].Symbol = "k g" },
		"spec of unknown unit": func(g *types.GenesisState) { g.Specs[0].Unit = "furlong" },
		"region spec missing":  func(g *types.GenesisState) { g.Specs = g.Specs[1:] },
		"spec id past next":    func(g *types.GenesisState) { g.NextSpecId = 3 },
		"resource of no spec": func(g *types.GenesisState) {
			g.Resources = []types.EconomicResource{{Id: 1, SpecId: 99}}
			g.NextResourceId = 2
		},
		"event id zero": func(g *types.GenesisState) { g.Events = []types.EconomicEvent{{Id: 0}} },
		"events out of time order": func(g *types.GenesisState) {
			z := math.LegacyZeroDec()
			g.Events = []types.EconomicEvent{{Id: 1, Quantity: z, Value: z, Time: time.Unix(10, 0)}, {Id: 2, Quantity: z, Value: z, Time: time.Unix(5, 0)}}
			g.NextEventId = 3
		},
		"an event missing": func(g *types.GenesisState) {
			z := math.LegacyZeroDec()
			g.Events = []types.EconomicEvent{{Id: 2, Quantity: z, Value: z}}
			g.NextEventId = 3
		},
		"plan id past next": func(g *types.GenesisState) { g.Plans = []types.Plan{{Id: 1}} },
		"negative resource qty": func(g *types.GenesisState) {
			g.Resources = []types.EconomicResource{*res("-1", "0", "0")}
			g.Resources[0].SpecId = 2
			g.NextResourceId = 2
		},
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			g := types.DefaultGenesis()
			edit(g)
			require.ErrorIs(t, g.Validate(), types.ErrInvalidGenesis)
		})
	}
}
