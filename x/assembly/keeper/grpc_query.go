package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

type queryServer struct{ k Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the assembly's Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

// withTally fills an open proposal's running tally.
func (q queryServer) withTally(ctx context.Context, p types.Proposal) (types.Proposal, error) {
	if p.Status != types.PROPOSAL_STATUS_VOTING {
		return p, nil
	}
	var err error
	p.Tally, err = q.k.Tallies.Get(ctx, p.Id)
	return p, err
}

func (q queryServer) Proposals(ctx context.Context, req *types.QueryProposalsRequest) (*types.QueryProposalsResponse, error) {
	if req.Pagination == nil {
		req.Pagination = &query.PageRequest{}
	}
	if req.Pagination.Key == nil && req.Pagination.Offset == 0 {
		req.Pagination.Reverse = !req.Pagination.Reverse // newest first by default
	}
	proposals, page, err := query.CollectionFilteredPaginate(ctx, q.k.Proposals, req.Pagination,
		func(_ uint64, p types.Proposal) (bool, error) {
			return (req.Status == 0 || p.Status == req.Status) && (req.Kind == 0 || p.Kind == req.Kind), nil
		},
		func(_ uint64, p types.Proposal) (types.Proposal, error) { return q.withTally(ctx, p) })
	if err != nil {
		return nil, err
	}
	return &types.QueryProposalsResponse{Proposals: proposals, Pagination: page}, nil
}

func (q queryServer) Proposal(ctx context.Context, req *types.QueryProposalRequest) (*types.QueryProposalResponse, error) {
	p, err := q.k.proposal(ctx, req.ProposalId)
	if err != nil {
		return nil, err
	}
	if p, err = q.withTally(ctx, p); err != nil {
		return nil, err
	}
	turnout, yes, passing := types.Outcome(p.Tally, p.Eligible, p.Quorum, p.Threshold)
	return &types.QueryProposalResponse{Proposal: p, Turnout: turnout, YesShare: yes, Passing: passing && p.Status == types.PROPOSAL_STATUS_VOTING}, nil
}

func (q queryServer) Vote(ctx context.Context, req *types.QueryVoteRequest) (*types.QueryVoteResponse, error) {
	voter, err := q.k.address(req.Voter, "voter")
	if err != nil {
		return nil, err
	}
	p, err := q.k.proposal(ctx, req.ProposalId)
	if err != nil {
		return nil, err
	}
	res := &types.QueryVoteResponse{}
	if v, err := q.k.Votes.Get(ctx, collections.Join(p.Id, voter)); err == nil {
		res.Vote, res.CountedBy, res.CountedAs = &v, v.Voter, v.Option
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	holder, err := q.k.holder(ctx, voter, p.Kind)
	if err != nil || holder == nil {
		return res, err
	}
	if res.Proxy, err = q.k.addressCodec.BytesToString(holder); err != nil {
		return nil, err
	}
	if res.Vote != nil || p.Status != types.PROPOSAL_STATUS_VOTING {
		return res, nil
	}
	if counts, err := q.k.countsByProxy(ctx, p, voter); err != nil || !counts {
		return res, err
	}
	if hv, err := q.k.Votes.Get(ctx, collections.Join(p.Id, holder)); err == nil {
		res.CountedBy, res.CountedAs = hv.Voter, hv.Option
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	return res, nil
}

func (q queryServer) Proxies(ctx context.Context, req *types.QueryProxiesRequest) (*types.QueryProxiesResponse, error) {
	member, err := q.k.address(req.Member, "member")
	if err != nil {
		return nil, err
	}
	res := &types.QueryProxiesResponse{}
	err = q.k.Proxies.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, int32](member), func(_ ProxyKey, p types.Proxy) (bool, error) {
		res.Proxies = append(res.Proxies, p)
		return false, nil
	})
	return res, err
}

func (q queryServer) ProxiesHeld(ctx context.Context, req *types.QueryProxiesHeldRequest) (*types.QueryProxiesHeldResponse, error) {
	holder, err := q.k.address(req.Holder, "holder")
	if err != nil {
		return nil, err
	}
	res := &types.QueryProxiesHeldResponse{}
	err = q.k.held(ctx, holder, func(key ProxyKey) error {
		p, err := q.k.Proxies.Get(ctx, key)
		res.Proxies = append(res.Proxies, p)
		return err
	})
	return res, err
}
