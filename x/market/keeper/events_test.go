package keeper_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/market/keeper"
	"github.com/conductor-coop/conductor/x/market/types"
)

// TestPurchaseEvent: the hand-built event is exactly what EmitTypedEvent would emit, and
// clients parse it back into the typed event.
func TestPurchaseEvent(t *testing.T) {
	for _, external := range []bool{false, true} {
		o := types.Order{Id: 9, ListingId: 4, Buyer: "rsc1buyer", Seller: "rsc1seller", Quantity: 3,
			Amount: math.NewInt(3_000_000), Tax: math.NewInt(240_000), Denom: "ursc", External: external}
		typed := &types.EventPurchase{OrderId: o.Id, ListingId: o.ListingId, Buyer: o.Buyer, Seller: o.Seller, Quantity: o.Quantity,
			Amount: o.Amount, Tax: o.Tax, Denom: o.Denom, External: o.External}
		want, err := sdk.TypedEventToEvent(typed)
		require.NoError(t, err)
		got := keeper.PurchaseEvent(o)
		require.Equal(t, want, got)
		parsed, err := sdk.ParseTypedEvent(abci.Event(got))
		require.NoError(t, err)
		require.Equal(t, typed.String(), parsed.(*types.EventPurchase).String())
	}
}
