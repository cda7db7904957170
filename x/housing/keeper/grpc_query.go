package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/housing/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the housing Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Units(ctx context.Context, req *types.QueryUnitsRequest) (*types.QueryUnitsResponse, error) {
	list, page, err := query.CollectionFilteredPaginate(ctx, q.Keeper.Units, req.Pagination,
		func(_ uint64, u types.Unit) (bool, error) {
			return (req.Kind == 0 || u.Kind == req.Kind) && (req.Status == 0 || u.Status == req.Status) && (req.Location == "" || u.Location == req.Location), nil
		},
		func(_ uint64, u types.Unit) (types.Unit, error) { return u, nil })
	return &types.QueryUnitsResponse{Units: list, Pagination: page}, err
}

// Waitlist sums the wait-lists by kind and location (a pass over the entries: a query).
func (q queryServer) Waitlist(ctx context.Context, _ *types.QueryWaitlistRequest) (*types.QueryWaitlistResponse, error) {
	params, err := q.params.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	type key struct {
		kind     types.UnitKind
		location string
	}
	demand := map[key]*types.Demand{}
	var order []key
	res := &types.QueryWaitlistResponse{Threshold: params.WaitlistThreshold}
	err = q.Entries.Walk(ctx, nil, func(_ uint64, e types.Entry) (bool, error) {
		k := key{e.Kind, e.Location}
		d, ok := demand[k]
		if !ok {
			d = &types.Demand{Kind: e.Kind, Location: e.Location, LongestSince: e.Joined}
			demand[k], order = d, append(order, k)
		}
		d.Waiting++
		if e.Joined.Before(d.LongestSince) {
			d.LongestSince = e.Joined
		}
		res.Total++
		return false, nil
	})
	for _, k := range order {
		res.Demand = append(res.Demand, *demand[k])
	}
	err2 := q.Waiting.Walk(ctx, nil, func(_ int32, n uint64) (bool, error) {
		res.OverThreshold = res.OverThreshold || n > uint64(params.WaitlistThreshold)
		return false, nil
	})
	if err == nil {
		err = err2
	}
	return res, err
}

// MyPosition lists an applicant's entries and how many wait ahead of each.
func (q queryServer) MyPosition(ctx context.Context, req *types.QueryMyPositionRequest) (*types.QueryMyPositionResponse, error) {
	applicant, err := q.address(req.Applicant, "applicant")
	if err != nil {
		return nil, err
	}
	res := &types.QueryMyPositionResponse{}
	err = q.EntriesByApplicant.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](applicant), func(key addrID) (bool, error) {
		e, err := q.Entries.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		var ahead uint64
		err = q.EntriesByKind.Walk(ctx, collections.NewPrefixedPairRange[int32, uint64](int32(e.Kind)).EndExclusive(e.Id), func(kindID) (bool, error) {
			ahead++
			return false, nil
		})
		res.Positions = append(res.Positions, types.Position{Entry: e, Ahead: ahead})
		return false, err
	})
	return res, err
}

func (q queryServer) Leases(ctx context.Context, req *types.QueryLeasesRequest) (*types.QueryLeasesResponse, error) {
	if req.Tenant == "" {
		list, page, err := query.CollectionPaginate(ctx, q.Keeper.Leases, req.Pagination,
			func(_ uint64, l types.Lease) (types.Lease, error) { return l, nil })
		return &types.QueryLeasesResponse{Leases: list, Pagination: page}, err
	}
	tenant, err := q.address(req.Tenant, "tenant")
	if err != nil {
		return nil, err
	}
	list, page, err := query.CollectionPaginate(ctx, q.LeasesByTenant, req.Pagination,
		func(key addrID, _ collections.NoValue) (types.Lease, error) {
			return q.Keeper.Leases.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](tenant))
	return &types.QueryLeasesResponse{Leases: list, Pagination: page}, err
}

func (q queryServer) Books(ctx context.Context, req *types.QueryBooksRequest) (*types.QueryBooksResponse, error) {
	agency, err := q.address(req.Agency, "agency")
	if err != nil {
		return nil, err
	}
	b, err := q.agencyBooks(ctx, agency)
	return &types.QueryBooksResponse{Books: b}, err
}

// Debts lists a tenant's debts: its ended leases still owed, oldest first.
func (q queryServer) Debts(ctx context.Context, req *types.QueryDebtsRequest) (*types.QueryDebtsResponse, error) {
	tenant, err := q.address(req.Tenant, "tenant")
	if err != nil {
		return nil, err
	}
	res := &types.QueryDebtsResponse{Total: math.ZeroInt()}
	err = q.Debtors.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](tenant), func(key addrID) (bool, error) {
		l, err := q.Keeper.Leases.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		res.Leases = append(res.Leases, l)
		res.Total = res.Total.Add(l.Arrears())
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	res.Noted, err = q.Noted.Has(ctx, tenant)
	return res, err
}
