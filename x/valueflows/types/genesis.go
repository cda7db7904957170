package types

import (
	"fmt"
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"
)

// DefaultUnits are the units a region starts with; the assembly adds more.
func DefaultUnits() []Unit {
	return []Unit{
		{"each", "each"}, {"kg", "kilogram"}, {"g", "gram"}, {"t", "tonne"}, {"l", "litre"}, {"m", "metre"},
		{"m2", "square metre"}, {"m3", "cubic metre"}, {"kWh", "kilowatt hour"}, {"hour", "hour"},
		{"day", "day"}, {"month", "month"}, {"ursc", "micro RSC"},
	}
}

// RegionSpecs are the resource kinds other modules record their flows in, with fixed ids.
func RegionSpecs() []ResourceSpecification {
	return []ResourceSpecification{
		{Id: SpecRSC, Name: "RSC", Unit: "ursc", Classification: "currency"},
		{Id: SpecLabour, Name: "labour", Unit: "hour", Classification: "labour"},
		{Id: SpecHome, Name: "home", Unit: "month", Classification: "housing/home"},
		{Id: SpecFacility, Name: "facility", Unit: "month", Classification: "housing/facility"},
		{Id: SpecEquipment, Name: "equipment", Unit: "month", Classification: "housing/equipment"},
		{Id: SpecSchooling, Name: "schooling", Unit: "each", Classification: "education"},
	}
}

// DefaultGenesis has the default units, the region's own kinds and nothing recorded.
func DefaultGenesis() *GenesisState {
	specs := RegionSpecs()
	return &GenesisState{
		Units: DefaultUnits(), Specs: specs, NextSpecId: uint64(len(specs)) + 1, NextResourceId: 1, NextEventId: 1,
		NextProcessId: 1, NextRecipeId: 1, NextIntentId: 1, NextPlanId: 1, NextTransferId: 1,
	}
}

