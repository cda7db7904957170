package keeper_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/housing/keeper"
	"github.com/conductor-coop/conductor/x/housing/types"
)

// TestRentPaidEvent: the hand-built event is exactly what EmitTypedEvent would emit, and
// clients parse it back into the typed event.
func TestRentPaidEvent(t *testing.T) {
	l := types.Lease{Id: 4, UnitId: 9, Tenant: "rsc1tenant", ArrearsCost: math.NewInt(300), ArrearsMarkup: math.NewInt(20)}
	paid := math.NewInt(1_050_000)
	typed := &types.EventRentPaid{LeaseId: l.Id, UnitId: l.UnitId, Tenant: l.Tenant, Paid: paid, Arrears: math.NewInt(320)}
	want, err := sdk.TypedEventToEvent(typed)
	require.NoError(t, err)
	got := keeper.RentPaidEvent(l, paid)
	require.Equal(t, want, got)
	parsed, err := sdk.ParseTypedEvent(abci.Event(got))
	require.NoError(t, err)
	require.Equal(t, typed.String(), parsed.(*types.EventRentPaid).String())
}
