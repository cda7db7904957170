package keeper

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// VocabVF is the ValueFlows vocabulary every exported term is in.
const VocabVF = "https://w3id.org/valueflows/ont/vf#"

// jsonldContext maps the export's terms: VF by default; actions and units are IRIs of
// their vocabularies; times are xsd:dateTime.
var jsonldContext = map[string]any{
	"@vocab":         VocabVF,
	"vf":             VocabVF,
	"om2":            "http://www.ontology-of-units-of-measure.org/resource/om-2/",
	"xsd":            "http://www.w3.org/2001/XMLSchema#",
	"action":         map[string]any{"@type": "@vocab"},
	"hasUnit":        map[string]any{"@type": "@id"},
	"dateTime":       map[string]any{"@id": "xsd:dateTime"},
	"numerical":      map[string]any{"@id": "om2:hasNumericalValue", "@type": "xsd:decimal"},
	"hasPointInTime": map[string]any{"@type": "xsd:dateTime"},
	"hasBeginning":   map[string]any{"@type": "xsd:dateTime"},
	"hasEnd":         map[string]any{"@type": "xsd:dateTime"},
	"due":            map[string]any{"@type": "xsd:dateTime"},
	"created":        map[string]any{"@type": "xsd:dateTime"},
}

// exporter builds a JSON-LD graph; nodes are named by IRIs under the chain's own namespace.
type exporter struct {
	k     Keeper
	ctx   context.Context
	base  string
	graph []map[string]any
	seen  map[string]bool
}

func newExporter(ctx context.Context, k Keeper) *exporter {
	return &exporter{k: k, ctx: ctx, base: "urn:conductor:" + sdk.UnwrapSDKContext(ctx).ChainID() + ":", seen: map[string]bool{}}
}

func (x *exporter) iri(kind string, id any) string { return fmt.Sprintf("%s%s:%v", x.base, kind, id) }

func (x *exporter) ref(kind string, id any) map[string]any {
	return map[string]any{"@id": x.iri(kind, id)}
}

func (x *exporter) node(n map[string]any) {
	id := n["@id"].(string)
	if !x.seen[id] {
		x.seen[id] = true
		x.graph = append(x.graph, n)
	}
}

// measure is an om2:Measure of q in unit.
func (x *exporter) measure(q math.LegacyDec, unit string) map[string]any {
	return map[string]any{"@type": "om2:Measure", "numerical": q.String(), "hasUnit": x.iri("unit", unit)}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func (x *exporter) agent(addr string) map[string]any {
	if addr == "" {
		return nil
	}
	x.node(map[string]any{"@id": x.iri("agent", addr), "@type": "Agent", "name": addr})
	return x.ref("agent", addr)
}

func (x *exporter) spec(id uint64) (map[string]any, error) {
	if id == 0 {
		return nil, nil
	}
	s, err := x.k.Spec(x.ctx, id)
	if err != nil {
		return nil, err
	}
	x.node(map[string]any{"@id": x.iri("spec", id), "@type": "ResourceSpecification", "name": s.Name,
		"resourceClassifiedAs": s.Classification, "defaultUnitOfResource": x.iri("unit", s.Unit)})
	return x.ref("spec", id), nil
}

func (x *exporter) resource(id uint64) (map[string]any, error) {
	if id == 0 {
		return nil, nil
	}
	r, err := x.k.Resource(x.ctx, id)
	if err != nil {
		return nil, err
	}
	spec, err := x.spec(r.SpecId)
	if err != nil {
		return nil, err
	}
	x.node(map[string]any{"@id": x.iri("resource", id), "@type": "EconomicResource", "name": r.Name,
		"conformsTo": spec, "primaryAccountable": x.agent(r.Owner),
		"accountingQuantity": x.measure(r.AccountingQuantity, r.Unit), "onhandQuantity": x.measure(r.OnhandQuantity, r.Unit)})
	return x.ref("resource", id), nil
}

func (x *exporter) event(e types.EconomicEvent) error {
	n := map[string]any{"@id": x.iri("event", e.Id), "@type": "EconomicEvent", "action": e.Action.Label(),
		"provider": x.agent(e.Provider), "receiver": x.agent(e.Receiver),
		"resourceQuantity": x.measure(e.Quantity, e.Unit), "hasPointInTime": stamp(e.Time)}
	var err error
	if n["resourceConformsTo"], err = x.spec(e.SpecId); err != nil {
		return err
	}
	if n["resourceInventoriedAs"], err = x.resource(e.ResourceId); err != nil {
		return err
	}
	if n["toResourceInventoriedAs"], err = x.resource(e.ToResourceId); err != nil {
		return err
	}
	if e.InputOf != 0 {
		n["inputOf"] = x.ref("process", e.InputOf)
	}
	if e.OutputOf != 0 {
		n["outputOf"] = x.ref("process", e.OutputOf)
	}
	if e.Note != "" || e.Link != "" {
		n["note"] = e.Link + " " + e.Note
	}
	x.node(prune(n))
	for i, s := range e.SettledBy {
		rsc, err := x.spec(types.SpecRSC)
		if err != nil {
			return err
		}
		x.node(map[string]any{"@id": x.iri("event", fmt.Sprintf("%d-%d", e.Id, i+1)), "@type": "EconomicEvent", "action": "transfer",
			"provider": x.agent(e.Receiver), "receiver": x.agent(s.Receiver), "resourceConformsTo": rsc,
			"resourceQuantity": x.measure(math.LegacyNewDecFromInt(s.Amount), s.Denom), "hasPointInTime": stamp(e.Time),
			"settles": x.ref("event", e.Id), "note": s.Note})
	}
	return nil
}

func (x *exporter) process(id uint64) error {
	p, err := x.k.Process(x.ctx, id)
	if err != nil {
		return err
	}
	n := map[string]any{"@id": x.iri("process", id), "@type": "Process", "name": p.Name, "hasBeginning": stamp(p.Start), "finished": p.Finished}
	if p.End != nil {
		n["hasEnd"] = stamp(*p.End)
	}
	x.node(n)
	evs, err := x.k.indexed(x.ctx, x.k.EventsByProcess, id)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if err := x.event(e); err != nil {
			return err
		}
	}
	return nil
}

