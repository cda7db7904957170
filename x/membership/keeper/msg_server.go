package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the membership Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

func (m msgServer) AdmitMember(ctx context.Context, msg *types.MsgAdmitMember) (*types.MsgAdmitMemberResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgAdmitMemberResponse{}, m.admit(ctx, msg.Person)
}

func (m msgServer) LeaveRegion(ctx context.Context, msg *types.MsgLeaveRegion) (*types.MsgLeaveRegionResponse, error) {
	return &types.MsgLeaveRegionResponse{}, m.leave(ctx, msg.Member)
}

func (m msgServer) RegisterPerson(ctx context.Context, msg *types.MsgRegisterPerson) (*types.MsgRegisterPersonResponse, error) {
	return &types.MsgRegisterPersonResponse{}, m.registerPerson(ctx, msg.Person, msg.Name)
}

func (m msgServer) FoundCompany(ctx context.Context, msg *types.MsgFoundCompany) (*types.MsgFoundCompanyResponse, error) {
	if _, err := m.addressCodec.StringToBytes(msg.Founder); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "founder %q: %s", msg.Founder, err)
	}
	founderWorks := false
	for _, w := range msg.Workers {
		founderWorks = founderWorks || w == msg.Founder
	}
	if len(msg.Workers) > 0 && !founderWorks {
		return nil, errorsmod.Wrapf(types.ErrFounderNotWorker, "%s", msg.Founder)
	}
	policy, err := DecisionPolicy(msg.Decision, msg.Threshold, msg.VotingPeriod, 0)
	if err != nil {
		return nil, err
	}
	agent, err := m.found(ctx, types.Institution{Name: msg.Name, Kind: types.AGENT_KIND_COMPANY, Workers: msg.Workers}, policy)
	if err != nil {
		return nil, err
	}
	return &types.MsgFoundCompanyResponse{Address: agent.Address, GroupId: agent.GroupId}, nil
}

func (m msgServer) CreateInstitution(ctx context.Context, msg *types.MsgCreateInstitution) (*types.MsgCreateInstitutionResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if k := msg.Institution.Kind; k != types.AGENT_KIND_REGIONAL_COMPANY && k != types.AGENT_KIND_BANK {
		return nil, errorsmod.Wrapf(types.ErrInvalidKind, "the assembly creates regional companies and the bank, not %s", k)
	}
	policy, _ := DecisionPolicy(types.DECISION_KIND_UNSPECIFIED, "", 0, 0)
	agent, err := m.found(ctx, msg.Institution, policy)
	if err != nil {
		return nil, err
	}
	return &types.MsgCreateInstitutionResponse{Address: agent.Address, GroupId: agent.GroupId}, nil
}

func (m msgServer) AdmitValidator(ctx context.Context, msg *types.MsgAdmitValidator) (*types.MsgAdmitValidatorResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgAdmitValidatorResponse{}, m.admitValidator(ctx, msg.Operator)
}

func (m msgServer) RevokeValidator(ctx context.Context, msg *types.MsgRevokeValidator) (*types.MsgRevokeValidatorResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	addr, err := m.addressCodec.StringToBytes(msg.Operator)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%q: %s", msg.Operator, err)
	}
	if err := m.requireAdmitted(ctx, addr); err != nil {
		return nil, err
	}
	if err := m.AdmittedValidators.Remove(ctx, addr); err != nil {
		return nil, err
	}
	return &types.MsgRevokeValidatorResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventValidatorRevoked{Operator: msg.Operator})
}
