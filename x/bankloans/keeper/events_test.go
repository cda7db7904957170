package keeper_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/bankloans/keeper"
	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// TestPaymentEvent: the hand-built event is exactly what EmitTypedEvent would emit, and
// clients parse it back into the typed event.
func TestPaymentEvent(t *testing.T) {
	l := types.Loan{Id: 12, Borrower: "rsc1borrower", Status: types.LOAN_STATUS_DELINQUENT}
	principal, interest := math.NewInt(88_000), math.NewInt(1_200)
	typed := &types.EventLoanPayment{LoanId: l.Id, Borrower: l.Borrower, Kind: types.PAYMENT_KIND_INSTALLMENT, Principal: principal, Interest: interest, Status: l.Status}
	want, err := sdk.TypedEventToEvent(typed)
	require.NoError(t, err)
	got := keeper.PaymentEvent(l, types.PAYMENT_KIND_INSTALLMENT, principal, interest)
	require.Equal(t, want, got)
	parsed, err := sdk.ParseTypedEvent(abci.Event(got))
	require.NoError(t, err)
	require.Equal(t, typed.String(), parsed.(*types.EventLoanPayment).String())
}
