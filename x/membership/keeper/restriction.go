package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// SendRestriction is the RSC rule, installed in the bank keeper: money moves directly only
// between persons (and to or from the SDK's own module accounts, such as fees and staking).
// A company, regional company, the bank, the treasury or the assembly sends or receives only
// inside a Conductor action, which marks its context with types.WithConductorAction.
func (k Keeper) SendRestriction(ctx context.Context, from, to sdk.AccAddress, _ sdk.Coins) (sdk.AccAddress, error) {
	if types.IsConductorAction(ctx) {
		return to, nil
	}
	if err := k.checkDirect(ctx, from); err != nil {
		return to, err
	}
	return to, k.checkDirect(ctx, to)
}

// checkDirect returns ErrDirectTransfer if addr may not send or receive directly.
func (k Keeper) checkDirect(ctx context.Context, addr sdk.AccAddress) error {
	agent, err := k.Agents.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if agent.Kind.Restricted() {
		return errorsmod.Wrapf(types.ErrDirectTransfer, "%s is the %s %q", agent.Address, agent.Kind.Label(), agent.Name)
	}
	return nil
}
