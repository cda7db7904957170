package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// Planning. Demand-driven: a plan takes open needs and, for each, nets what is on hand in
// the region (less what other open plans took) and the spare output other open plans
// already scheduled by the due date; the rest is made by the kind's recipe (the first one
// defined for it), in whole batches, starting the recipe's duration before the due date,
// and each consumed input is needed, recursively, by that start; a kind without a recipe is
// to be acquired: a gap (an import, or a co-op to found). Supply-driven: CanMake says how
// much the region's free stock can make through the recipes.

// maxPlanDepth bounds a plan's explosion (recipes cannot form cycles; this bounds chains).
const maxPlanDepth = 16

func (k Keeper) setRecipe(ctx context.Context, r types.Recipe) error {
	if err := k.Recipes.Set(ctx, r.Id, r); err != nil {
		return err
	}
	return k.RecipesByOutput.Set(ctx, collections.Join(r.OutputSpecId, r.Id))
}

// checkRecipe validates a recipe and refuses one whose inputs are made, through the
// recipes already defined, from its own output (a cycle).
func (k Keeper) checkRecipe(ctx context.Context, r types.Recipe) error {
	if err := types.ValidateName(r.Name); err != nil {
		return err
	}
	if _, err := k.Spec(ctx, r.OutputSpecId); err != nil {
		return err
	}
	if r.OutputQuantity.IsNil() || !r.OutputQuantity.IsPositive() || r.Duration < 0 || len(r.Inputs) == 0 || len(r.Inputs) > 32 {
		return errorsmod.Wrap(types.ErrInvalidRecipe, "a positive output quantity, a duration of zero or more and 1 to 32 inputs")
	}
	for _, in := range r.Inputs {
		if in.Quantity.IsNil() || !in.Quantity.IsPositive() {
			return errorsmod.Wrapf(types.ErrInvalidRecipe, "input %d: a positive quantity", in.SpecId)
		}
		switch in.Action {
		case types.ACTION_WORK:
			if in.OccupationId == 0 {
				return errorsmod.Wrap(types.ErrInvalidRecipe, "work needs an occupation")
			}
			continue
		case types.ACTION_CONSUME, types.ACTION_USE, types.ACTION_CITE:
		default:
			return errorsmod.Wrapf(types.ErrInvalidRecipe, "an input is consumed, used, cited or work, not %s", in.Action.Label())
		}
		if _, err := k.Spec(ctx, in.SpecId); err != nil {
			return err
		}
		if err := k.reaches(ctx, in.SpecId, r.OutputSpecId, map[uint64]bool{}); err != nil {
			return err
		}
	}
	return nil
}

// reaches fails with ErrRecipeCycle if spec is target or is made, through recipes, from it.
func (k Keeper) reaches(ctx context.Context, spec, target uint64, seen map[uint64]bool) error {
	if spec == target {
		return errorsmod.Wrapf(types.ErrRecipeCycle, "kind %d is made from itself", target)
	}
	if seen[spec] {
		return nil
	}
	seen[spec] = true
	return k.RecipesByOutput.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](spec), func(key idID) (bool, error) {
		r, err := k.Recipes.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		for _, in := range r.Inputs {
			if in.Action != types.ACTION_WORK {
				if err := k.reaches(ctx, in.SpecId, target, seen); err != nil {
					return true, err
				}
			}
		}
		return false, nil
	})
}

// recipeFor returns the first recipe that makes spec, if any.
func (k Keeper) recipeFor(ctx context.Context, spec uint64) (types.Recipe, bool, error) {
	it, err := k.RecipesByOutput.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](spec))
	if err != nil {
		return types.Recipe{}, false, err
	}
	defer it.Close()
	if !it.Valid() {
		return types.Recipe{}, false, nil
	}
	key, err := it.Key()
	if err != nil {
		return types.Recipe{}, false, err
	}
	r, err := k.Recipes.Get(ctx, key.K2())
	return r, err == nil, err
}

// setIntent writes an intent and moves its open quantity in the flow index.
func (k Keeper) setIntent(ctx context.Context, old *types.Intent, in types.Intent) error {
	kind := types.FlowDemand
	if in.Kind == types.INTENT_KIND_OFFER {
		kind = types.FlowSupply
	}
	if old != nil && old.Open {
		if err := k.addFlow(ctx, kind, old.Due, old.SpecId, old.Quantity.Neg()); err != nil {
			return err
		}
	}
	if in.Open {
		if err := k.addFlow(ctx, kind, in.Due, in.SpecId, in.Quantity); err != nil {
			return err
		}
	}
	return k.Intents.Set(ctx, in.Id, in)
}

// planner explodes needs into a plan.
type planner struct {
	k     Keeper
	ctx   context.Context
	plan  *types.Plan
	taken map[uint64]math.LegacyDec // stock taken by this plan, by kind
	// others are the open plans whose spare output this plan took from, to be written back.
	others map[uint64]*types.Plan
}

