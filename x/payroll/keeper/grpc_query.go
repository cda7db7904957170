package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/payroll/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the payroll Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Occupations(ctx context.Context, req *types.QueryOccupationsRequest) (*types.QueryOccupationsResponse, error) {
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Occupations, req.Pagination,
		func(_ uint64, o types.Occupation) (types.Occupation, error) { return o, nil })
	return &types.QueryOccupationsResponse{Occupations: list, Pagination: page}, err
}

func (q queryServer) Jobs(ctx context.Context, req *types.QueryJobsRequest) (*types.QueryJobsResponse, error) {
	var (
		list []types.Job
		page *query.PageResponse
		err  error
	)
	switch {
	case req.Company != "":
		company, aerr := q.address(req.Company, "company")
		if aerr != nil {
			return nil, aerr
		}
		list, page, err = query.CollectionPaginate(ctx, q.JobsByCompany, req.Pagination,
			func(key addrID, _ collections.NoValue) (types.Job, error) { return q.Keeper.Jobs.Get(ctx, key.K2()) },
			query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](company))
	case req.OccupationId != 0:
		list, page, err = query.CollectionPaginate(ctx, q.JobsByOccupation, req.Pagination,
			func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.Job, error) {
				return q.Keeper.Jobs.Get(ctx, key.K2())
			},
			query.WithCollectionPaginationPairPrefix[uint64, uint64](req.OccupationId))
	default:
		list, page, err = query.CollectionPaginate(ctx, q.Keeper.Jobs, req.Pagination,
			func(_ uint64, j types.Job) (types.Job, error) { return j, nil })
	}
	return &types.QueryJobsResponse{Jobs: list, Pagination: page}, err
}

func (q queryServer) Employment(ctx context.Context, req *types.QueryEmploymentRequest) (*types.QueryEmploymentResponse, error) {
	e, err := q.Keeper.Employment(ctx, req.Id)
	return &types.QueryEmploymentResponse{Employment: e}, err
}

func (q queryServer) Employments(ctx context.Context, req *types.QueryEmploymentsRequest) (*types.QueryEmploymentsResponse, error) {
	worker, err := q.address(req.Worker, "worker")
	if err != nil {
		return nil, err
	}
	list, page, err := query.CollectionPaginate(ctx, q.EmploymentsByWorker, req.Pagination,
		func(key addrID, _ collections.NoValue) (types.Employment, error) {
			return q.Keeper.Employments.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](worker))
	return &types.QueryEmploymentsResponse{Employments: list, Pagination: page}, err
}

func (q queryServer) Payslips(ctx context.Context, req *types.QueryPayslipsRequest) (*types.QueryPayslipsResponse, error) {
	list, page, err := newestFirst(ctx, q.Keeper, q.Keeper.Payslips, req.Worker, req.Pagination)
	if err != nil || (req.Pagination != nil && (len(req.Pagination.Key) > 0 || req.Pagination.Offset > 0)) {
		return &types.QueryPayslipsResponse{Payslips: list, Pagination: page}, err
	}
	worker, err := q.address(req.Worker, "worker") // checked by newestFirst
	if err != nil {
		return nil, err
	}
	statements, err := q.StatementsOf(ctx, worker)
	return &types.QueryPayslipsResponse{Payslips: list, Pagination: page, Statements: statements}, err
}

func (q queryServer) ClaimPayments(ctx context.Context, req *types.QueryClaimPaymentsRequest) (*types.QueryClaimPaymentsResponse, error) {
	list, page, err := newestFirst(ctx, q.Keeper, q.Keeper.ClaimPayments, req.Worker, req.Pagination)
	return &types.QueryClaimPaymentsResponse{Payments: list, Pagination: page}, err
}

// newestFirst pages a worker's records (payslips, claim payments), newest first.
func newestFirst[V any](ctx context.Context, k Keeper, m collections.Map[addrID, V], workerAddr string, pagination *query.PageRequest) ([]V, *query.PageResponse, error) {
	worker, err := k.address(workerAddr, "worker")
	if err != nil {
		return nil, nil, err
	}
	if pagination == nil {
		pagination = &query.PageRequest{}
	}
	pagination.Reverse = true
	return query.CollectionPaginate(ctx, m, pagination,
		func(_ addrID, v V) (V, error) { return v, nil },
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](worker))
}

func (q queryServer) Claims(ctx context.Context, req *types.QueryClaimsRequest) (*types.QueryClaimsResponse, error) {
	company, err := q.address(req.Company, "company")
	if err != nil {
		return nil, err
	}
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Claims, req.Pagination,
		func(_ addrID, c types.Claim) (types.Claim, error) { return c, nil },
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](company))
	return &types.QueryClaimsResponse{Claims: list, Pagination: page}, err
}

func (q queryServer) Timesheet(ctx context.Context, req *types.QueryTimesheetRequest) (*types.QueryTimesheetResponse, error) {
	ts, err := q.Keeper.Timesheets.Get(ctx, req.Id)
	if err != nil {
		return nil, types.ErrUnknownTimesheet.Wrapf("%d", req.Id)
	}
	return &types.QueryTimesheetResponse{Timesheet: ts}, nil
}

func (q queryServer) Timesheets(ctx context.Context, req *types.QueryTimesheetsRequest) (*types.QueryTimesheetsResponse, error) {
	worker, err := q.address(req.Worker, "worker")
	if err != nil {
		return nil, err
	}
	list, page, err := query.CollectionPaginate(ctx, q.TimesheetsByWorker, req.Pagination,
		func(key addrID, _ collections.NoValue) (types.Timesheet, error) {
			return q.Keeper.Timesheets.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](worker))
	return &types.QueryTimesheetsResponse{Timesheets: list, Pagination: page}, err
}

func (q queryServer) PayRun(ctx context.Context, _ *types.QueryPayRunRequest) (*types.QueryPayRunResponse, error) {
	sweep, err := q.Sweep.Get(ctx)
	if err != nil {
		sweep = types.Sweep{}
	}
	totals, err := q.Keeper.Totals.Get(ctx)
	return &types.QueryPayRunResponse{Sweep: sweep, Totals: totals}, err
}
