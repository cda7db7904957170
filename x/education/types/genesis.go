package types

import errorsmod "cosmossdk.io/errors"

// DefaultGenesis has no programs.
func DefaultGenesis() *GenesisState {
	return &GenesisState{NextProgramId: 1, NextEnrollmentId: 1, NextApplicantId: 1}
}

// Validate checks ids, programs and the refunds owed.
func (gs GenesisState) Validate() error {
	if gs.NextProgramId == 0 || gs.NextEnrollmentId == 0 || gs.NextApplicantId == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next ids start at 1: program %d, enrollment %d, applicant %d",
			gs.NextProgramId, gs.NextEnrollmentId, gs.NextApplicantId)
	}
	programs := map[uint64]bool{}
	for _, p := range gs.Programs {
		if p.Id == 0 || p.Id >= gs.NextProgramId || programs[p.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "program id %d", p.Id)
		}
		programs[p.Id] = true
		if err := p.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "program %d: %s", p.Id, err)
		}
	}
	for _, e := range gs.Enrollments {
		if e.Id == 0 || e.Id >= gs.NextEnrollmentId || !programs[e.ProgramId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "enrollment %d", e.Id)
		}
	}
	for _, a := range gs.Applicants {
		if a.Id == 0 || a.Id >= gs.NextApplicantId || !programs[a.ProgramId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "applicant %d", a.Id)
		}
	}
	refunds := map[uint64]bool{}
	for _, r := range gs.Refunds {
		if r.EnrollmentId == 0 || r.EnrollmentId >= gs.NextEnrollmentId || refunds[r.EnrollmentId] || r.Owed.IsNil() || !r.Owed.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "refund of enrollment %d", r.EnrollmentId)
		}
		refunds[r.EnrollmentId] = true
	}
	return nil
}
