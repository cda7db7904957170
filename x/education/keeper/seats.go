package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/education/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// Seats. A free seat goes to the wait-list's first applicant of the best priority group:
// 1, those never enrolled; 2, those not enrolled in the last schooling_priority_years; 3,
// the rest; each group in the order its applicants joined (among the first maxScan
// waiting). The seat is taken when the first term's tuition is paid; an applicant who
// cannot pay it leaves the wait-list and the seat goes to the next. Tuition is charged at
// the start of each term; a student who cannot pay a term's tuition is unenrolled
// (outcome unpaid); after the last term the enrollment completes. Every ending frees the
// seat for the next applicant. A student who withdraws is refunded the unused part of the
// term (refunds.go); a withdrawal within withdrawal_grace of enrolling leaves the record
// the priority reads as it was.

const maxScan = 1000

// Group is a person's priority group on a wait-list now.
func Group(r types.Record, now time.Time, years uint32) uint32 {
	switch {
	case r.EnrolledNow == 0 && r.LastEnd == nil:
		return 1
	case r.EnrolledNow == 0 && now.Sub(*r.LastEnd) > time.Duration(years)*365*24*time.Hour:
		return 2
	}
	return 3
}

// nextApplicant returns the applicant a free seat of program goes to, and its group.
func (k Keeper) nextApplicant(ctx context.Context, program uint64) (*types.Applicant, uint32, error) {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return nil, 0, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	var best *types.Applicant
	bestGroup, scanned := uint32(4), 0
	err = k.ApplicantsByProgram.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](program), func(key idID) (bool, error) {
		scanned++
		a, err := k.Applicants.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		person, err := k.address(a.Person, "person")
		if err != nil {
			return true, err
		}
		r, err := k.record(ctx, person)
		if err != nil {
			return true, err
		}
		if g := Group(r, now, params.SchoolingPriorityYears); g < bestGroup {
			best, bestGroup = &a, g
		}
		return bestGroup == 1 || scanned >= maxScan, nil
	})
	return best, bestGroup, err
}

// fillSeats gives a program's free seats to its wait-list.
func (k Keeper) fillSeats(ctx context.Context, id uint64) (uint64, error) {
	var last uint64
	for {
		p, err := k.Program(ctx, id)
		if err != nil || p.Enrolled >= p.Capacity {
			return last, err
		}
		a, group, err := k.nextApplicant(ctx, id)
		if err != nil || a == nil {
			return last, err
		}
		if err := k.removeApplicant(ctx, *a); err != nil {
			return last, err
		}
		e, ok, err := k.enroll(ctx, p, *a, group)
		if err != nil {
			return last, err
		}
		if ok {
			last = e.Id
		}
	}
}

// enroll seats an applicant if it pays the first term's tuition.
func (k Keeper) enroll(ctx context.Context, p types.Program, a types.Applicant, group uint32) (types.Enrollment, bool, error) {
	student, err := k.address(a.Person, "person")
	if err != nil {
		return types.Enrollment{}, false, err
	}
	tuition, paid, err := k.chargeTerm(ctx, p, student)
	if err != nil {
		return types.Enrollment{}, false, err
	}
	if !paid {
		return types.Enrollment{}, false, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventEnrollmentEnded{Student: a.Person, Outcome: types.OUTCOME_UNPAID})
	}
	id, err := modulekit.NextID(ctx, k.EnrollmentSeq)
	if err != nil {
		return types.Enrollment{}, false, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	e := types.Enrollment{Id: id, ProgramId: p.Id, Student: a.Person, Start: now, TermsPaid: 1, NextDue: now.Add(p.Term), Paid: tuition, TermStart: now, TermTuition: tuition}
	if err := k.Enrollments.Set(ctx, e.Id, e); err != nil {
		return e, false, err
	}
	if err := k.EnrollmentsByStudent.Set(ctx, collections.Join(student, e.Id)); err != nil {
		return e, false, err
	}
	if err := k.Due.Set(ctx, collections.Join(e.NextDue, e.Id)); err != nil {
		return e, false, err
	}
	p.Enrolled++
	if err := k.Programs.Set(ctx, p.Id, p); err != nil {
		return e, false, err
	}
	r, err := k.record(ctx, student)
	if err != nil {
		return e, false, err
	}
	r.EnrolledNow++
	if err := k.Records.Set(ctx, student, r); err != nil {
		return e, false, err
	}
	return e, true, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventEnrolled{EnrollmentId: e.Id, ProgramId: p.Id, Student: a.Person, Group: group})
}

