package keeper

import (
	"context"
	"sort"
	"strconv"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// Flow gaps. For each kind of resource (or, rolled up, each classification) and each bucket
// of the period (month, quarter or year): demand is the open needs and the inputs open plans
// will consume, due in the bucket; supply the open offers and the output open plans will
// make; stock what is on hand at the bucket's start: the region's stock now for the first
// bucket (plans' inputs taken from it are in demand), then what the previous bucket left; gap = demand - supply - stock. A positive
// gap is an unmet need (an import, or a co-op to found); a negative one a surplus (to
// export, or to put to other use). produced and consumed are what processes recorded. The
// report reads the daily flow index for the period and the stock of each kind: never the
// events themselves.

type gapKey struct {
	bucket string
	group  string
}

// FlowGaps computes the flow-gap report.
func (k Keeper) FlowGaps(ctx context.Context, req *types.QueryFlowGapsRequest) ([]types.FlowGap, error) {
	from, to, err := types.ParsePeriod(req.Period)
	if err != nil {
		return nil, err
	}
	if to.Sub(from) > types.MaxPlanHorizon {
		return nil, errorsmod.Wrap(types.ErrInvalidPeriod, "at most ten years")
	}
	byClass := false
	switch req.Rollup {
	case "", "spec":
	case "classification":
		byClass = true
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidQuery, "rollup %q: spec or classification", req.Rollup)
	}
	if _, err := types.Bucket(from, req.Bucket); err != nil {
		return nil, err
	}
	specs := map[uint64]types.ResourceSpecification{}
	spec := func(id uint64) (types.ResourceSpecification, error) {
		s, ok := specs[id]
		if !ok {
			var err error
			if s, err = k.Spec(ctx, id); err != nil {
				return s, err
			}
			specs[id] = s
		}
		return s, nil
	}
	rows := map[gapKey]*types.FlowGap{}
	groups := map[string]*types.FlowGap{} // each group's template: its stock now
	group := func(id uint64) (string, *types.FlowGap, error) {
		s, err := spec(id)
		if err != nil {
			return "", nil, err
		}
		name := strconv.FormatUint(id, 10)
		if byClass {
			name = s.Classification
		}
		g, ok := groups[name]
		if !ok {
			z := math.LegacyZeroDec()
			g = &types.FlowGap{Unit: s.Unit, Classification: s.Classification, Stock: z}
			if !byClass {
				g.SpecId = id
			}
			groups[name] = g
		} else if g.Unit != s.Unit {
			g.Unit = "mixed"
		}
		return name, g, nil
	}
	row := func(bucket, name string, g *types.FlowGap) *types.FlowGap {
		r, ok := rows[gapKey{bucket, name}]
		if !ok {
			z := math.LegacyZeroDec()
			r = &types.FlowGap{Bucket: bucket, SpecId: g.SpecId, Classification: g.Classification,
				Demand: z, Supply: z, Stock: z, Gap: z, Produced: z, Consumed: z}
			rows[gapKey{bucket, name}] = r
		}
		return r
	}
	err = k.Stock.Walk(ctx, nil, func(id uint64, q math.LegacyDec) (bool, error) {
		_, g, err := group(id)
		if err == nil {
			g.Stock = g.Stock.Add(q)
		}
		return err != nil, err
	})
	if err != nil {
		return nil, err
	}
	first, last := types.Day(from), types.Day(to.Add(-time.Nanosecond))
	for _, kind := range []uint8{types.FlowDemand, types.FlowSupply, types.FlowProduced, types.FlowConsumed} {
		rng := new(collections.Range[flowKey]).
			StartInclusive(collections.Join3(uint64(kind), first, uint64(0))).
			EndExclusive(collections.Join3(uint64(kind), last+1, uint64(0)))
		err := k.Flows.Walk(ctx, rng, func(key flowKey, q math.LegacyDec) (bool, error) {
			name, g, err := group(key.K3())
			if err != nil {
				return true, err
			}
			bucket, _ := types.Bucket(time.Unix(key.K2()*86400, 0), req.Bucket)
			r := row(bucket, name, g)
			switch kind {
			case types.FlowDemand:
				r.Demand = r.Demand.Add(q)
			case types.FlowSupply:
				r.Supply = r.Supply.Add(q)
			case types.FlowProduced:
				r.Produced = r.Produced.Add(q)
			default:
				r.Consumed = r.Consumed.Add(q)
			}
			return false, nil
		})
		if err != nil {
			return nil, err
		}
	}
	firstBucket, _ := types.Bucket(from, req.Bucket)
	for name, g := range groups {
		if g.Stock.IsPositive() {
			row(firstBucket, name, g)
		}
	}
	keys := make([]gapKey, 0, len(rows))
	for key := range rows {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].group < keys[j].group || keys[i].group == keys[j].group && keys[i].bucket < keys[j].bucket
	})
	out := make([]types.FlowGap, 0, len(keys))
	var stock math.LegacyDec
	for i, key := range keys {
		g := groups[key.group]
		if i == 0 || keys[i-1].group != key.group {
			stock = g.Stock
		}
		r := rows[key]
		r.Unit, r.Stock = g.Unit, stock
		r.Gap = r.Demand.Sub(r.Supply).Sub(stock)
		stock = math.LegacyMaxDec(r.Gap.Neg(), math.LegacyZeroDec())
		out = append(out, *r)
	}
	return out, nil
}
