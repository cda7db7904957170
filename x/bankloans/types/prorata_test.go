package types_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/bankloans/types"
)

// TestProRata: the creditors share every ursc of the funds, in proportion to their debts,
// the floors' remainders to the largest fractions first, never more than a debt.
func TestProRata(t *testing.T) {
	for _, tc := range []struct {
		name  string
		funds int64
		debts []int64
		want  []int64
	}{
		{"enough for all", 500, []int64{100, 200}, []int64{100, 200}},
		{"exactly enough", 300, []int64{100, 200}, []int64{100, 200}},
		{"nothing", 0, []int64{100, 200}, []int64{0, 0}},
		{"one ursc left by the floors, to the larger fraction", 1_000_001, []int64{1_000_000, 2_000_000}, []int64{333_334, 666_667}},
		{"two left, largest fractions first", 5, []int64{3, 3, 3}, []int64{2, 2, 1}},
		{"a tie goes to the earlier debt", 1, []int64{5, 5}, []int64{1, 0}},
		{"a zero debt takes nothing", 7, []int64{0, 10, 10}, []int64{0, 4, 3}},
		{"one creditor takes all", 400_000, []int64{1_000_000}, []int64{400_000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debts := make([]math.Int, len(tc.debts))
			for i, d := range tc.debts {
				debts[i] = math.NewInt(d)
			}
			got := types.ProRata(math.NewInt(tc.funds), debts)
			sum := math.ZeroInt()
			for i := range got {
				if got[i].Int64() != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
				sum = sum.Add(got[i])
			}
			if total := sumOf(debts); sum.GT(math.NewInt(tc.funds)) || (total.GT(math.NewInt(tc.funds)) && !sum.Equal(math.NewInt(tc.funds))) {
				t.Fatalf("paid %s of %d", sum, tc.funds)
			}
		})
	}
}

func sumOf(xs []math.Int) math.Int {
	s := math.ZeroInt()
	for _, x := range xs {
		s = s.Add(x)
	}
	return s
}
