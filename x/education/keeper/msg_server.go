package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/education/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the education Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// SetProgram registers or changes a program of a regional school; new seats are filled
// from the wait-list at once.
func (m msgServer) SetProgram(ctx context.Context, msg *types.MsgSetProgram) (*types.MsgSetProgramResponse, error) {
	if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	p := msg.Program
	school, err := m.address(p.School, "school")
	if err != nil {
		return nil, err
	}
	if a, err := m.membership.GetAgent(ctx, school); err != nil && !errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return nil, err
	} else if err != nil || a.Kind != membershiptypes.AGENT_KIND_REGIONAL_COMPANY {
		return nil, errorsmod.Wrapf(types.ErrNotSchool, "%s", p.School)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.Id == 0 {
		if p.Id, err = modulekit.NextID(ctx, m.ProgramSeq); err != nil {
			return nil, err
		}
		p.Enrolled = 0
	} else {
		old, err := m.Program(ctx, p.Id)
		if err != nil {
			return nil, err
		}
		if p.Capacity < old.Enrolled {
			return nil, errorsmod.Wrapf(types.ErrOverCapacity, "%d enrolled, capacity %d", old.Enrolled, p.Capacity)
		}
		p.Enrolled = old.Enrolled
	}
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	_, err = m.fillSeats(ctx, p.Id)
	return &types.MsgSetProgramResponse{Id: p.Id}, err
}

// JoinWaitlist puts a person on a program's wait-list, once; a free seat is taken at once.
func (m msgServer) JoinWaitlist(ctx context.Context, msg *types.MsgJoinWaitlist) (*types.MsgJoinWaitlistResponse, error) {
	person, err := m.address(msg.Person, "person")
	if err != nil {
		return nil, err
	}
	if err := m.membership.RequirePerson(ctx, msg.Person); err != nil {
		return nil, errorsmod.Wrap(types.ErrNotPerson, err.Error())
	}
	if _, err := m.Program(ctx, msg.ProgramId); err != nil {
		return nil, err
	}
	if _, found, err := m.ApplicantOf(ctx, person, msg.ProgramId); err != nil {
		return nil, err
	} else if found {
		return nil, errorsmod.Wrapf(types.ErrAlreadyWaiting, "program %d", msg.ProgramId)
	}
	if enrolled, err := m.EnrolledIn(ctx, person, msg.ProgramId); err != nil {
		return nil, err
	} else if enrolled {
		return nil, errorsmod.Wrapf(types.ErrAlreadyWaiting, "enrolled in program %d", msg.ProgramId)
	}
	if err := m.addApplicant(ctx, msg.ProgramId, person); err != nil {
		return nil, err
	}
	id, err := m.fillSeats(ctx, msg.ProgramId)
	return &types.MsgJoinWaitlistResponse{EnrollmentId: id}, err
}

// EnrolledIn tells whether a person is enrolled in a program.
func (k Keeper) EnrolledIn(ctx context.Context, person sdk.AccAddress, program uint64) (bool, error) {
	enrolled := false
	err := k.EnrollmentsByStudent.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](person), func(key addrID) (bool, error) {
		e, err := k.Enrollments.Get(ctx, key.K2())
		enrolled = err == nil && e.ProgramId == program
		return enrolled, err
	})
	return enrolled, err
}

// ApplicantOf finds a person's place on a program's wait-list.
func (k Keeper) ApplicantOf(ctx context.Context, person sdk.AccAddress, program uint64) (types.Applicant, bool, error) {
	var found types.Applicant
	ok := false
	err := k.ApplicantsByPerson.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](person), func(key addrID) (bool, error) {
		a, err := k.Applicants.Get(ctx, key.K2())
		if err == nil && a.ProgramId == program {
			found, ok = a, true
		}
		return ok, err
	})
	return found, ok, err
}

// LeaveWaitlist takes a person off a program's wait-list.
func (m msgServer) LeaveWaitlist(ctx context.Context, msg *types.MsgLeaveWaitlist) (*types.MsgLeaveWaitlistResponse, error) {
	person, err := m.address(msg.Person, "person")
	if err != nil {
		return nil, err
	}
	a, found, err := m.ApplicantOf(ctx, person, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errorsmod.Wrapf(types.ErrNotWaiting, "program %d", msg.ProgramId)
	}
	return &types.MsgLeaveWaitlistResponse{}, m.removeApplicant(ctx, a)
}

// Withdraw ends a student's enrollment: the school refunds the unused part of the term;
// the seat goes to the next.
func (m msgServer) Withdraw(ctx context.Context, msg *types.MsgWithdraw) (*types.MsgWithdrawResponse, error) {
	e, err := modulekit.Get(ctx, m.Enrollments, msg.EnrollmentId, types.ErrUnknownEnroll)
	if err != nil {
		return nil, err
	}
	if e.Student != msg.Student {
		return nil, errorsmod.Wrapf(types.ErrUnknownEnroll, "%d", msg.EnrollmentId)
	}
	return &types.MsgWithdrawResponse{}, m.withdraw(ctx, e)
}
