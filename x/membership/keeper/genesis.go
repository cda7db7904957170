package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// InitGenesis loads the registry. On a new chain (no assembly yet) it registers the
// treasury, creates the assembly from the member agents and founds the listed institutions.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := k.AssemblyConfig.Set(ctx, gs.AssemblyConfig); err != nil {
		return err
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
	if gs.Assembly.GroupId != 0 {
		return k.Assembly.Set(ctx, gs.Assembly)
	}
	treasury := k.account.GetModuleAccount(ctx, types.TreasuryName).GetAddress()
	if err := k.SetAgent(ctx, types.Agent{Address: k.mustAddress(treasury), Kind: types.AGENT_KIND_TREASURY, Name: "Regional treasury"}); err != nil {
		return err
	}
	if err := k.createAssembly(ctx, gs); err != nil {
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

func (k Keeper) createAssembly(ctx context.Context, gs *types.GenesisState) error {
	var members []group.MemberRequest
	for _, a := range gs.Agents {
		if a.Kind == types.AGENT_KIND_PERSON && a.Member {
			members = append(members, group.MemberRequest{Address: a.Address, Weight: "1"})
		}
	}
	if len(members) == 0 {
		return errorsmod.Wrap(types.ErrInvalidGenesis, "a region needs at least one founding member")
	}
	cfg := gs.AssemblyConfig
	policy, err := codectypes.NewAnyWithValue(&group.PercentageDecisionPolicy{
		Percentage: cfg.Percentage.String(),
		Windows:    &group.DecisionPolicyWindows{VotingPeriod: cfg.VotingPeriod, MinExecutionPeriod: cfg.MinExecutionPeriod},
	})
	if err != nil {
		return err
	}
	res, err := k.group.CreateGroupWithPolicy(ctx, &group.MsgCreateGroupWithPolicy{
		Admin: k.admin, Members: members, GroupMetadata: "region assembly", GroupPolicyMetadata: "region assembly", DecisionPolicy: policy,
	})
	if err != nil {
		return errorsmod.Wrap(types.ErrInvalidGenesis, err.Error())
	}
	if _, err := k.group.UpdateGroupPolicyAdmin(ctx, &group.MsgUpdateGroupPolicyAdmin{
		Admin: k.admin, GroupPolicyAddress: res.GroupPolicyAddress, NewAdmin: res.GroupPolicyAddress,
	}); err != nil {
		return err
	}
	if err := k.SetAgent(ctx, types.Agent{Address: res.GroupPolicyAddress, Kind: types.AGENT_KIND_ASSEMBLY, Name: "Region assembly", GroupId: res.GroupId}); err != nil {
		return err
	}
	return k.Assembly.Set(ctx, types.Assembly{GroupId: res.GroupId, Address: res.GroupPolicyAddress})
}

// ExportGenesis writes the registry; institutions are agents by then.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.AssemblyConfig, err = k.AssemblyConfig.Get(ctx); err != nil {
		return nil, err
	}
	if gs.Assembly, err = k.Assembly.Get(ctx); err != nil {
		return nil, err
	}
	err = k.Agents.Walk(ctx, nil, func(_ sdk.AccAddress, a types.Agent) (bool, error) {
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