func (x *exporter) plan(id uint64) error {
	p, err := x.k.Plans.Get(x.ctx, id)
	if err != nil {
		return types.ErrUnknownPlan.Wrapf("%d", id)
	}
	plan := x.iri("plan", id)
	x.node(map[string]any{"@id": plan, "@type": "Plan", "name": p.Name, "created": stamp(p.Created)})
	for i, pp := range p.Processes {
		proc := x.iri("plan-process", fmt.Sprintf("%d-%d", id, i))
		x.node(map[string]any{"@id": proc, "@type": "Process", "plannedWithin": map[string]any{"@id": plan},
			"basedOn": x.ref("recipe", pp.RecipeId), "hasBeginning": stamp(pp.Start), "hasEnd": stamp(pp.Due)})
		spec, err := x.spec(pp.SpecId)
		if err != nil {
			return err
		}
		s, _ := x.k.Spec(x.ctx, pp.SpecId)
		x.node(map[string]any{"@id": proc + ":output", "@type": "Commitment", "action": "produce", "outputOf": map[string]any{"@id": proc},
			"resourceConformsTo": spec, "resourceQuantity": x.measure(pp.Quantity, s.Unit), "due": stamp(pp.Due), "plannedWithin": map[string]any{"@id": plan}})
	}
	for i, l := range p.Lines {
		if !l.ToAcquire.IsPositive() {
			continue
		}
		spec, err := x.spec(l.SpecId)
		if err != nil {
			return err
		}
		s, _ := x.k.Spec(x.ctx, l.SpecId)
		x.node(map[string]any{"@id": x.iri("plan-gap", fmt.Sprintf("%d-%d", id, i)), "@type": "Intent", "action": "transfer",
			"receiver": x.agent(p.Planner), "resourceConformsTo": spec, "resourceQuantity": x.measure(l.ToAcquire, s.Unit),
			"due": stamp(l.Due), "plannedWithin": map[string]any{"@id": plan}})
	}
	return nil
}

// document is the JSON-LD of the graph.
func (x *exporter) document() (string, error) {
	bz, err := json.Marshal(map[string]any{"@context": jsonldContext, "@graph": x.graph})
	return string(bz), err
}

// prune drops a node's empty properties.
func prune(n map[string]any) map[string]any {
	for key, v := range n {
		if m, ok := v.(map[string]any); ok && m == nil || v == nil {
			delete(n, key)
		}
	}
	return n
}
