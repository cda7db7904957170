package keeper

import (
	"context"
	"fmt"

	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// maxTraceSteps bounds a trace.
const maxTraceSteps = 500

// tracer walks the graph of resources, events and processes depth first.
type tracer struct {
	k       Keeper
	ctx     context.Context
	forward bool
	steps   []types.TraceStep
	seen    map[string]bool
}

func (t *tracer) add(kind string, id uint64, depth uint32, label string) bool {
	key := fmt.Sprintf("%s/%d", kind, id)
	if t.seen[key] || len(t.steps) >= maxTraceSteps {
		return false
	}
	t.seen[key] = true
	t.steps = append(t.steps, types.TraceStep{Kind: kind, Id: id, Depth: depth, Label: label})
	return true
}

// resource visits a resource and the events that made it (back) or took from it (forward).
func (t *tracer) resource(id uint64, depth uint32) error {
	r, err := t.k.Resource(t.ctx, id)
	if err != nil || !t.add("resource", id, depth, fmt.Sprintf("%s %s %s of %s", r.AccountingQuantity, r.Unit, r.Name, r.Owner)) {
		return err
	}
	evs, err := t.k.indexed(t.ctx, t.k.EventsByResource, id)
	if err != nil {
		return err
	}
	for _, e := range evs {
		into := e.ToResourceId == id || e.ResourceId == id && (e.Action == types.ACTION_PRODUCE || e.Action == types.ACTION_RAISE)
		if into == t.forward || !t.add("event", e.Id, depth+1, fmt.Sprintf("%s %s %s", e.Action.Label(), e.Quantity, e.Unit)) {
			continue
		}
		next := []uint64{}
		switch {
		case !t.forward && e.OutputOf != 0:
			if err := t.process(e.OutputOf, depth+2); err != nil {
				return err
			}
		case !t.forward && e.ToResourceId == id:
			next = append(next, e.ResourceId)
		case t.forward && e.InputOf != 0:
			if err := t.process(e.InputOf, depth+2); err != nil {
				return err
			}
		case t.forward && e.ToResourceId != 0:
			next = append(next, e.ToResourceId)
		}
		for _, r := range next {
			if err := t.resource(r, depth+2); err != nil {
				return err
			}
		}
	}
	return nil
}

// process visits a process and its inputs (back) or outputs (forward).
func (t *tracer) process(id uint64, depth uint32) error {
	p, err := t.k.Process(t.ctx, id)
	if err != nil || !t.add("process", id, depth, p.Name+" by "+p.Owner) {
		return err
	}
	evs, err := t.k.indexed(t.ctx, t.k.EventsByProcess, id)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if (e.OutputOf == id) != t.forward || !t.add("event", e.Id, depth+1, fmt.Sprintf("%s %s %s", e.Action.Label(), e.Quantity, e.Unit)) {
			continue
		}
		if e.ResourceId != 0 {
			if err := t.resource(e.ResourceId, depth+2); err != nil {
				return err
			}
		}
	}
	return nil
}

// Trace walks back from a resource through the events and processes that made it, or
// forward to where it went, up to maxTraceSteps steps.
func (k Keeper) Trace(ctx context.Context, id uint64, forward bool) (*types.QueryTraceResponse, error) {
	if _, err := k.Resource(ctx, id); err != nil {
		return nil, err
	}
	t := &tracer{k: k, ctx: ctx, forward: forward, seen: map[string]bool{}}
	err := t.resource(id, 0)
	return &types.QueryTraceResponse{Steps: t.steps, Truncated: len(t.steps) >= maxTraceSteps}, err
}
