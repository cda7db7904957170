package types

import "cosmossdk.io/math"

// Add folds o into the statement: into the line of its denom, tax rate and kind of buyer,
// exactly.
func (s *Statement) Add(o Order) {
	i := 0
	for ; i < len(s.Lines); i++ {
		l := s.Lines[i]
		if l.Denom == o.Denom && l.TaxRate.Equal(o.TaxRate) && l.External == o.External {
			break
		}
	}
	if i == len(s.Lines) {
		s.Lines = append(s.Lines, StatementLine{Denom: o.Denom, TaxRate: o.TaxRate, External: o.External, Amount: math.ZeroInt(), Tax: math.ZeroInt()})
	}
	l := &s.Lines[i]
	l.Orders++
	l.Units += o.Quantity
	l.Amount = l.Amount.Add(o.Amount)
	l.Tax = l.Tax.Add(o.Tax)
}
