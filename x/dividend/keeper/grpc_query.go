package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/dividend/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the dividend Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

// maxPayouts bounds the periods a payouts query lists.
const maxPayouts = 120

func (q queryServer) Revenue(ctx context.Context, req *types.QueryRevenueRequest) (*types.QueryRevenueResponse, error) {
	n := req.Period
	if n == 0 {
		open, err := q.Current.Get(ctx)
		if err != nil {
			return nil, err
		}
		n = open
	}
	p, err := q.Keeper.Periods.Get(ctx, n)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, types.ErrUnknownPeriod.Wrapf("%d", n)
	}
	if err != nil {
		return nil, err
	}
	totals, err := q.Totals.Get(ctx)
	return &types.QueryRevenueResponse{Period: p, Totals: totals}, err
}

func (q queryServer) Periods(ctx context.Context, req *types.QueryPeriodsRequest) (*types.QueryPeriodsResponse, error) {
	if req.Pagination == nil {
		req.Pagination = &query.PageRequest{}
	}
	req.Pagination.Reverse = true
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Periods, req.Pagination,
		func(_ uint64, p types.Period) (types.Period, error) { return p, nil })
	return &types.QueryPeriodsResponse{Periods: list, Pagination: page}, err
}

// Payouts lists the closed periods a member is paid for, newest first (at most 120).
func (q queryServer) Payouts(ctx context.Context, req *types.QueryPayoutsRequest) (*types.QueryPayoutsResponse, error) {
	addr, err := q.address(req.Member, "member")
	if err != nil {
		return nil, err
	}
	m, err := q.Members.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, types.ErrNotMember.Wrapf("%s", req.Member)
	}
	if err != nil {
		return nil, err
	}
	owed, last, err := q.Owed(ctx, m)
	if err != nil {
		return nil, err
	}
	res := &types.QueryPayoutsResponse{Owed: owed}
	for n := last; n >= m.Since && n > 0 && len(res.Payouts) < maxPayouts; n-- {
		p, err := q.Keeper.Periods.Get(ctx, n)
		if err != nil {
			return nil, err
		}
		res.Payouts = append(res.Payouts, types.Payout{Period: n, Amount: p.PerMember, Paid: n <= m.SettledThrough})
	}
	return res, nil
}