// share is the region's tuition share (zero if the parameters cannot be read).
func (k Keeper) share(ctx context.Context) math.LegacyDec {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return math.LegacyZeroDec()
	}
	return params.TuitionShare
}

// chargeTerm takes a term's tuition from the student to the school, books it as the
// school's revenue (its market books, line tuition) and returns it; false if the student
// cannot pay.
func (k Keeper) chargeTerm(ctx context.Context, p types.Program, student sdk.AccAddress) (math.Int, bool, error) {
	tuition := p.Tuition(k.share(ctx))
	if !tuition.IsPositive() {
		return tuition, true, nil
	}
	if k.bank.SpendableCoin(ctx, student, membershiptypes.Denom).Amount.LT(tuition) {
		return tuition, false, nil
	}
	school, err := k.address(p.School, "school")
	if err != nil {
		return tuition, false, err
	}
	if err := k.router.Pay(ctx, router.Payment{
		Route: router.Tuition, From: student, Legs: router.To(school, tuition),
		Link: valueflowstypes.Link("education/program", p.Id), Note: "a term's tuition",
	}); err != nil {
		return tuition, false, err
	}
	err = k.books.BookTuition(ctx, school, tuition)
	return tuition, err == nil, err
}

// end ends an enrollment with outcome and frees its seat.
func (k Keeper) end(ctx context.Context, e types.Enrollment, outcome types.Outcome) error {
	return k.close(ctx, e, outcome, math.ZeroInt(), false)
}

// close ends an enrollment with outcome: a withdrawal's refund is paid (or owed) before the
// seat goes to the next; one in grace is left out of the record the priority reads.
func (k Keeper) close(ctx context.Context, e types.Enrollment, outcome types.Outcome, refund math.Int, inGrace bool) error {
	student, err := k.address(e.Student, "student")
	if err != nil {
		return err
	}
	if err := k.Enrollments.Remove(ctx, e.Id); err != nil {
		return err
	}
	if err := k.EnrollmentsByStudent.Remove(ctx, collections.Join(student, e.Id)); err != nil {
		return err
	}
	if err := k.Due.Remove(ctx, collections.Join(e.NextDue, e.Id)); err != nil {
		return err
	}
	p, err := k.Program(ctx, e.ProgramId)
	if err != nil {
		return err
	}
	p.Enrolled--
	if err := k.Programs.Set(ctx, p.Id, p); err != nil {
		return err
	}
	r, err := k.record(ctx, student)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if r.EnrolledNow > 0 {
		r.EnrolledNow--
	}
	switch {
	case inGrace: // as if never enrolled: last_end stays as it was
		r.WithdrawnInGrace++
	case outcome == types.OUTCOME_COMPLETED:
		r.LastEnd = &now
		r.Completed++
	default: // withdrawn, unpaid
		r.LastEnd = &now
		r.Withdrawn++
	}
	if err := k.Records.Set(ctx, student, r); err != nil {
		return err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventEnrollmentEnded{
		EnrollmentId: e.Id, Student: e.Student, Outcome: outcome, Refund: refund, InGrace: inGrace,
	}); err != nil {
		return err
	}
	if refund.IsPositive() {
		owed := types.Refund{EnrollmentId: e.Id, ProgramId: p.Id, Student: e.Student, School: p.School, Owed: refund}
		if err := k.payRefund(ctx, owed, false); err != nil {
			return err
		}
	}
	_, err = k.fillSeats(ctx, p.Id)
	return err
}

