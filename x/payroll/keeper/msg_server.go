package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the payroll Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

func (m msgServer) SetOccupation(ctx context.Context, msg *types.MsgSetOccupation) (*types.MsgSetOccupationResponse, error) {
	if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	o := msg.Occupation
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.Id == 0 {
		id, err := modulekit.NextID(ctx, m.OccupationSeq)
		if err != nil {
			return nil, err
		}
		o.Id = id
	} else if _, err := m.occupation(ctx, o.Id); err != nil {
		return nil, err
	}
	return &types.MsgSetOccupationResponse{Id: o.Id}, m.Occupations.Set(ctx, o.Id, o)
}

// employer checks that signer is a company (or regional company, or the bank).
func (m msgServer) employer(ctx context.Context, signer string) (sdk.AccAddress, error) {
	addr, err := m.address(signer, "company")
	if err != nil {
		return nil, err
	}
	_, err = m.membership.Employer(ctx, addr)
	return addr, err
}

func (m msgServer) PostJob(ctx context.Context, msg *types.MsgPostJob) (*types.MsgPostJobResponse, error) {
	company, err := m.employer(ctx, msg.Company)
	if err != nil {
		return nil, err
	}
	o, err := m.occupation(ctx, msg.OccupationId)
	if err != nil {
		return nil, err
	}
	params, err := m.params.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	if err := o.CheckWage(params.WageFactors, msg.Wage); err != nil {
		return nil, err
	}
	if msg.HoursPerWeek == 0 || msg.HoursPerWeek > 168 || len(msg.Description) > 2000 {
		return nil, errorsmod.Wrap(types.ErrInvalidJob, "hours per week must be in [1,168] and the description at most 2000 characters")
	}
	id, err := modulekit.NextID(ctx, m.JobSeq)
	if err != nil {
		return nil, err
	}
	job := types.Job{Id: id, Company: msg.Company, OccupationId: o.Id, HoursPerWeek: msg.HoursPerWeek, Wage: msg.Wage, Description: msg.Description}
	if err := m.Jobs.Set(ctx, id, job); err != nil {
		return nil, err
	}
	if err := m.JobsByCompany.Set(ctx, collections.Join(company, id)); err != nil {
		return nil, err
	}
	return &types.MsgPostJobResponse{JobId: id}, m.JobsByOccupation.Set(ctx, collections.Join(o.Id, id))
}

// companyJob returns a job of the signing company.
func (m msgServer) companyJob(ctx context.Context, signer string, jobID uint64) (sdk.AccAddress, types.Job, error) {
	company, err := m.employer(ctx, signer)
	if err != nil {
		return nil, types.Job{}, err
	}
	job, err := m.job(ctx, jobID)
	if err == nil && job.Company != signer {
		err = errorsmod.Wrapf(types.ErrNotYours, "job %d is %s's", jobID, job.Company)
	}
	return company, job, err
}

func (m msgServer) CloseJob(ctx context.Context, msg *types.MsgCloseJob) (*types.MsgCloseJobResponse, error) {
	company, job, err := m.companyJob(ctx, msg.Company, msg.JobId)
	if err != nil {
		return nil, err
	}
	return &types.MsgCloseJobResponse{}, m.closeJob(ctx, company, job)
}

// closeJob removes a job, its indexes and its applications.
func (k Keeper) closeJob(ctx context.Context, company sdk.AccAddress, job types.Job) error {
	if err := k.Jobs.Remove(ctx, job.Id); err != nil {
		return err
	}
	if err := k.JobsByCompany.Remove(ctx, collections.Join(company, job.Id)); err != nil {
		return err
	}
	if err := k.JobsByOccupation.Remove(ctx, collections.Join(job.OccupationId, job.Id)); err != nil {
		return err
	}
	return k.Applications.Clear(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](job.Id))
}

func (m msgServer) Apply(ctx context.Context, msg *types.MsgApply) (*types.MsgApplyResponse, error) {
	applicant, err := m.address(msg.Applicant, "applicant")
	if err != nil {
		return nil, err
	}
	if err := m.membership.RequirePerson(ctx, msg.Applicant); err != nil {
		return nil, err
	}
	if _, err := m.job(ctx, msg.JobId); err != nil {
		return nil, err
	}
	key := collections.Join(msg.JobId, applicant)
	if has, err := m.Applications.Has(ctx, key); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrAlreadyApplied, "job %d", msg.JobId)
	}
	if len(msg.Note) > 2000 {
		return nil, errorsmod.Wrap(types.ErrInvalidJob, "the note may have at most 2000 characters")
	}
	return &types.MsgApplyResponse{}, m.Applications.Set(ctx, key, msg.Note)
}

