package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// registerPerson registers the account at address as a person who is not a member. An
// address the region already knows is refused: a person (member or not) with
// ErrAlreadyRegistered, any other kind with ErrNotPerson; so is an account no human holds
// the key of (requireHuman). The RSC rule does not change: an unregistered address was
// already a person for it.
func (k Keeper) registerPerson(ctx context.Context, address, name string) error {
	addr, err := k.address(address, "person")
	if err != nil {
		return err
	}
	if name != "" {
		if err := types.ValidateName(name); err != nil {
			return err
		}
	}
	agent, err := k.Agents.Get(ctx, addr)
	switch {
	case err == nil && agent.Kind == types.AGENT_KIND_PERSON:
		status := "not a member"
		if agent.Member {
			status = "a member"
		}
		return errorsmod.Wrapf(types.ErrAlreadyRegistered, "%s is a person of the region (%s) since height %d", address, status, agent.SinceHeight)
	case err == nil:
		return errorsmod.Wrapf(types.ErrNotPerson, "%s is the %s %q", address, agent.Kind.Label(), agent.Name)
	case !errors.Is(err, collections.ErrNotFound):
		return err
	}
	if err := k.requireHuman(ctx, addr, address); err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	person := types.Agent{Address: address, Kind: types.AGENT_KIND_PERSON, Name: name, SinceHeight: sdkCtx.BlockHeight()}
	if err := k.SetAgent(ctx, person); err != nil {
		return err
	}
	return sdkCtx.EventManager().EmitTypedEvent(&types.EventPersonRegistered{Person: address, Name: name})
}

// requireHuman returns ErrNotPerson for an unregistered account no human holds the key of: a
// module account (x/auth's ModuleAccount), or an account a module derives and acts for
// (its public key a ModuleCredential: an x/group policy, say). Such an account may still
// send and receive as a person under the RSC rule; it is not registered as one.
func (k Keeper) requireHuman(ctx context.Context, addr sdk.AccAddress, address string) error {
	acc := k.account.GetAccount(ctx, addr)
	if acc == nil {
		return nil
	}
	if m, ok := acc.(sdk.ModuleAccountI); ok {
		return errorsmod.Wrapf(types.ErrNotPerson, "%s is the module account %q", address, m.GetName())
	}
	if cred, ok := acc.GetPubKey().(*authtypes.ModuleCredential); ok {
		return errorsmod.Wrapf(types.ErrNotPerson, "%s is an account of the %s module (an x/group policy, say), not a human's", address, cred.ModuleName)
	}
	return nil
}
