package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/federation/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the federation Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Regions(ctx context.Context, req *types.QueryRegionsRequest) (*types.QueryRegionsResponse, error) {
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Regions, req.Pagination,
		func(_ string, r types.Region) (types.Region, error) { return r, nil })
	return &types.QueryRegionsResponse{Regions: list, Pagination: page}, err
}

func (q queryServer) Region(ctx context.Context, req *types.QueryRegionRequest) (*types.QueryRegionResponse, error) {
	r, err := q.Keeper.Region(ctx, req.Name)
	if err != nil {
		return nil, err
	}
	return &types.QueryRegionResponse{Region: r}, nil
}

func (q queryServer) Pools(ctx context.Context, req *types.QueryPoolsRequest) (*types.QueryPoolsResponse, error) {
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Pools, req.Pagination,
		func(_ uint64, p types.Pool) (types.Pool, error) { return p, nil })
	return &types.QueryPoolsResponse{Pools: list, Pagination: page}, err
}

// Pool shows a pool's balance and, per contributing region, what it gave and the pool's
// balance in the denoms it gave in.
func (q queryServer) Pool(ctx context.Context, req *types.QueryPoolRequest) (*types.QueryPoolResponse, error) {
	p, err := q.Keeper.Pool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	addr, err := q.address(p.Address, "pool")
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	if err := q.Keeper.Regions.Walk(ctx, nil, func(name string, r types.Region) (bool, error) {
		names[r.ChainId] = name
		return false, nil
	}); err != nil {
		return nil, err
	}
	res := &types.QueryPoolResponse{Pool: p, Balance: q.bank.GetAllBalances(ctx, addr)}
	err = q.Contributions.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](p.Id), func(_ poolChain, c types.Contribution) (bool, error) {
		share := types.RegionShare{ChainId: c.ChainId, Region: names[c.ChainId], Contributed: c}
		for _, coin := range c.Amount {
			share.Balance = share.Balance.Add(q.bank.GetBalance(ctx, addr, coin.Denom))
		}
		res.Regions = append(res.Regions, share)
		return false, nil
	})
	return res, err
}

func (q queryServer) Spends(ctx context.Context, req *types.QuerySpendsRequest) (*types.QuerySpendsResponse, error) {
	if _, err := q.Keeper.Pool(ctx, req.PoolId); err != nil {
		return nil, err
	}
	list, page, err := query.CollectionPaginate(ctx, q.SpendsByPool, req.Pagination,
		func(key idID, _ collections.NoValue) (types.Spend, error) { return q.Keeper.Spends.Get(ctx, key.K2()) },
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.PoolId))
	return &types.QuerySpendsResponse{Spends: list, Pagination: page}, err
}
