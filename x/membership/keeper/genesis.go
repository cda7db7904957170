package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/membership/types"
)

// InitGenesis loads the registry. On a new chain (no treasury among the agents yet) it
// registers the treasury and the assembly's account and founds the listed institutions.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	newChain := true
	for _, agent := range gs.Agents {
		newChain = newChain && agent.Kind != types.AGENT_KIND_TREASURY
	}
	for _, agent := range gs.Agents {
		if err := k.SetAgent(ctx, agent); err != nil {
			return err
		}
	}
	for _, op := range gs.AdmittedValidators {
		addr, err := k.addressCodec.StringToBytes(op)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "admitted validator %q: %s", op, err)
		}
		if err := k.AdmittedValidators.Set(ctx, addr); err != nil {
			return err
		}
	}
	if !newChain {
		return nil
	}
	if n, err := k.Count(ctx); err != nil {
		return err
	} else if n == 0 {
		return errorsmod.Wrap(types.ErrInvalidGenesis, "a region needs at least one founding member")
	}
	treasury := k.account.GetModuleAccount(ctx, types.TreasuryName).GetAddress()
	if err := k.SetAgent(ctx, types.Agent{Address: k.mustAddress(treasury), Kind: types.AGENT_KIND_TREASURY, Name: "Regional treasury"}); err != nil {
		return err
	}
	assembly := k.account.GetModuleAccount(ctx, assemblytypes.ModuleName).GetAddress()
	if err := k.SetAgent(ctx, types.Agent{Address: k.mustAddress(assembly), Kind: types.AGENT_KIND_ASSEMBLY, Name: "Region assembly"}); err != nil {
		return err
	}
	defaultPolicy, err := DecisionPolicy(types.DECISION_KIND_UNSPECIFIED, "", 0, 0)
	if err != nil {
		return err
	}
	for _, inst := range gs.Institutions {
		if inst.Kind == types.AGENT_KIND_POOL {
			return errorsmod.Wrapf(types.ErrInvalidKind, "institution %q: pools are opened by x/federation", inst.Name)
		}
		if _, err := k.found(ctx, inst, defaultPolicy); err != nil {
			return errorsmod.Wrapf(err, "institution %q", inst.Name)
		}
	}
	return nil
}

// ExportGenesis writes the registry; institutions are agents by then.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	err := k.Agents.Walk(ctx, nil, func(_ sdk.AccAddress, a types.Agent) (bool, error) {
		gs.Agents = append(gs.Agents, a)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.AdmittedValidators.Walk(ctx, nil, func(addr sdk.AccAddress) (bool, error) {
		gs.AdmittedValidators = append(gs.AdmittedValidators, k.mustAddress(addr))
		return false, nil
	})
	return gs, err
}
