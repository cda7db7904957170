package keeper

import (
	"context"
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

// Refunds. A student who withdraws is refunded the unused part of the term it paid for, pro
// rata by time and rounded up (Enrollment.RefundAt), by the school: a Conductor action,
// booked in the school's books (line refunds) and recorded as a value flow like the
// tuition. The withdrawal is never refused: a school that cannot pay the whole refund pays
// what it holds (nothing while it owes its workers wage claims, which come first), and owes
// the rest to the student (a Refund, public in the student query
// and the school's events); it is asked again every refundRetry, a bounded number of
// refunds a block, until it has paid in full (a subsidy from the treasury, or the next
// term's tuition, gives it the money).

// refundRetry is how long a school that could not pay a refund in full has before it is
// asked again.
const refundRetry = time.Hour

// withdraw ends a student's enrollment: the school refunds the unused part of the term and
// the seat goes to the next. Within withdrawal_grace of enrolling the enrollment does not
// count for the wait-list priority.
func (k Keeper) withdraw(ctx context.Context, e types.Enrollment) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	inGrace := !now.After(e.Start.Add(params.WithdrawalGrace))
	return k.close(ctx, e, types.OUTCOME_WITHDRAWN, e.RefundAt(now), inGrace)
}

// payRefund has the school pay what it can of a refund; the rest stays owed, to be asked
// again after refundRetry. stored tells whether r is already stored (a retry).
func (k Keeper) payRefund(ctx context.Context, r types.Refund, stored bool) error {
	school, err := k.address(r.School, "school")
	if err != nil {
		return err
	}
	student, err := k.address(r.Student, "student")
	if err != nil {
		return err
	}
	if stored {
		if err := k.RefundDue.Remove(ctx, collections.Join(r.NextTry, r.EnrollmentId)); err != nil {
			return err
		}
	}
	paid := math.MinInt(r.Owed, k.bank.SpendableCoin(ctx, school, membershiptypes.Denom).Amount)
	if paid.IsPositive() {
		// a school whose workers' wage claims come first (x/payroll refuses its other
		// payments) cannot pay now either: the refund stays owed
		cache, write := sdk.UnwrapSDKContext(ctx).CacheContext()
		if err := k.router.Pay(cache, router.Payment{
			Route: router.Refund, From: school, Legs: router.To(student, paid),
			Link: valueflowstypes.Link("education/program", r.ProgramId), Note: "a withdrawal's refund",
		}); err != nil {
			sdk.UnwrapSDKContext(ctx).Logger().Info("education: a school cannot pay a refund now", "school", r.School, "err", err)
			paid = math.ZeroInt()
		} else {
			write()
		}
	}
	if paid.IsPositive() {
		if err := k.books.BookRefund(ctx, school, paid); err != nil {
			return err
		}
	}
	r.Owed = r.Owed.Sub(paid)
	switch {
	case r.Owed.IsPositive():
		r.NextTry = sdk.UnwrapSDKContext(ctx).BlockTime().Add(refundRetry)
		if err := k.setRefund(ctx, student, r); err != nil {
			return err
		}
	case stored:
		if err := k.Refunds.Remove(ctx, r.EnrollmentId); err != nil {
			return err
		}
		if err := k.RefundsByStudent.Remove(ctx, collections.Join(student, r.EnrollmentId)); err != nil {
			return err
		}
	}
	if !paid.IsPositive() && stored {
		return nil // still nothing: no event every retry
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRefund{
		EnrollmentId: r.EnrollmentId, Student: r.Student, School: r.School, Paid: paid, Owed: r.Owed,
	})
}

// setRefund stores a refund owed with its indexes.
func (k Keeper) setRefund(ctx context.Context, student sdk.AccAddress, r types.Refund) error {
	if err := k.Refunds.Set(ctx, r.EnrollmentId, r); err != nil {
		return err
	}
	if err := k.RefundsByStudent.Set(ctx, collections.Join(student, r.EnrollmentId)); err != nil {
		return err
	}
	return k.RefundDue.Set(ctx, collections.Join(r.NextTry, r.EnrollmentId))
}

// refundsDue asks the schools for the refunds they owe whose time has come, a bounded
// number a block.
func (k Keeper) refundsDue(ctx sdk.Context) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	return modulekit.WorkOffDue(ctx, types.ModuleName, k.RefundDue, params.MaxPayoutsPerBlock, func(ctx sdk.Context, id uint64) error {
		r, err := k.Refunds.Get(ctx, id)
		if err != nil {
			return err
		}
		return k.payRefund(ctx, r, true)
	})
}

// RefundsOwed lists the refunds schools still owe a person.
func (k Keeper) RefundsOwed(ctx context.Context, person sdk.AccAddress) ([]types.Refund, error) {
	var list []types.Refund
	err := k.RefundsByStudent.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](person), func(key addrID) (bool, error) {
		r, err := k.Refunds.Get(ctx, key.K2())
		list = append(list, r)
		return len(list) >= maxScan, err
	})
	return list, err
}
