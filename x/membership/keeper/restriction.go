package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// DirectRule is the RSC rule for a direct send: money moves directly only between persons
// (and to or from the SDK's own module accounts, such as fees and staking). A company,
// regional company, the bank, a pool, the treasury or the assembly sends or receives only
// in a payment of the router (x/router), whose send restriction applies this rule to every
// other send.
func (k Keeper) DirectRule(ctx context.Context, from, to sdk.AccAddress, _ sdk.Coins) (sdk.AccAddress, error) {
	if err := k.checkDirect(ctx, from); err != nil {
		return to, err
	}
	return to, k.checkDirect(ctx, to)
}

// KindOf returns the kind of agent addr is, AGENT_KIND_UNSPECIFIED for an address no agent
// holds.
func (k Keeper) KindOf(ctx context.Context, addr sdk.AccAddress) (types.AgentKind, error) {
	agent, found, err := k.FindAgent(ctx, addr)
	if !found {
		return types.AGENT_KIND_UNSPECIFIED, err
	}
	return agent.Kind, err
}

// FindAgent returns the agent at addr and whether there is one. An address no agent holds
// (most payers of a purchase from outside the region) costs one lookup, without the error
// (and its stack) a failed Get builds.
func (k Keeper) FindAgent(ctx context.Context, addr sdk.AccAddress) (types.Agent, bool, error) {
	if has, err := k.Agents.Has(ctx, addr); err != nil || !has {
		return types.Agent{}, false, err
	}
	agent, err := k.Agents.Get(ctx, addr)
	return agent, err == nil, err
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
