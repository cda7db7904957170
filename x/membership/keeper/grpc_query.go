package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/x/membership/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the membership Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) agent(ctx context.Context, address string) (types.Agent, error) {
	addr, err := q.addressCodec.StringToBytes(address)
	if err != nil {
		return types.Agent{}, errorsmod.Wrapf(types.ErrInvalidAddress, "%q: %s", address, err)
	}
	return q.GetAgent(ctx, addr)
}

func (q queryServer) Agent(ctx context.Context, req *types.QueryAgentRequest) (*types.QueryAgentResponse, error) {
	agent, err := q.agent(ctx, req.Address)
	if err != nil {
		return nil, err
	}
	return &types.QueryAgentResponse{Agent: agent}, nil
}

func (q queryServer) Agents(ctx context.Context, req *types.QueryAgentsRequest) (*types.QueryAgentsResponse, error) {
	if req.MembersOnly {
		return q.members(ctx, req)
	}
	if _, ok := types.AgentKind_name[int32(req.Kind)]; !ok || req.Kind == types.AGENT_KIND_UNSPECIFIED {
		return nil, errorsmod.Wrapf(types.ErrInvalidKind, "%d", req.Kind)
	}
	agents, page, err := query.CollectionPaginate(ctx, q.AgentsByKind, req.Pagination,
		func(key collections.Pair[int32, sdk.AccAddress], _ collections.NoValue) (types.Agent, error) {
			return q.Keeper.Agents.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[int32, sdk.AccAddress](int32(req.Kind)))
	if err != nil {
		return nil, err
	}
	return &types.QueryAgentsResponse{Agents: agents, Pagination: page}, nil
}

// members lists the region's members, through the members index.
func (q queryServer) members(ctx context.Context, req *types.QueryAgentsRequest) (*types.QueryAgentsResponse, error) {
	if req.Kind != types.AGENT_KIND_PERSON && req.Kind != types.AGENT_KIND_UNSPECIFIED {
		return nil, errorsmod.Wrapf(types.ErrInvalidKind, "members are persons, not %s", req.Kind)
	}
	agents, page, err := query.CollectionPaginate(ctx, q.Keeper.Members, req.Pagination,
		func(addr sdk.AccAddress, _ collections.NoValue) (types.Agent, error) {
			return q.Keeper.Agents.Get(ctx, addr)
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryAgentsResponse{Agents: agents, Pagination: page}, nil
}

func (q queryServer) Company(ctx context.Context, req *types.QueryCompanyRequest) (*types.QueryCompanyResponse, error) {
	agent, err := q.agent(ctx, req.Address)
	if err != nil {
		return nil, err
	}
	if !agent.Kind.HasGroup() {
		return nil, errorsmod.Wrapf(types.ErrInvalidKind, "%s is %s", req.Address, agent.Kind)
	}
	members, err := q.group.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: agent.GroupId})
	if err != nil {
		return nil, err
	}
	policy, err := q.group.GroupPolicyInfo(ctx, &group.QueryGroupPolicyInfoRequest{Address: agent.Address})
	if err != nil {
		return nil, err
	}
	workers := make([]string, len(members.Members))
	for i, m := range members.Members {
		workers[i] = m.Member.Address
	}
	return &types.QueryCompanyResponse{Agent: agent, Workers: workers, Policy: policy.Info}, nil
}

func (q queryServer) Assembly(ctx context.Context, _ *types.QueryAssemblyRequest) (*types.QueryAssemblyResponse, error) {
	address, err := q.Authority(ctx)
	if err != nil {
		return nil, err
	}
	members, err := q.Count(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryAssemblyResponse{Assembly: types.Assembly{Address: address}, Members: members}, nil
}

func (q queryServer) AdmittedValidators(ctx context.Context, req *types.QueryAdmittedValidatorsRequest) (*types.QueryAdmittedValidatorsResponse, error) {
	ops, page, err := query.CollectionPaginate(ctx, q.Keeper.AdmittedValidators, req.Pagination,
		func(addr sdk.AccAddress, _ collections.NoValue) (string, error) {
			return q.addressCodec.BytesToString(addr)
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryAdmittedValidatorsResponse{Operators: ops, Pagination: page}, nil
}