// free returns the region's stock of spec not taken by open plans, this one included.
func (p *planner) free(spec uint64) (math.LegacyDec, error) {
	stock, err := getDec(p.ctx, p.k.Stock, spec)
	if err != nil {
		return stock, err
	}
	allocated, err := getDec(p.ctx, p.k.Allocated, spec)
	if err != nil {
		return stock, err
	}
	taken, ok := p.taken[spec]
	if !ok {
		taken = math.LegacyZeroDec()
	}
	return math.LegacyMaxDec(stock.Sub(allocated).Sub(taken), math.LegacyZeroDec()), nil
}

// fromScheduled takes up to q of spec due by due from spare planned output: this plan's, then
// other open plans'.
func (p *planner) fromScheduled(spec uint64, due time.Time, q math.LegacyDec) (math.LegacyDec, error) {
	took := math.LegacyZeroDec()
	take := func(pp *types.PlannedProcess) {
		if pp.SpecId != spec || pp.Due.After(due) || !pp.Surplus.IsPositive() || !took.LT(q) {
			return
		}
		t := math.LegacyMinDec(pp.Surplus, q.Sub(took))
		pp.Surplus, took = pp.Surplus.Sub(t), took.Add(t)
	}
	for i := range p.plan.Processes {
		take(&p.plan.Processes[i])
	}
	err := p.k.Scheduled.Walk(p.ctx, collections.NewPrefixedTripleRange[uint64, uint64, uint64](spec), func(key planKey) (bool, error) {
		other, ok := p.others[key.K2()]
		if !ok {
			o, err := p.k.Plans.Get(p.ctx, key.K2())
			if err != nil {
				return true, err
			}
			other, p.others[key.K2()] = &o, &o
		}
		take(&other.Processes[key.K3()])
		return !took.LT(q), nil
	})
	return took, err
}

// need plans q of spec by due.
func (p *planner) need(spec uint64, q math.LegacyDec, due time.Time, depth int) error {
	if depth > maxPlanDepth {
		return errorsmod.Wrapf(types.ErrInvalidPlan, "recipes nest deeper than %d", maxPlanDepth)
	}
	z := math.LegacyZeroDec()
	line := types.PlanLine{SpecId: spec, Due: due, Need: q, FromStock: z, FromScheduled: z, ToMake: z, ToAcquire: z}
	free, err := p.free(spec)
	if err != nil {
		return err
	}
	line.FromStock = math.LegacyMinDec(free, q)
	if line.FromStock.IsPositive() {
		taken, ok := p.taken[spec]
		if !ok {
			taken = z
		}
		p.taken[spec] = taken.Add(line.FromStock)
	}
	q = q.Sub(line.FromStock)
	if q.IsPositive() {
		if line.FromScheduled, err = p.fromScheduled(spec, due, q); err != nil {
			return err
		}
		q = q.Sub(line.FromScheduled)
	}
	if q.IsPositive() {
		r, ok, err := p.k.recipeFor(p.ctx, spec)
		if err != nil {
			return err
		}
		if !ok {
			line.ToAcquire = q
		} else {
			line.ToMake = q
			batches := q.Quo(r.OutputQuantity).Ceil().TruncateInt()
			made := r.OutputQuantity.MulInt(batches)
			start := due.Add(-r.Duration)
			p.plan.Processes = append(p.plan.Processes, types.PlannedProcess{
				RecipeId: r.Id, SpecId: spec, Batches: batches.Uint64(), Quantity: made, Start: start, Due: due, Surplus: made.Sub(q),
			})
			for _, in := range r.Inputs {
				if in.Action == types.ACTION_CONSUME {
					if err := p.need(in.SpecId, in.Quantity.MulInt(batches), start, depth+1); err != nil {
						return err
					}
				}
			}
		}
	}
	p.plan.Lines = append(p.plan.Lines, line)
	return nil
}

// plan creates a plan for the open needs ids.
func (k Keeper) plan(ctx context.Context, plannerAddr, name string, ids []uint64) (types.Plan, error) {
	if len(ids) == 0 || len(ids) > 100 {
		return types.Plan{}, errorsmod.Wrap(types.ErrInvalidPlan, "1 to 100 needs")
	}
	id, err := modulekit.NextID(ctx, k.PlanSeq)
	if err != nil {
		return types.Plan{}, err
	}
	plan := types.Plan{Id: id, Planner: plannerAddr, Name: name, IntentIds: ids, Open: true, Created: sdk.UnwrapSDKContext(ctx).BlockTime()}
	p := &planner{k: k, ctx: ctx, plan: &plan, taken: map[uint64]math.LegacyDec{}, others: map[uint64]*types.Plan{}}
	for _, iid := range ids {
		in, err := modulekit.Get(ctx, k.Intents, iid, types.ErrUnknownIntent)
		if err != nil {
			return plan, err
		}
		if !in.Open || in.Kind != types.INTENT_KIND_DEMAND || in.PlanId != 0 {
			return plan, errorsmod.Wrapf(types.ErrInvalidPlan, "intent %d is not an open need outside a plan", iid)
		}
		if err := p.need(in.SpecId, in.Quantity, in.Due, 0); err != nil {
			return plan, err
		}
		in.PlanId = id
		if err := k.Intents.Set(ctx, in.Id, in); err != nil {
			return plan, err
		}
	}
	for _, other := range p.others {
		if err := k.Plans.Set(ctx, other.Id, *other); err != nil {
			return plan, err
		}
		if err := k.indexPlan(ctx, *other, false); err != nil {
			return plan, err
		}
	}
	return plan, k.indexPlan(ctx, plan, true)
}