func (m msgServer) Hire(ctx context.Context, msg *types.MsgHire) (*types.MsgHireResponse, error) {
	company, job, err := m.companyJob(ctx, msg.Company, msg.JobId)
	if err != nil {
		return nil, err
	}
	if msg.Applicant == msg.Company {
		return nil, types.ErrSelfHire
	}
	worker, err := m.address(msg.Applicant, "applicant")
	if err != nil {
		return nil, err
	}
	if err := m.membership.RequirePerson(ctx, msg.Applicant); err != nil {
		return nil, err
	}
	key := collections.Join(job.Id, worker)
	if has, err := m.Applications.Has(ctx, key); err != nil {
		return nil, err
	} else if !has {
		return nil, errorsmod.Wrapf(types.ErrNotApplied, "%s to job %d", msg.Applicant, job.Id)
	}
	if err := m.Applications.Remove(ctx, key); err != nil {
		return nil, err
	}
	joined, err := m.membership.JoinCompany(ctx, company, msg.Applicant)
	if err != nil {
		return nil, err
	}
	id, err := modulekit.NextID(ctx, m.EmploymentSeq)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	e := types.Employment{
		Id: id, Company: msg.Company, Worker: msg.Applicant, OccupationId: job.OccupationId, JobId: job.Id,
		Wage: job.Wage, StartedAt: now, PaidThrough: now, Carry: math.LegacyZeroDec(), JoinedGroup: joined,
		HoursPerWeek: job.HoursPerWeek, WeekStart: types.WeekOf(now),
	}
	if err := m.setEmployment(ctx, e); err != nil {
		return nil, err
	}
	if err := m.EmploymentsByWorker.Set(ctx, collections.Join(worker, id)); err != nil {
		return nil, err
	}
	if err := m.EmploymentsByCompany.Set(ctx, collections.Join(company, id)); err != nil {
		return nil, err
	}
	return &types.MsgHireResponse{EmploymentId: id}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventHired{
		EmploymentId: id, Company: e.Company, Worker: e.Worker, JobId: job.Id, Wage: e.Wage,
	})
}

// workerEmployment returns an employment of the signing worker.
func (m msgServer) workerEmployment(ctx context.Context, worker string, id uint64) (types.Employment, error) {
	e, err := m.Employment(ctx, id)
	if err == nil && e.Worker != worker {
		err = errorsmod.Wrapf(types.ErrNotYours, "employment %d is %s's", id, e.Worker)
	}
	return e, err
}

// companyEmployment returns an employment at the signing company.
func (m msgServer) companyEmployment(ctx context.Context, company string, id uint64) (types.Employment, error) {
	e, err := m.Employment(ctx, id)
	if err == nil && e.Company != company {
		err = errorsmod.Wrapf(types.ErrNotYours, "employment %d is at %s", id, e.Company)
	}
	return e, err
}

func (m msgServer) Quit(ctx context.Context, msg *types.MsgQuit) (*types.MsgQuitResponse, error) {
	e, err := m.workerEmployment(ctx, msg.Worker, msg.EmploymentId)
	if err != nil {
		return nil, err
	}
	return &types.MsgQuitResponse{}, m.end(ctx, e, true, "")
}

func (m msgServer) Dismiss(ctx context.Context, msg *types.MsgDismiss) (*types.MsgDismissResponse, error) {
	e, err := m.companyEmployment(ctx, msg.Company, msg.EmploymentId)
	if err != nil {
		return nil, err
	}
	return &types.MsgDismissResponse{}, m.end(ctx, e, false, msg.Reason)
}

// end pays the work done up to now (an open shift closes now) and removes the employment.
func (m msgServer) end(ctx context.Context, e types.Employment, quit bool, reason string) error {
	params, err := m.params.GetParams(ctx)
	if err != nil {
		return err
	}
	l := m.newLedger()
	if _, err := m.settle(ctx, l, &e, sdk.UnwrapSDKContext(ctx).BlockTime(), params); err != nil {
		return err
	}
	if err := l.close(ctx); err != nil {
		return err
	}
	company, err := m.address(e.Company, "company")
	if err != nil {
		return err
	}
	worker, err := m.address(e.Worker, "worker")
	if err != nil {
		return err
	}
	if err := m.Employments.Remove(ctx, e.Id); err != nil {
		return err
	}
	if err := m.EmploymentsByWorker.Remove(ctx, collections.Join(worker, e.Id)); err != nil {
		return err
	}
	if err := m.EmploymentsByCompany.Remove(ctx, collections.Join(company, e.Id)); err != nil {
		return err
	}
	if err := m.Ratings.Clear(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](e.Id)); err != nil {
		return err
	}
	var stale []types.Timesheet // unconfirmed timesheets of this employment
	err = m.TimesheetsByWorker.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](worker), func(key addrID) (bool, error) {
		ts, err := m.Timesheets.Get(ctx, key.K2())
		if err == nil && ts.EmploymentId == e.Id {
			stale = append(stale, ts)
		}
		return false, err
	})
	if err != nil {
		return err
	}
	for _, ts := range stale {
		if err := m.removeTimesheet(ctx, ts); err != nil {
			return err
		}
	}
	if e.JoinedGroup {
		if err := m.membership.LeaveCompany(ctx, company, e.Worker); err != nil {
			return err
		}
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventEmploymentEnded{
		EmploymentId: e.Id, Company: e.Company, Worker: e.Worker, Quit: quit, Reason: reason,
	})
}

