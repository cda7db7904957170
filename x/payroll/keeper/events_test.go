package keeper_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/payroll/keeper"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// TestWorkPaidEvent: the hand-built event is exactly what EmitTypedEvent would emit, and
// clients parse it back into the typed event.
func TestWorkPaidEvent(t *testing.T) {
	slip := types.Payslip{Id: 7, Worker: "rsc1worker", Company: "rsc1company", OccupationId: 3, PeriodStart: time.Unix(0, 0),
		Hours: math.LegacyMustNewDecFromStr("0.5"), Wage: math.NewInt(30_000_000), Gross: math.NewInt(15_000_000), Tax: math.NewInt(3_000_000), Net: math.NewInt(12_000_000)}
	typed := &types.EventWorkPaid{PayslipId: slip.Id, Worker: slip.Worker, Company: slip.Company, OccupationId: slip.OccupationId,
		Hours: slip.Hours, Wage: slip.Wage, Gross: slip.Gross, Tax: slip.Tax, Net: slip.Net}
	want, err := sdk.TypedEventToEvent(typed)
	require.NoError(t, err)
	got := keeper.WorkPaidEvent(slip)
	require.Equal(t, want, got)
	parsed, err := sdk.ParseTypedEvent(abci.Event(got))
	require.NoError(t, err)
	require.Equal(t, typed.String(), parsed.(*types.EventWorkPaid).String())
}
