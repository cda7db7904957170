package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// Hooks gate staking: a validator may be created, and a delegation to it opened, only if the
// assembly admitted its operator. Being hooks, they hold on every message path (direct,
// authz, group proposal, interchain account). Validators in the genesis file (height 0) are
// admitted by it: the founders signed that file together.
type Hooks struct {
	stakingtypes.MultiStakingHooks // no-ops for the hooks not used here
	k                              Keeper
}

var _ stakingtypes.StakingHooks = Hooks{}

// Hooks returns the staking hooks of the membership module.
func (k Keeper) Hooks() Hooks { return Hooks{k: k} }

// AfterValidatorCreated refuses a validator whose operator was not admitted.
func (h Hooks) AfterValidatorCreated(ctx context.Context, valAddr sdk.ValAddress) error {
	operator := sdk.AccAddress(valAddr)
	if sdk.UnwrapSDKContext(ctx).BlockHeight() == 0 {
		return h.k.AdmittedValidators.Set(ctx, operator)
	}
	return h.k.requireAdmitted(ctx, operator)
}

// BeforeDelegationCreated refuses a new delegation to a validator not (or no longer) admitted.
func (h Hooks) BeforeDelegationCreated(ctx context.Context, _ sdk.AccAddress, valAddr sdk.ValAddress) error {
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
