package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/conductor-coop/conductor/x/education/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// InitGenesis writes programs, enrollments, wait-lists, records and the refunds owed with
// their indexes.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, p := range gs.Programs {
		if err := k.Programs.Set(ctx, p.Id, p); err != nil {
			return err
		}
	}
	for _, e := range gs.Enrollments {
		if err := k.Enrollments.Set(ctx, e.Id, e); err != nil {
			return err
		}
		student, err := k.address(e.Student, "student")
		if err != nil {
			return err
		}
		if err := k.EnrollmentsByStudent.Set(ctx, collections.Join(student, e.Id)); err != nil {
			return err
		}
		if err := k.Due.Set(ctx, collections.Join(e.NextDue, e.Id)); err != nil {
			return err
		}
	}
	for _, a := range gs.Applicants {
		if err := k.Applicants.Set(ctx, a.Id, a); err != nil {
			return err
		}
		if err := k.ApplicantsByProgram.Set(ctx, collections.Join(a.ProgramId, a.Id)); err != nil {
			return err
		}
		person, err := k.address(a.Person, "person")
		if err != nil {
			return err
		}
		if err := k.ApplicantsByPerson.Set(ctx, collections.Join(person, a.Id)); err != nil {
			return err
		}
		n, err := k.Waiting.Get(ctx, a.ProgramId)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err := k.Waiting.Set(ctx, a.ProgramId, n+1); err != nil {
			return err
		}
	}
	for _, r := range gs.Records {
		person, err := k.address(r.Person, "person")
		if err != nil {
			return err
		}
		if err := k.Records.Set(ctx, person, r); err != nil {
			return err
		}
	}
	for _, r := range gs.Refunds {
		student, err := k.address(r.Student, "student")
		if err != nil {
			return err
		}
		if err := k.setRefund(ctx, student, r); err != nil {
			return err
		}
	}
	return modulekit.SetNext(ctx, map[*collections.Sequence]uint64{
		&k.ProgramSeq: gs.NextProgramId, &k.EnrollmentSeq: gs.NextEnrollmentId, &k.ApplicantSeq: gs.NextApplicantId,
	})
}

// ExportGenesis reads the module's state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Programs, err = modulekit.Values(ctx, k.Programs); err != nil {
		return nil, err
	}
	if gs.Enrollments, err = modulekit.Values(ctx, k.Enrollments); err != nil {
		return nil, err
	}
	if gs.Applicants, err = modulekit.Values(ctx, k.Applicants); err != nil {
		return nil, err
	}
	if gs.Records, err = modulekit.Values(ctx, k.Records); err != nil {
		return nil, err
	}
	if gs.Refunds, err = modulekit.Values(ctx, k.Refunds); err != nil {
		return nil, err
	}
	programs, err := k.ProgramSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	enrollments, err := k.EnrollmentSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	applicants, err := k.ApplicantSeq.Peek(ctx)
	gs.NextProgramId, gs.NextEnrollmentId, gs.NextApplicantId = programs+1, enrollments+1, applicants+1
	return gs, err
}
