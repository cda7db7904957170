package types

import "cosmossdk.io/math"

// Arrears is what the tenant owes on the lease: cost part and markup part.
func (l Lease) Arrears() math.Int {
	owed := math.ZeroInt()
	for _, part := range []math.Int{l.ArrearsCost, l.ArrearsMarkup} {
		if !part.IsNil() {
			owed = owed.Add(part)
		}
	}
	return owed
}

// InDebt tells whether the lease is a debt: it has ended and its arrears are still owed.
func (l Lease) InDebt() bool { return !l.Active && l.Arrears().IsPositive() }

// NoticeThreshold is the arrears at which a lease gets notice: months (the region's
// arrears_notice_after) of its monthly rent, cost + markup. Zero months: no notices.
func (l Lease) NoticeThreshold(months uint32) math.Int {
	rent := math.ZeroInt()
	for _, part := range []math.Int{l.Cost, l.Markup} {
		if !part.IsNil() {
			rent = rent.Add(part)
		}
	}
	return rent.MulRaw(int64(months))
}