// Validate checks that units and ids are unique and in range, the region's kinds are
// present, and every reference resolves.
func (gs GenesisState) Validate() error {
	units := map[string]bool{}
	for _, u := range gs.Units {
		if err := u.Validate(); err != nil || units[u.Symbol] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unit %q", u.Symbol)
		}
		units[u.Symbol] = true
	}
	specs := map[uint64]bool{}
	for _, s := range gs.Specs {
		if s.Id == 0 || s.Id >= gs.NextSpecId || specs[s.Id] || !units[s.Unit] || ValidateName(s.Name) != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "resource specification %d", s.Id)
		}
		specs[s.Id] = true
	}
	for _, s := range RegionSpecs() {
		if !specs[s.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "the region's resource specification %d (%s) is missing", s.Id, s.Name)
		}
	}
	checks := []struct {
		what string
		ids  []uint64
		next uint64
	}{
		{"resource", ids(gs.Resources, func(r EconomicResource) uint64 { return r.Id }), gs.NextResourceId},
		{"event", ids(gs.Events, func(e EconomicEvent) uint64 { return e.Id }), gs.NextEventId},
		{"process", ids(gs.Processes, func(p Process) uint64 { return p.Id }), gs.NextProcessId},
		{"recipe", ids(gs.Recipes, func(r Recipe) uint64 { return r.Id }), gs.NextRecipeId},
		{"intent", ids(gs.Intents, func(i Intent) uint64 { return i.Id }), gs.NextIntentId},
		{"plan", ids(gs.Plans, func(p Plan) uint64 { return p.Id }), gs.NextPlanId},
		{"pending transfer", ids(gs.Transfers, func(p PendingTransfer) uint64 { return p.Id }), gs.NextTransferId},
	}
	for _, c := range checks {
		seen := map[uint64]bool{}
		for _, id := range c.ids {
			if id == 0 || id >= c.next || seen[id] {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s id %d", c.what, id)
			}
			seen[id] = true
		}
	}
	for _, r := range gs.Resources {
		if !specs[r.SpecId] || r.AccountingQuantity.IsNil() || r.AccountingQuantity.IsNegative() ||
			r.OnhandQuantity.IsNil() || r.OnhandQuantity.IsNegative() || r.Value.IsNil() || r.Value.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "resource %d", r.Id)
		}
	}
	if gs.NextTransferId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next pending transfer id 0")
	}
	resources := make(map[uint64]EconomicResource, len(gs.Resources))
	for _, r := range gs.Resources {
		resources[r.Id] = r
	}
	for _, p := range gs.Transfers {
		from, ok := resources[p.ResourceId]
		to, toOK := resources[p.ToResourceId]
		if p.Action != ACTION_TRANSFER && p.Action != ACTION_TRANSFER_CUSTODY && p.Action != ACTION_TRANSFER_ALL_RIGHTS ||
			p.Provider == "" || p.Receiver == "" || p.Provider == p.Receiver || p.Quantity.IsNil() || !p.Quantity.IsPositive() ||
			!ok || from.Owner != p.Provider || p.ToResourceId != 0 && (!toOK || to.Owner != p.Receiver || to.SpecId != from.SpecId) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending transfer %d", p.Id)
		}
	}
	// events are numbered 1, 2, ... in the order of their times: a period's events are
	// found by their ids
	// events are in id order and in time order; the ids of folded events are missing
	for i, e := range gs.Events {
		if e.Id == 0 || e.Id >= gs.NextEventId || i > 0 && (e.Id <= gs.Events[i-1].Id || e.Time.Before(gs.Events[i-1].Time)) ||
			e.SpecId != 0 && !specs[e.SpecId] || e.Quantity.IsNil() || e.Value.IsNil() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "event %d (the %d-th)", e.Id, i+1)
		}
	}
	attached := map[uint64]bool{}
	for _, a := range gs.Attachments {
		attached[a.EventId] = true
	}
	for _, e := range gs.Events {
		if e.Id < gs.FoldCursor && !e.Needed() && !attached[e.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "event %d is behind the fold cursor %d and needed by no process or resource: it would never be folded", e.Id, gs.FoldCursor)
		}
	}
	if gs.NextEventId != uint64(len(gs.Events))+gs.Folded+1 || gs.FoldCursor > gs.NextEventId {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next event id %d after %d events and %d folded (fold cursor %d)", gs.NextEventId, len(gs.Events), gs.Folded, gs.FoldCursor)
	}
	statements := map[string]bool{}
	for _, s := range gs.Statements {
		key := fmt.Sprint(s.Agent, "/", s.Month)
		if s.Agent == "" || s.Month%100 < 1 || s.Month%100 > 12 || statements[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of %q in %d: no agent, no month or twice", s.Agent, s.Month)
		}
		statements[key] = true
		for _, l := range s.Lines {
			if l.Events == 0 || l.Quantity.IsNil() || l.Value.IsNil() {
				return errorsmod.Wrapf(ErrInvalidGenesis, "statement of %s in %d: an empty line", s.Agent, s.Month)
			}
		}
	}
	return nil
}

func ids[T any](items []T, id func(T) uint64) []uint64 {
	out := make([]uint64, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// Validate checks a unit: a symbol of 1 to 16 characters without spaces, and a label.
func (u Unit) Validate() error {
	if len(u.Symbol) == 0 || len(u.Symbol) > 16 || strings.ContainsAny(u.Symbol, " \t\n") || ValidateName(u.Label) != nil {
		return errorsmod.Wrapf(ErrUnknownUnit, "unit %q (%q): a symbol of 1 to 16 characters without spaces and a label", u.Symbol, u.Label)
	}
	return nil
}

// ValidateName checks a name: 1 to 128 bytes.
func ValidateName(name string) error {
	if len(name) == 0 || len(name) > 128 {
		return errorsmod.Wrapf(ErrInvalidSpec, "a name of 1 to 128 bytes, not %d", len(name))
	}
	return nil
}

// MaxPlanHorizon is how far ahead an intent may be due.
const MaxPlanHorizon = 10 * 365 * 24 * time.Hour
