package types

import (
	"time"

	"cosmossdk.io/math"
)

// RefundAt is what a withdrawal at now refunds: the tuition paid for the current term
// times the part of the term not yet used, term_tuition x (next_due - now) / (next_due -
// term_start), rounded up to the ursc (in the student's favour), never more than was paid
// for the term; zero once the term is over, or for an enrollment that does not record its
// term's tuition.
func (e Enrollment) RefundAt(now time.Time) math.Int {
	paid := e.TermTuition
	if paid.IsNil() || !paid.IsPositive() || !now.Before(e.NextDue) {
		return math.ZeroInt()
	}
	length, unused := e.NextDue.Sub(e.TermStart), e.NextDue.Sub(now)
	if length <= 0 || unused >= length {
		return paid
	}
	l := math.NewInt(int64(length))
	return paid.Mul(math.NewInt(int64(unused))).Add(l).SubRaw(1).Quo(l)
}
