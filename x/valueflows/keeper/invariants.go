package keeper

import (
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// RegisterInvariants registers the valueflows invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "resources", ResourcesInvariant(k))
	ir.RegisterRoute(types.ModuleName, "process-costs", ProcessCostsInvariant(k))
	ir.RegisterRoute(types.ModuleName, "events-folded", EventsFoldedInvariant(k))
}

// EventsFoldedInvariant: folding loses no event and counts none twice. Every event id ever
// given is either in state or counted as folded; the events behind the fold cursor still in
// state are the ones a process or resource needs; every agent index key points to an event
// of that agent; and the statements' lines count no more than the folded events' two sides.
func EventsFoldedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "events-folded", s) }
		last, err := k.EventSeq.Peek(ctx)
		if err != nil {
			return "", false // before genesis
		}
		cursor, _ := k.FoldCursor.Get(ctx)
		folded, _ := k.Folded.Get(ctx)
		present, broken := uint64(0), ""
		err = k.Events.Walk(ctx, nil, func(id uint64, e types.EconomicEvent) (bool, error) {
			present++
			if id >= cursor {
				return false, nil
			}
			needed, err := k.needed(ctx, e)
			if err == nil && !needed {
				broken = fmt.Sprintf("event %d is behind the fold cursor %d and not folded", id, cursor)
			}
			return broken != "", err
		})
		if err == nil && broken == "" {
			err = k.EventsByAgent.Walk(ctx, nil, func(key strID) (bool, error) {
				e, err := k.Events.Get(ctx, key.K2())
				if err != nil || (e.Provider != key.K1() && e.Receiver != key.K1()) {
					broken = fmt.Sprintf("the agent index of %s points to event %d, not theirs or gone", key.K1(), key.K2())
				}
				return broken != "", nil
			})
		}
		sides := uint64(0)
		if err == nil && broken == "" {
			err = k.Statements.Walk(ctx, nil, func(_ statementKey, s types.Statement) (bool, error) {
				for _, l := range s.Lines {
					sides += uint64(l.Events)
				}
				return false, nil
			})
		}
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		case present+folded != last:
			return msg(fmt.Sprintf("%d events in state and %d folded, %d recorded", present, folded, last)), true
		case sides > 2*folded:
			return msg(fmt.Sprintf("the statements count %d sides of %d folded events", sides, folded)), true
		}
		return msg("ok"), false
	}
}

// ResourcesInvariant: no resource holds a negative quantity or value, and the region's
// stock of each kind is the sum of its resources' on-hand quantities.
func ResourcesInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		sums := map[uint64]math.LegacyDec{}
		var broken []string
		err := k.Resources.Walk(ctx, nil, func(id uint64, r types.EconomicResource) (bool, error) {
			if r.AccountingQuantity.IsNegative() || r.OnhandQuantity.IsNegative() || r.Value.IsNegative() {
				broken = append(broken, fmt.Sprintf("resource %d: %s accounted, %s on hand, value %s", id, r.AccountingQuantity, r.OnhandQuantity, r.Value))
			}
			if s, ok := sums[r.SpecId]; ok {
				sums[r.SpecId] = s.Add(r.OnhandQuantity)
			} else {
				sums[r.SpecId] = r.OnhandQuantity
			}
			return false, nil
		})
		if err != nil {
			broken = append(broken, err.Error())
		}
		err = k.Stock.Walk(ctx, nil, func(spec uint64, q math.LegacyDec) (bool, error) {
			if s := sums[spec]; s.IsNil() || !s.Equal(q) {
				broken = append(broken, fmt.Sprintf("kind %d: stock %s, resources hold %v", spec, q, s))
			}
			delete(sums, spec)
			return false, nil
		})
		if err != nil {
			broken = append(broken, err.Error())
		}
		for spec, s := range sums {
			if !s.IsZero() {
				broken = append(broken, fmt.Sprintf("kind %d: no stock, resources hold %s", spec, s))
			}
		}
		return sdk.FormatInvariant(types.ModuleName, "resources", fmt.Sprintf("%d broken\n%v", len(broken), broken)), len(broken) > 0
	}
}

// ProcessCostsInvariant: a finished process's lines add up to its total, and its unit cost
// is the total over its output.
func ProcessCostsInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		var broken []string
		err := k.Processes.Walk(ctx, nil, func(id uint64, p types.Process) (bool, error) {
			if !p.Finished || p.Cost == nil {
				return false, nil
			}
			c := p.Cost
			sum := math.LegacyZeroDec()
			for _, l := range c.Labour {
				sum = sum.Add(l.Value)
			}
			for _, in := range c.Inputs {
				sum = sum.Add(in.Value)
			}
			if !sum.Equal(c.Total) || !c.Total.Quo(c.OutputQuantity).Equal(c.UnitCost) {
				broken = append(broken, fmt.Sprintf("process %d: lines %s, total %s, unit cost %s of %s", id, sum, c.Total, c.UnitCost, c.OutputQuantity))
			}
			return false, nil
		})
		if err != nil {
			broken = append(broken, err.Error())
		}
		return sdk.FormatInvariant(types.ModuleName, "process-costs", fmt.Sprintf("%d broken\n%v", len(broken), broken)), len(broken) > 0
	}
}
