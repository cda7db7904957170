package types

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/router"
)

// IntakeRestriction is a bank send restriction: the IBC intake account receives only the
// transfer of a purchase arriving over IBC (which the market pays out in the same
// transaction), never a plain send, a module's payout or an ICS-20 transfer without a
// purchase memo. So the account is empty between transactions, whatever anyone sends.
func IntakeRestriction(ctx context.Context, _, to sdk.AccAddress, _ sdk.Coins) (sdk.AccAddress, error) {
	if to.Equals(IntakeAddress) && !routed(ctx) {
		return to, errorsmod.Wrapf(ErrIntakeNotPayable, "%s", to)
	}
	return to, nil
}

func routed(ctx context.Context) bool {
	_, ok := router.RouteOf(ctx)
	return ok
}
