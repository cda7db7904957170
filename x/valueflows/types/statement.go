package types

import "cosmossdk.io/math"

// Add folds e into the statement, on the agent's side (provided: the agent was its
// provider): into the line of its action, kind and unit, exactly.
func (s *Statement) Add(e EconomicEvent, provided bool) {
	i := 0
	for ; i < len(s.Lines); i++ {
		l := s.Lines[i]
		if l.Action == e.Action && l.SpecId == e.SpecId && l.Unit == e.Unit && l.Provided == provided {
			break
		}
	}
	if i == len(s.Lines) {
		s.Lines = append(s.Lines, StatementLine{
			Action: e.Action, SpecId: e.SpecId, Unit: e.Unit, Provided: provided,
			Quantity: math.LegacyZeroDec(), Value: math.LegacyZeroDec(),
		})
	}
	l := &s.Lines[i]
	l.Events++
	if !e.Quantity.IsNil() {
		l.Quantity = l.Quantity.Add(e.Quantity)
	}
	if !e.Value.IsNil() {
		l.Value = l.Value.Add(e.Value)
	}
}
