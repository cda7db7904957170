package keeper

import (
	"context"
	"errors"
	"sort"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/education/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the education Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Programs(ctx context.Context, req *types.QueryProgramsRequest) (*types.QueryProgramsResponse, error) {
	share := q.share(ctx)
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Programs, req.Pagination,
		func(id uint64, p types.Program) (types.ProgramInfo, error) {
			n, err := q.Waiting.Get(ctx, id)
			if err != nil && !errors.Is(err, collections.ErrNotFound) {
				return types.ProgramInfo{}, err
			}
			return types.ProgramInfo{Program: p, Tuition: p.Tuition(share), Waiting: n}, nil
		})
	return &types.QueryProgramsResponse{Programs: list, Pagination: page}, err
}

// Waitlist lists a program's wait-list in the order seats will go (at most 1,000).
func (q queryServer) Waitlist(ctx context.Context, req *types.QueryWaitlistRequest) (*types.QueryWaitlistResponse, error) {
	if _, err := q.Program(ctx, req.ProgramId); err != nil {
		return nil, err
	}
	params, err := q.params.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	res := &types.QueryWaitlistResponse{}
	err = q.ApplicantsByProgram.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](req.ProgramId), func(key idID) (bool, error) {
		a, err := q.Applicants.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		person, err := q.address(a.Person, "person")
		if err != nil {
			return true, err
		}
		r, err := q.record(ctx, person)
		res.Places = append(res.Places, types.Place{Applicant: a, Group: Group(r, now, params.SchoolingPriorityYears)})
		return len(res.Places) >= maxScan, err
	})
	sort.SliceStable(res.Places, func(i, j int) bool { return res.Places[i].Group < res.Places[j].Group })
	return res, err
}

func (q queryServer) Student(ctx context.Context, req *types.QueryStudentRequest) (*types.QueryStudentResponse, error) {
	person, err := q.address(req.Person, "person")
	if err != nil {
		return nil, err
	}
	r, err := q.record(ctx, person)
	if err != nil {
		return nil, err
	}
	res := &types.QueryStudentResponse{Record: r}
	err = q.EnrollmentsByStudent.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](person), func(key addrID) (bool, error) {
		e, err := q.Enrollments.Get(ctx, key.K2())
		res.Enrollments = append(res.Enrollments, e)
		return false, err
	})
	if err != nil {
		return nil, err
	}
	res.Refunds, err = q.RefundsOwed(ctx, person)
	return res, err
}