// addApplicant puts a person at the back of a program's wait-list.
func (k Keeper) addApplicant(ctx context.Context, program uint64, person sdk.AccAddress) error {
	id, err := modulekit.NextID(ctx, k.ApplicantSeq)
	if err != nil {
		return err
	}
	a := types.Applicant{Id: id, ProgramId: program, Person: person.String(), Joined: sdk.UnwrapSDKContext(ctx).BlockTime()}
	if err := k.Applicants.Set(ctx, id, a); err != nil {
		return err
	}
	if err := k.ApplicantsByProgram.Set(ctx, collections.Join(program, id)); err != nil {
		return err
	}
	if err := k.ApplicantsByPerson.Set(ctx, collections.Join(person, id)); err != nil {
		return err
	}
	n, err := k.Waiting.Get(ctx, program)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return k.Waiting.Set(ctx, program, n+1)
}

// removeApplicant takes an applicant off its wait-list.
func (k Keeper) removeApplicant(ctx context.Context, a types.Applicant) error {
	person, err := k.address(a.Person, "person")
	if err != nil {
		return err
	}
	if err := k.Applicants.Remove(ctx, a.Id); err != nil {
		return err
	}
	if err := k.ApplicantsByProgram.Remove(ctx, collections.Join(a.ProgramId, a.Id)); err != nil {
		return err
	}
	if err := k.ApplicantsByPerson.Remove(ctx, collections.Join(person, a.Id)); err != nil {
		return err
	}
	n, err := k.Waiting.Get(ctx, a.ProgramId)
	if err != nil {
		return err
	}
	if n == 1 { // no wait-list count is kept for an empty wait-list (as genesis rebuilds it)
		return k.Waiting.Remove(ctx, a.ProgramId)
	}
	return k.Waiting.Set(ctx, a.ProgramId, n-1)
}

// termsDue charges the terms due by the block time (or completes the enrollments whose
// last term is over), a bounded number per block.
func (k Keeper) termsDue(ctx sdk.Context) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	return modulekit.WorkOffDue(ctx, types.ModuleName, k.Due, params.MaxPayoutsPerBlock, k.term)
}

// term runs an enrollment's next term: complete, charge, or unenroll for not paying.
func (k Keeper) term(ctx sdk.Context, id uint64) error {
	e, err := k.Enrollments.Get(ctx, id)
	if err != nil {
		return err
	}
	p, err := k.Program(ctx, e.ProgramId)
	if err != nil {
		return err
	}
	if e.TermsPaid >= p.Terms {
		return k.end(ctx, e, types.OUTCOME_COMPLETED)
	}
	student, err := k.address(e.Student, "student")
	if err != nil {
		return err
	}
	tuition, paid, err := k.chargeTerm(ctx, p, student)
	if err != nil {
		return err
	}
	if !paid {
		return k.end(ctx, e, types.OUTCOME_UNPAID)
	}
	if err := k.Due.Remove(ctx, collections.Join(e.NextDue, e.Id)); err != nil {
		return err
	}
	e.TermsPaid++
	e.Paid = e.Paid.Add(tuition)
	e.TermStart, e.TermTuition = e.NextDue, tuition
	e.NextDue = e.NextDue.Add(p.Term)
	if err := k.Due.Set(ctx, collections.Join(e.NextDue, e.Id)); err != nil {
		return err
	}
	if err := k.Enrollments.Set(ctx, e.Id, e); err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventTuitionPaid{EnrollmentId: e.Id, Student: e.Student, Amount: tuition, Term: e.TermsPaid})
}

// EndBlocker charges the terms due and asks the schools for the refunds they still owe; it
// never returns an error.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := k.termsDue(sdkCtx); err != nil {
		sdkCtx.Logger().Error("education: tuition run failed", "err", err)
	}
	if err := k.refundsDue(sdkCtx); err != nil {
		sdkCtx.Logger().Error("education: refund run failed", "err", err)
	}
	return nil
}
