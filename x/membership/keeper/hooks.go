package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// Hooks gate staking: a validator may be created, and a delegation to it opened, only if the
// assembly admitted its operator; and only a person's money may be bonded (a validator's
// self-delegation included): a restricted agent's money would leave the region's rules
// (x/bank's DelegateCoins runs no send restriction). Being hooks, they hold on every message
// path (direct, authz, group proposal, interchain account). Validators in the genesis file
// (height 0) are admitted by it: the founders signed that file together.
type Hooks struct {
	stakingtypes.MultiStakingHooks // no-ops for the hooks not used here
	k                              Keeper
}

var _ stakingtypes.StakingHooks = Hooks{}

// Hooks returns the staking hooks of the membership module.
func (k Keeper) Hooks() Hooks { return Hooks{k: k} }

// AfterValidatorCreated refuses a validator whose operator was not admitted or is not a person.
func (h Hooks) AfterValidatorCreated(ctx context.Context, valAddr sdk.ValAddress) error {
	operator := sdk.AccAddress(valAddr)
	if err := h.k.requireStaker(ctx, operator); err != nil {
		return err
	}
	if sdk.UnwrapSDKContext(ctx).BlockHeight() == 0 {
		return h.k.AdmittedValidators.Set(ctx, operator)
	}
	return h.k.requireAdmitted(ctx, operator)
}

// BeforeDelegationCreated refuses a new delegation by a restricted agent, or to a validator
// not (or no longer) admitted. Every bond starts here: a validator's self-delegation, a
// delegation, a redelegation to another validator.
func (h Hooks) BeforeDelegationCreated(ctx context.Context, delegator sdk.AccAddress, valAddr sdk.ValAddress) error {
	if err := h.k.requireStaker(ctx, delegator); err != nil {
		return err
	}
	if sdk.UnwrapSDKContext(ctx).BlockHeight() == 0 {
		return nil
	}
	return h.k.requireAdmitted(ctx, sdk.AccAddress(valAddr))
}

func (k Keeper) requireAdmitted(ctx context.Context, operator sdk.AccAddress) error {
	ok, err := k.AdmittedValidators.Has(ctx, operator)
	if err != nil {
		return err
	}
	if !ok {
		return errorsmod.Wrapf(types.ErrValidatorNotAdmitted, "%s", sdk.ValAddress(operator))
	}
	return nil
}

// requireStaker refuses a restricted agent (company, regional company, bank, pool,
// treasury, assembly, dissolved company) as a delegator or validator operator.
func (k Keeper) requireStaker(ctx context.Context, addr sdk.AccAddress) error {
	agent, err := k.Agents.Get(ctx, addr)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return nil
	case err != nil:
		return err
	case agent.Kind.Restricted():
		return errorsmod.Wrapf(types.ErrStakeNotAllowed, "%s is the %s %q", agent.Address, agent.Kind.Label(), agent.Name)
	}
	return nil
}
