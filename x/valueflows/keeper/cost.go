package keeper

import (
	"context"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// Costing. A process costs its labour (the work events attached to it, at the wages paid,
// by occupation), its inputs (what the resources it consumed cost, at their weighted average
// cost when consumed) and the facilities it used (the rent events attached to it). When it
// finishes, its cost per unit of output is total / output quantity, and each resource it
// produced into gains its quantity x that; the last gains what rounding left, so the
// process's cost lands exactly. A resource's unit cost is its value / accounting quantity.

// costLines gathers a cost's lines: labour by occupation, inputs by kind and action.
type costLines struct {
	labour map[uint64]*types.LabourCost
	inputs map[[2]uint64]*types.InputCost
}

func newCostLines() costLines {
	return costLines{labour: map[uint64]*types.LabourCost{}, inputs: map[[2]uint64]*types.InputCost{}}
}

func (c costLines) addLabour(occupation uint64, hours, value math.LegacyDec) {
	l, ok := c.labour[occupation]
	if !ok {
		l = &types.LabourCost{OccupationId: occupation, Hours: math.LegacyZeroDec(), Value: math.LegacyZeroDec()}
		c.labour[occupation] = l
	}
	l.Hours, l.Value = l.Hours.Add(hours), l.Value.Add(value)
}

func (c costLines) addInput(spec uint64, action types.Action, unit string, q, value math.LegacyDec) {
	key := [2]uint64{spec, uint64(action)}
	in, ok := c.inputs[key]
	if !ok {
		in = &types.InputCost{SpecId: spec, Action: action, Unit: unit, Quantity: math.LegacyZeroDec(), Value: math.LegacyZeroDec()}
		c.inputs[key] = in
	}
	in.Quantity, in.Value = in.Quantity.Add(q), in.Value.Add(value)
}

// lists returns the lines in id order, each scaled by num/den.
func (c costLines) lists(num, den math.LegacyDec) ([]types.LabourCost, []types.InputCost, math.LegacyDec) {
	f := func(d math.LegacyDec) math.LegacyDec { return d.Mul(num).Quo(den) }
	total := math.LegacyZeroDec()
	labour := make([]types.LabourCost, 0, len(c.labour))
	for _, l := range c.labour {
		labour = append(labour, types.LabourCost{OccupationId: l.OccupationId, Hours: f(l.Hours), Value: f(l.Value)})
		total = total.Add(l.Value)
	}
	sort.Slice(labour, func(i, j int) bool { return labour[i].OccupationId < labour[j].OccupationId })
	inputs := make([]types.InputCost, 0, len(c.inputs))
	for _, in := range c.inputs {
		inputs = append(inputs, types.InputCost{SpecId: in.SpecId, Action: in.Action, Unit: in.Unit, Quantity: f(in.Quantity), Value: f(in.Value)})
		total = total.Add(in.Value)
	}
	sort.Slice(inputs, func(i, j int) bool {
		return inputs[i].SpecId < inputs[j].SpecId || inputs[i].SpecId == inputs[j].SpecId && inputs[i].Action < inputs[j].Action
	})
	return labour, inputs, f(total)
}

// processCost adds up a process's cost; it returns its produce events too.
func (k Keeper) processCost(ctx context.Context, process uint64) (types.ProcessCost, []types.EconomicEvent, error) {
	lines := newCostLines()
	var outputs []types.EconomicEvent
	output := math.LegacyZeroDec()
	events, err := k.indexed(ctx, k.EventsByProcess, process)
	if err != nil {
		return types.ProcessCost{}, nil, err
	}
	for _, e := range events {
		switch {
		case e.OutputOf == process && e.Action == types.ACTION_PRODUCE:
			outputs = append(outputs, e)
			output = output.Add(e.Quantity)
		case e.InputOf == process:
			lines.addInput(e.SpecId, e.Action, e.Unit, e.Quantity, e.Value)
		}
	}
	err = k.Attachments.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](process), func(_ idID, a types.Attachment) (bool, error) {
		e, err := k.Events.Get(ctx, a.EventId)
		if err != nil {
			return true, err
		}
		if e.Action == types.ACTION_WORK {
			lines.addLabour(e.OccupationId, a.Quantity, a.Value)
		} else {
			lines.addInput(e.SpecId, e.Action, e.Unit, a.Quantity, a.Value)
		}
		return false, nil
	})
	if err != nil {
		return types.ProcessCost{}, nil, err
	}
	if !output.IsPositive() {
		return types.ProcessCost{}, nil, types.ErrNoOutput.Wrapf("process %d: record what it produced before finishing it", process)
	}
	one := math.LegacyOneDec()
	labour, inputs, total := lines.lists(one, one)
	return types.ProcessCost{Labour: labour, Inputs: inputs, Total: total, OutputQuantity: output, UnitCost: total.Quo(output)}, outputs, nil
}

// assignCost adds the process's cost to the resources it produced into, in proportion to
// the quantity each received; the last takes the remainder.
func (k Keeper) assignCost(ctx context.Context, cost types.ProcessCost, outputs []types.EconomicEvent) error {
	left := cost.Total
	for i, e := range outputs {
		share := e.Quantity.Mul(cost.Total).Quo(cost.OutputQuantity)
		if i == len(outputs)-1 {
			share = left
		}
		left = left.Sub(share)
		r, err := k.Resource(ctx, e.ResourceId)
		if err != nil {
			return err
		}
		old := r
		r.Value = r.Value.Add(share)
		if err := k.setResource(ctx, &old, r); err != nil {
			return err
		}
	}
	return nil
}

// Cost breaks down a resource's cost per unit over what came into it: the finished
// processes that produced it (labour by occupation, inputs by kind), and what was bought,
// moved in or raised (acquired).
func (k Keeper) Cost(ctx context.Context, id uint64) (*types.QueryCostResponse, error) {
	r, err := k.Resource(ctx, id)
	if err != nil {
		return nil, err
	}
	res := &types.QueryCostResponse{Resource: r, UnitCost: r.UnitCost(), Acquired: math.LegacyZeroDec()}
	lines := newCostLines()
	in := math.LegacyZeroDec()
	events, err := k.indexed(ctx, k.EventsByResource, id)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		switch {
		case e.Action == types.ACTION_PRODUCE && e.ResourceId == id:
			p, err := k.Process(ctx, e.OutputOf)
			if err != nil {
				return nil, err
			}
			if p.Cost == nil {
				continue // an unfinished process has no cost yet
			}
			f := func(d math.LegacyDec) math.LegacyDec { return d.Mul(e.Quantity).Quo(p.Cost.OutputQuantity) }
			for _, l := range p.Cost.Labour {
				lines.addLabour(l.OccupationId, f(l.Hours), f(l.Value))
			}
			for _, i := range p.Cost.Inputs {
				lines.addInput(i.SpecId, i.Action, i.Unit, f(i.Quantity), f(i.Value))
			}
			res.ProcessIds = append(res.ProcessIds, p.Id)
		case e.Action == types.ACTION_RAISE && e.ResourceId == id,
			e.ToResourceId == id && (e.Action == types.ACTION_TRANSFER || e.Action == types.ACTION_MOVE || e.Action == types.ACTION_TRANSFER_ALL_RIGHTS):
			res.Acquired = res.Acquired.Add(e.Value)
		default:
			continue
		}
		in = in.Add(e.Quantity)
	}
	if !in.IsPositive() {
		return res, nil
	}
	res.Labour, res.Inputs, _ = lines.lists(math.LegacyOneDec(), in)
	res.Acquired = res.Acquired.Quo(in)
	return res, nil
}
