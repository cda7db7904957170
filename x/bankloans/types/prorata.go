package types

import (
	"sort"

	"cosmossdk.io/math"
)

// ProRata shares funds among debts in proportion to them. With enough for all, each debt is
// paid in full (the rest is not theirs). Otherwise each is paid floor(funds x debt / total),
// and the ursc the floors leave (fewer than the debts) go one each to the debts with the
// largest remainders (the earlier debt first on a tie): the creditors are paid every ursc
// of the funds, and none more than its debt.
func ProRata(funds math.Int, debts []math.Int) []math.Int {
	total := math.ZeroInt()
	for _, d := range debts {
		total = total.Add(d)
	}
	amounts := make([]math.Int, len(debts))
	if funds.GTE(total) {
		copy(amounts, debts)
		return amounts
	}
	if !funds.IsPositive() {
		for i := range amounts {
			amounts[i] = math.ZeroInt()
		}
		return amounts
	}
	left := funds
	remainders := make([]math.Int, len(debts))
	for i, d := range debts {
		share := funds.Mul(d)
		amounts[i], remainders[i] = share.Quo(total), share.Mod(total)
		left = left.Sub(amounts[i])
	}
	order := make([]int, len(debts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return remainders[order[a]].GT(remainders[order[b]]) })
	for _, i := range order {
		if !left.IsPositive() {
			break
		}
		if amounts[i].LT(debts[i]) {
			amounts[i], left = amounts[i].AddRaw(1), left.SubRaw(1)
		}
	}
	return amounts
}
