package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/bankloans/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the bankloans Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Products(ctx context.Context, req *types.QueryProductsRequest) (*types.QueryProductsResponse, error) {
	list, page, err := query.CollectionFilteredPaginate(ctx, q.Keeper.Products, req.Pagination,
		func(_ uint64, p types.Product) (bool, error) { return req.Bank == "" || p.Bank == req.Bank, nil },
		func(_ uint64, p types.Product) (types.Product, error) { return p, nil })
	return &types.QueryProductsResponse{Products: list, Pagination: page}, err
}

func (q queryServer) Loans(ctx context.Context, req *types.QueryLoansRequest) (*types.QueryLoansResponse, error) {
	index, owner := q.LoansByBank, req.Bank
	if req.Borrower != "" {
		index, owner = q.LoansByBorrower, req.Borrower
	}
	if owner == "" {
		list, page, err := query.CollectionPaginate(ctx, q.Keeper.Loans, req.Pagination,
			func(_ uint64, l types.Loan) (types.Loan, error) { return l, nil })
		return &types.QueryLoansResponse{Loans: list, Pagination: page}, err
	}
	addr, err := q.address(owner, "borrower or bank")
	if err != nil {
		return nil, err
	}
	list, page, err := query.CollectionPaginate(ctx, index, req.Pagination,
		func(key addrID, _ collections.NoValue) (types.Loan, error) { return q.Keeper.Loans.Get(ctx, key.K2()) },
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](addr))
	return &types.QueryLoansResponse{Loans: list, Pagination: page}, err
}

// maxSchedule bounds the schedule a query lists.
const maxSchedule = 1200

func (q queryServer) Loan(ctx context.Context, req *types.QueryLoanRequest) (*types.QueryLoanResponse, error) {
	l, err := q.Keeper.Loan(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	res := &types.QueryLoanResponse{Loan: l}
	if l.NextDue != nil {
		res.Schedule = types.Schedule(l.Remaining, l.Installment, l.PeriodRate, *l.NextDue, l.InstallmentPeriod, maxSchedule)
	} else if l.Status == types.LOAN_STATUS_APPLIED {
		first := sdk.UnwrapSDKContext(ctx).BlockTime().Add(l.InstallmentPeriod)
		res.Schedule = types.Schedule(l.Principal, l.Installment, l.PeriodRate, first, l.InstallmentPeriod, maxSchedule)
	}
	if res.Statement, err = q.statement(ctx, l.Id); err != nil {
		return nil, err
	}
	err = q.Payments.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](l.Id), func(_ collections.Pair[uint64, uint64], p types.Payment) (bool, error) {
		res.History = append(res.History, p)
		return false, nil
	})
	return res, err
}

func (q queryServer) Portfolio(ctx context.Context, req *types.QueryPortfolioRequest) (*types.QueryPortfolioResponse, error) {
	bank, err := q.address(req.Bank, "bank")
	if err != nil {
		return nil, err
	}
	p, err := q.portfolio(ctx, bank)
	return &types.QueryPortfolioResponse{Portfolio: p}, err
}
