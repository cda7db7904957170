package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the governanceparams Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	params, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	res := &types.QueryParamsResponse{Params: params}
	last, err := q.ChangeSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	if last > 0 {
		change, err := q.Keeper.Changes.Get(ctx, last)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return nil, err
		}
		if err == nil {
			res.LastChange = &change
		}
	}
	return res, nil
}

func (q queryServer) Changes(ctx context.Context, req *types.QueryChangesRequest) (*types.QueryChangesResponse, error) {
	if req.Pagination == nil {
		req.Pagination = &query.PageRequest{}
	}
	req.Pagination.Reverse = true
	changes, page, err := query.CollectionPaginate(ctx, q.Keeper.Changes, req.Pagination,
		func(_ uint64, c types.ParamChange) (types.ParamChange, error) { return c, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryChangesResponse{Changes: changes, Pagination: page}, nil
}