// indexPlan writes an open plan's place in the indexes: spare output in Scheduled (and, if
// flows, its stock taken in Allocated and its planned inputs and outputs in the flow index).
func (k Keeper) indexPlan(ctx context.Context, plan types.Plan, flows bool) error {
	for i, pp := range plan.Processes {
		key := collections.Join3(pp.SpecId, plan.Id, uint64(i))
		var err error
		if pp.Surplus.IsPositive() {
			err = k.Scheduled.Set(ctx, key)
		} else {
			err = k.Scheduled.Remove(ctx, key)
		}
		if err != nil {
			return err
		}
	}
	if !flows {
		return nil
	}
	if err := k.Plans.Set(ctx, plan.Id, plan); err != nil {
		return err
	}
	return k.planFlows(ctx, plan, math.LegacyOneDec())
}

// planFlows adds (sign 1) or removes (sign -1) what a plan takes from stock, and its planned
// outputs and consumed inputs, from the indexes.
func (k Keeper) planFlows(ctx context.Context, plan types.Plan, sign math.LegacyDec) error {
	for _, l := range plan.Lines {
		if l.FromStock.IsPositive() {
			if err := addDec(ctx, k.Allocated, l.SpecId, l.FromStock.Mul(sign)); err != nil {
				return err
			}
		}
	}
	for _, pp := range plan.Processes {
		if err := k.addFlow(ctx, types.FlowSupply, pp.Due, pp.SpecId, pp.Quantity.Mul(sign)); err != nil {
			return err
		}
		r, err := modulekit.Get(ctx, k.Recipes, pp.RecipeId, types.ErrUnknownRecipe)
		if err != nil {
			return err
		}
		for _, in := range r.Inputs {
			if in.Action == types.ACTION_CONSUME {
				if err := k.addFlow(ctx, types.FlowDemand, pp.Start, in.SpecId, in.Quantity.MulInt64(int64(pp.Batches)).Mul(sign)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// closePlan closes a plan: its stock and spare output are free again, its flows leave the
// index, and its needs may be planned again.
func (k Keeper) closePlan(ctx context.Context, plan types.Plan) error {
	if err := k.planFlows(ctx, plan, math.LegacyOneDec().Neg()); err != nil {
		return err
	}
	for i, pp := range plan.Processes {
		if err := k.Scheduled.Remove(ctx, collections.Join3(pp.SpecId, plan.Id, uint64(i))); err != nil {
			return err
		}
	}
	for _, iid := range plan.IntentIds {
		in, err := k.Intents.Get(ctx, iid)
		if err != nil {
			return err
		}
		in.PlanId = 0
		if err := k.Intents.Set(ctx, iid, in); err != nil {
			return err
		}
	}
	plan.Open = false
	return k.Plans.Set(ctx, plan.Id, plan)
}

// CanMake is how much of spec the region's free stock can make through the recipes (each
// kind's first), recursively, and the input that runs out first. Inputs shared by several
// branches are counted for each: an upper bound.
func (k Keeper) CanMake(ctx context.Context, spec uint64) (*types.QueryCanMakeResponse, error) {
	if _, err := k.Spec(ctx, spec); err != nil {
		return nil, err
	}
	p := &planner{k: k, ctx: ctx, taken: map[uint64]math.LegacyDec{}}
	q, recipe, limit, err := p.canMake(spec, 0)
	return &types.QueryCanMakeResponse{Quantity: q, RecipeId: recipe, LimitedBy: limit}, err
}

func (p *planner) canMake(spec uint64, depth int) (math.LegacyDec, uint64, uint64, error) {
	z := math.LegacyZeroDec()
	r, ok, err := p.k.recipeFor(p.ctx, spec)
	if err != nil || !ok || depth > maxPlanDepth {
		return z, 0, 0, err
	}
	var batches math.LegacyDec
	var limit uint64
	for _, in := range r.Inputs {
		if in.Action != types.ACTION_CONSUME {
			continue
		}
		free, err := p.free(in.SpecId)
		if err != nil {
			return z, 0, 0, err
		}
		made, _, _, err := p.canMake(in.SpecId, depth+1)
		if err != nil {
			return z, 0, 0, err
		}
		b := free.Add(made).Quo(in.Quantity).TruncateDec()
		if limit == 0 || b.LT(batches) {
			batches, limit = b, in.SpecId
		}
	}
	if limit == 0 {
		return z, r.Id, 0, nil // nothing consumed: bounded by labour and time, not stock
	}
	return batches.Mul(r.OutputQuantity), r.Id, limit, nil
}
