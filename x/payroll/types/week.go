package types

import "time"

// Week is the week a job's hours_per_week bounds: seven days from a Monday 00:00 UTC.
const Week = 7 * 24 * time.Hour

var firstMonday = time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)

// WeekOf is the start of the week of t.
func WeekOf(t time.Time) time.Time {
	return firstMonday.Add(t.Sub(firstMonday).Truncate(Week)).UTC()
}

// WeekCap is the work an employment may be paid for in a week.
func (e Employment) WeekCap() time.Duration { return time.Duration(e.HoursPerWeek) * time.Hour }

// WorkedIn is e's work in the week starting at week, up to now: paid (if it is the week of
// the work last paid), closed shifts not yet paid, and the open shift.
func (e Employment) WorkedIn(week, now time.Time) time.Duration {
	var d time.Duration
	if e.WeekStart.Equal(week) {
		d = e.WeekPaid
	}
	for _, iv := range e.Intervals {
		d += overlap(iv.Start, iv.End, week, week.Add(Week), e.PaidThrough)
	}
	if e.ClockedInAt != nil {
		d += overlap(*e.ClockedInAt, now, week, week.Add(Week), e.PaidThrough)
	}
	return d
}

// overlap is the part of [start, end) inside [from, to), not before paidThrough.
func overlap(start, end, from, to, paidThrough time.Time) time.Duration {
	for _, lo := range []time.Time{from, paidThrough} {
		if start.Before(lo) {
			start = lo
		}
	}
	if end.After(to) {
		end = to
	}
	if !end.After(start) {
		return 0
	}
	return end.Sub(start)
}

// Overlap is the part of iv inside [from, to).
func (iv Interval) Overlap(from, to time.Time) time.Duration {
	return overlap(iv.Start, iv.End, from, to, from)
}