func (m msgServer) RateCoworker(ctx context.Context, msg *types.MsgRateCoworker) (*types.MsgRateCoworkerResponse, error) {
	rater, err := m.address(msg.Rater, "rater")
	if err != nil {
		return nil, err
	}
	if p := msg.Productivity; p.IsNil() || p.IsNegative() || p.GT(math.LegacyOneDec()) {
		return nil, types.ErrInvalidRating
	}
	e, err := m.Employment(ctx, msg.EmploymentId)
	if err != nil {
		return nil, err
	}
	if e.Worker == msg.Rater || !m.worksAt(ctx, rater, e.Company) {
		return nil, errorsmod.Wrapf(types.ErrNotCoworker, "%s at %s", msg.Rater, e.Company)
	}
	if err := m.Ratings.Set(ctx, collections.Join(e.Id, rater), msg.Productivity); err != nil {
		return nil, err
	}
	var ratings []math.LegacyDec
	err = m.Ratings.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](e.Id), func(_ idAddr, v math.LegacyDec) (bool, error) {
		ratings = append(ratings, v)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	o, err := m.occupation(ctx, e.OccupationId)
	if err != nil {
		return nil, err
	}
	params, err := m.params.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	productivity := types.Median(ratings)
	e.Wage = o.Wage(params.WageFactors, productivity)
	if err := m.setEmployment(ctx, e); err != nil {
		return nil, err
	}
	return &types.MsgRateCoworkerResponse{Wage: e.Wage}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventWageChanged{
		EmploymentId: e.Id, Wage: e.Wage, Productivity: productivity,
	})
}

// worksAt tells whether addr is employed at company.
func (m msgServer) worksAt(ctx context.Context, addr sdk.AccAddress, company string) bool {
	found := false
	_ = m.EmploymentsByWorker.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](addr), func(key addrID) (bool, error) {
		e, err := m.Employments.Get(ctx, key.K2())
		found = err == nil && e.Company == company
		return found, nil
	})
	return found
}

func (m msgServer) ClockIn(ctx context.Context, msg *types.MsgClockIn) (*types.MsgClockInResponse, error) {
	e, err := m.workerEmployment(ctx, msg.Worker, msg.EmploymentId)
	if err != nil {
		return nil, err
	}
	if e.ClockedInAt != nil {
		return nil, errorsmod.Wrapf(types.ErrAlreadyClockedIn, "since %s", e.ClockedInAt.UTC().Format(time.RFC3339))
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	others, err := m.OtherEmployments(ctx, e)
	if err != nil {
		return nil, err
	}
	for _, o := range others {
		if o.ClockedInAt != nil {
			return nil, errorsmod.Wrapf(types.ErrOverlap, "the worker is clocked in at employment %d (%s)", o.Id, o.Company)
		}
	}
	if e.WorkedIn(types.WeekOf(now), now) >= e.WeekCap() {
		return nil, errorsmod.Wrapf(types.ErrHoursPerWeek, "the job's %d hours of this week are worked", e.HoursPerWeek)
	}
	e.ClockedInAt = &now
	return &types.MsgClockInResponse{}, m.setEmployment(ctx, e)
}

func (m msgServer) ClockOut(ctx context.Context, msg *types.MsgClockOut) (*types.MsgClockOutResponse, error) {
	e, err := m.workerEmployment(ctx, msg.Worker, msg.EmploymentId)
	if err != nil {
		return nil, err
	}
	if e.ClockedInAt == nil {
		return nil, types.ErrNotClockedIn
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if now.After(*e.ClockedInAt) {
		e.Intervals = append(e.Intervals, types.Interval{Start: *e.ClockedInAt, End: now})
	}
	e.ClockedInAt = nil
	return &types.MsgClockOutResponse{}, m.setEmployment(ctx, e)
}

// checkWork validates work to add to e (checkInterval), and refuses work that overlaps the
// worker's work in any other employment, at any company (one person works one job at a
// time: the same hours are paid once), or work before another employment's settled time
// (that work is no longer on record to compare), or that would take the week past the
// job's hours_per_week.
func (k Keeper) checkWork(ctx context.Context, e types.Employment, iv types.Interval, now time.Time) error {
	if err := checkInterval(e, iv, now); err != nil {
		return err
	}
	others, err := k.OtherEmployments(ctx, e)
	if err != nil {
		return err
	}
	for _, o := range others {
		if iv.Start.Before(o.PaidThrough) {
			return errorsmod.Wrapf(types.ErrInvalidInterval, "the worker's work before %s is settled at employment %d", o.PaidThrough.UTC().Format(time.RFC3339), o.Id)
		}
		if err := checkInterval(o, iv, now); err != nil {
			return errorsmod.Wrapf(types.ErrOverlap, "with work at employment %d (%s)", o.Id, o.Company)
		}
	}
	for w := types.WeekOf(iv.Start); w.Before(iv.End); w = w.Add(types.Week) {
		worked := e.WorkedIn(w, now) + iv.Overlap(w, w.Add(types.Week))
		if worked > e.WeekCap() {
			return errorsmod.Wrapf(types.ErrHoursPerWeek, "%s in the week of %s, the job has %d hours", worked, w.Format(time.DateOnly), e.HoursPerWeek)
		}
	}
	return nil
}

// OtherEmployments are the worker's employments other than e, at any company.
func (k Keeper) OtherEmployments(ctx context.Context, e types.Employment) ([]types.Employment, error) {
	worker, err := k.address(e.Worker, "worker")
	if err != nil {
		return nil, err
	}
	var others []types.Employment
	err = k.EmploymentsByWorker.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](worker), func(key addrID) (bool, error) {
		if key.K2() == e.Id {
			return false, nil
		}
		o, err := k.Employments.Get(ctx, key.K2())
		others = append(others, o)
		return false, err
	})
	return others, err
}

