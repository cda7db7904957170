package keeper

import (
	"context"
	"errors"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"

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
	pr := &query.PageRequest{}
	if req.Pagination != nil {
		*pr = *req.Pagination // the caller's request is left as it was
	}
	if pr.Key == nil && pr.Offset == 0 {
		pr.Reverse = !pr.Reverse // newest first by default
	}
	var (
		proposals []types.Proposal
		page      *query.PageResponse
		err       error
	)
	switch {
	case req.Status != 0: // the status index (then the kind, if asked, on those only)
		proposals, page, err = q.pageIndex(ctx, q.k.Proposals.Indexes.Status, int32(req.Status), pr,
			func(p types.Proposal) bool { return req.Kind == 0 || p.Kind == req.Kind })
	case req.Kind != 0: // the kind index
		proposals, page, err = q.pageIndex(ctx, q.k.Proposals.Indexes.Kind, int32(req.Kind), pr,
			func(types.Proposal) bool { return true })
	default:
		proposals, page, err = query.CollectionPaginate(ctx, q.k.Proposals, pr,
			func(_ uint64, p types.Proposal) (types.Proposal, error) { return q.withTally(ctx, p) })
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryProposalsResponse{Proposals: proposals, Pagination: page}, nil
}

// pageIndex pages the proposals under ref in idx (a status or a kind), reading only those,
// as query.CollectionPaginate pages a collection: by offset or by key (the proposal id's
// key bytes, as when paging all proposals), limit, count_total and reverse; match filters
// further.
func (q queryServer) pageIndex(ctx context.Context, idx *indexes.Multi[int32, uint64, types.Proposal], ref int32,
	pr *query.PageRequest, match func(types.Proposal) bool,
) ([]types.Proposal, *query.PageResponse, error) {
	if pr.Offset > 0 && pr.Key != nil {
		return nil, nil, fmt.Errorf("invalid request, either offset or key is expected, got both")
	}
	limit := pr.Limit
	if limit == 0 {
		limit = query.DefaultLimit
	}
	countTotal := pr.CountTotal && pr.Key == nil
	rng := collections.NewPrefixedPairRange[int32, uint64](ref)
	if pr.Key != nil {
		_, from, err := collections.Uint64Key.Decode(pr.Key)
		if err != nil {
			return nil, nil, fmt.Errorf("invalid pagination key: %w", err)
		}
		if pr.Reverse {
			rng = rng.EndInclusive(from)
		} else {
			rng = rng.StartInclusive(from)
		}
	}
	if pr.Reverse {
		rng = rng.Descending()
	}
	it, err := idx.Iterate(ctx, rng)
	if err != nil {
		return nil, nil, err
	}
	defer it.Close()
	var (
		out     []types.Proposal
		page    = &query.PageResponse{}
		matched uint64
	)
	for ; it.Valid(); it.Next() {
		id, err := it.PrimaryKey()
		if err != nil {
			return nil, nil, err
		}
		p, err := q.k.Proposals.Get(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		if !match(p) {
			continue
		}
		matched++
		switch {
		case matched <= pr.Offset:
		case uint64(len(out)) < limit:
			if p, err = q.withTally(ctx, p); err != nil {
				return nil, nil, err
			}
			out = append(out, p)
		default:
			if page.NextKey == nil {
				if page.NextKey, err = collections.EncodeKeyWithPrefix(nil, collections.Uint64Key, id); err != nil {
					return nil, nil, err
				}
			}
		}
		if page.NextKey != nil && !countTotal {
			break
		}
	}
	if countTotal {
		page.Total = matched
	}
	return out, page, nil
}

func (q queryServer) Proposal(ctx context.Context, req *types.QueryProposalRequest) (*types.QueryProposalResponse, error) {
	p, err := q.k.proposal(ctx, req.ProposalId)
	if errors.Is(err, types.ErrUnknownProposal) {
		return nil, status.Error(codes.NotFound, err.Error()) // a 404 on REST
	}
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
