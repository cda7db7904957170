package types

import "cosmossdk.io/math"

// Outcome applies the rule: a proposal passes when turnout, the members counted over the
// members eligible when voting opened, reaches quorum (counted ≥ quorum × eligible), and yes
// is more than threshold of yes + no (yes > threshold × (yes + no); abstain counts for the
// quorum only). Exact in decimals: no rounding decides a vote.
func Outcome(t Tally, eligible uint64, quorum, threshold math.LegacyDec) (turnout, yesShare math.LegacyDec, passes bool) {
	turnout, yesShare = math.LegacyZeroDec(), math.LegacyZeroDec()
	if eligible > 0 {
		turnout = math.LegacyNewDecFromInt(math.NewIntFromUint64(t.Counted())).QuoInt(math.NewIntFromUint64(eligible))
	}
	cast := math.NewIntFromUint64(t.Yes).Add(math.NewIntFromUint64(t.No))
	if cast.IsPositive() {
		yesShare = math.LegacyNewDecFromInt(math.NewIntFromUint64(t.Yes)).QuoInt(cast)
	}
	quorate := math.LegacyNewDecFromInt(math.NewIntFromUint64(t.Counted())).GTE(quorum.MulInt(math.NewIntFromUint64(eligible)))
	majority := cast.IsPositive() && math.LegacyNewDecFromInt(math.NewIntFromUint64(t.Yes)).GT(threshold.MulInt(cast))
	return turnout, yesShare, eligible > 0 && quorate && majority
}
