package types_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/payroll/types"
)

// TestClaimParts: a claim paid in parts, however split, pays exactly its gross, tax and net;
// each part's tax is the claim's tax in proportion to what has been paid, rounded down.
func TestClaimParts(t *testing.T) {
	i := math.NewInt
	for _, tc := range []struct {
		name            string
		gross, tax      int64
		parts           []int64 // what the company has at each payment
		gross1, tax1    int64   // the first part
		payments        uint32
		owedAfterOneOff int64
	}{
		{"whole", 100_000_000, 20_000_000, []int64{500_000_000}, 100_000_000, 20_000_000, 1, 0},
		{"three parts", 100_000_000, 20_000_000, []int64{25_980_000, 12_640_000, 90_000_000}, 25_980_000, 5_196_000, 3, 74_020_000},
		{"odd tax, rounded down in each part", 1001, 200, []int64{333, 333, 335}, 333, 66, 3, 668},
		{"one ursc at a time", 7, 1, []int64{1, 1, 1, 1, 1, 1, 1}, 1, 0, 7, 6},
		{"nothing available pays nothing", 50, 10, []int64{0, 50}, 0, 0, 2, 50},
		{"zero tax", 90, 0, []int64{45, 45}, 45, 0, 2, 45},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := types.NewClaim(types.Payslip{Id: 1, Gross: i(tc.gross), Tax: i(tc.tax), Net: i(tc.gross - tc.tax)})
			sumG, sumT, sumN := math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
			for n, avail := range tc.parts {
				g, tax, net := c.Part(i(avail))
				if n == 0 && (!g.Equal(i(tc.gross1)) || !tax.Equal(i(tc.tax1))) {
					t.Fatalf("first part %s (tax %s), want %d (tax %d)", g, tax, tc.gross1, tc.tax1)
				}
				if !g.Sub(tax).Equal(net) || tax.IsNegative() || g.GT(i(avail)) {
					t.Fatalf("part %d: gross %s tax %s net %s from %d", n, g, tax, net, avail)
				}
				c.Pay(g, tax, net)
				if n == 0 && !c.Owed().Equal(i(tc.owedAfterOneOff)) {
					t.Fatalf("owed after the first part %s, want %d", c.Owed(), tc.owedAfterOneOff)
				}
				sumG, sumT, sumN = sumG.Add(g), sumT.Add(tax), sumN.Add(net)
			}
			if !c.Owed().IsZero() || !sumG.Equal(c.Gross) || !sumT.Equal(c.Tax) || !sumN.Equal(c.Net) || c.Payments != tc.payments {
				t.Fatalf("parts sum to %s/%s/%s over %d payments, want %s/%s/%s over %d (owed %s)", sumG, sumT, sumN, c.Payments, c.Gross, c.Tax, c.Net, tc.payments, c.Owed())
			}
			if g, _, _ := c.Part(i(10)); !g.IsZero() {
				t.Fatalf("a paid claim takes %s more", g)
			}
		})
	}
}