// checkInterval validates work to add to e: not empty, not in the future, not in a period
// already paid or before the employment, and not overlapping recorded work or the open shift.
func checkInterval(e types.Employment, iv types.Interval, now time.Time) error {
	switch {
	case !iv.End.After(iv.Start):
		return errorsmod.Wrap(types.ErrInvalidInterval, "the end must come after the start")
	case iv.End.After(now):
		return errorsmod.Wrap(types.ErrInvalidInterval, "work cannot end in the future")
	case iv.Start.Before(e.PaidThrough):
		return errorsmod.Wrapf(types.ErrInvalidInterval, "work before %s is already paid", e.PaidThrough.UTC().Format(time.RFC3339))
	}
	for _, w := range e.Intervals {
		if iv.Start.Before(w.End) && w.Start.Before(iv.End) {
			return errorsmod.Wrapf(types.ErrOverlap, "with %s to %s", w.Start.UTC().Format(time.RFC3339), w.End.UTC().Format(time.RFC3339))
		}
	}
	if e.ClockedInAt != nil && iv.End.After(*e.ClockedInAt) {
		return errorsmod.Wrap(types.ErrOverlap, "with the open shift")
	}
	return nil
}

func (m msgServer) RecordTimesheet(ctx context.Context, msg *types.MsgRecordTimesheet) (*types.MsgRecordTimesheetResponse, error) {
	e, err := m.companyEmployment(ctx, msg.Company, msg.EmploymentId)
	if err != nil {
		return nil, err
	}
	iv := types.Interval{Start: msg.Start, End: msg.End}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := m.checkWork(ctx, e, iv, sdkCtx.BlockTime()); err != nil {
		return nil, err
	}
	if msg.Reason == "" || len(msg.Reason) > 500 {
		return nil, errorsmod.Wrap(types.ErrInvalidInterval, "a timesheet needs a reason of at most 500 characters")
	}
	id, err := modulekit.NextID(ctx, m.TimesheetSeq)
	if err != nil {
		return nil, err
	}
	ts := types.Timesheet{Id: id, Company: msg.Company, EmploymentId: e.Id, Interval: iv, Worker: e.Worker, Reason: msg.Reason, RecordedBy: msg.Company, RecordedHeight: sdkCtx.BlockHeight()}
	return &types.MsgRecordTimesheetResponse{TimesheetId: id}, m.setTimesheet(ctx, ts)
}

func (m msgServer) ConfirmTimesheet(ctx context.Context, msg *types.MsgConfirmTimesheet) (*types.MsgConfirmTimesheetResponse, error) {
	ts, err := m.Timesheets.Get(ctx, msg.TimesheetId)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrUnknownTimesheet, "%d", msg.TimesheetId)
	}
	e, err := m.workerEmployment(ctx, msg.Worker, ts.EmploymentId)
	if err != nil {
		return nil, err
	}
	if err := m.checkWork(ctx, e, ts.Interval, sdk.UnwrapSDKContext(ctx).BlockTime()); err != nil {
		return nil, err
	}
	e.Intervals = append(e.Intervals, ts.Interval)
	if err := m.removeTimesheet(ctx, ts); err != nil {
		return nil, err
	}
	return &types.MsgConfirmTimesheetResponse{}, m.setEmployment(ctx, e)
}
