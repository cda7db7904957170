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

// Needed tells whether a process or a resource needs e for good (an input or output of a
// process, an event on a resource): such an event is never folded, nor is one attached to a
// process.
func (e EconomicEvent) Needed() bool {
	return e.InputOf != 0 || e.OutputOf != 0 || e.ResourceId != 0 || e.ToResourceId != 0
}
