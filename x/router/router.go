package router

import (
	"context"
	"slices"
	"strings"

	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	dividendtypes "github.com/conductor-coop/conductor/x/dividend/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	vf "github.com/conductor-coop/conductor/x/valueflows/types"
)

// BankKeeper is the bank keeper's one sending function the router uses.
type BankKeeper interface {
	InputOutputCoins(ctx context.Context, input banktypes.Input, outputs []banktypes.Output) error
}

// Agents tells the kind of agent an address is (None for an address no agent holds).
type Agents interface {
	KindOf(ctx context.Context, addr sdk.AccAddress) (membershiptypes.AgentKind, error)
}

// Accounts makes sure a module account exists before it receives.
type Accounts interface {
	GetModuleAddress(name string) sdk.AccAddress
	GetModuleAccount(ctx context.Context, name string) sdk.ModuleAccountI
}

// TreasuryKeeper is the treasury's side of a payment (x/dividend): the companies' balances for
// the profit-at-rest tax and the revenue ledger.
type TreasuryKeeper interface {
	// Track is called before a company's money moves: outflow leaves it (zero: it receives).
	Track(ctx context.Context, company sdk.AccAddress, outflow math.Int) error
	// Received is called after a company received amount from another company.
	Received(ctx context.Context, company, payer sdk.AccAddress, amount math.Int) error
	// Book adds revenue the treasury received to its ledger, by source.
	Book(ctx context.Context, source dividendtypes.Source, amount math.Int) error
}

// Flows records value flows (x/valueflows).
type Flows interface {
	Record(ctx context.Context, e vf.EconomicEvent) (uint64, error)
}

// Deps are what the router is built from.
type Deps struct {
	Bank     BankKeeper
	Agents   Agents
	Accounts Accounts
	Flows    Flows
	// Counts is a transient store: the payments and the flows of the block, for the invariant.
	Counts store.TransientStoreService
}

// Router is the one money path. Build it with New, give it the treasury with SetTreasury,
// and install its SendRestriction in the bank keeper in place of the bare RSC rule.
type Router struct {
	deps     Deps
	treasury TreasuryKeeper
	// rule is the RSC rule for a send outside a payment (membership's DirectRule).
	rule banktypes.SendRestrictionFn
}

// New returns a router; rule is the RSC rule that applies to every send outside a payment.
func New(deps Deps, rule banktypes.SendRestrictionFn) *Router {
	return &Router{deps: deps, rule: rule}
}

// SetFlows gives the router the value flows' recorder (x/valueflows, built after it).
func (r *Router) SetFlows(f Flows) { r.deps.Flows = f }

// SetTreasury gives the router the treasury (x/dividend, which pays through the router too).
func (r *Router) SetTreasury(t TreasuryKeeper) { r.treasury = t }

// A Leg is one payee's part of a payment.
type Leg struct {
	// Route is the leg's route; zero is the payment's.
	Route  Route
	To     sdk.AccAddress
	Amount math.Int
}

// A Payment is one Conductor action's transfer: From pays every leg, in Denom.
type Payment struct {
	Route Route
	From  sdk.AccAddress
	// Denom is ursc when empty.
	Denom string
	Legs  []Leg
	// Link and Note are the ValueFlows link and note of the RSC transfers the router records,
	// one per leg, when Record is nil.
	Link, Note string
	// Record records the payment's value flow instead: an event that carries its value (a
	// sale, a month's rent, hours worked). It must record at least one event.
	Record func(ctx context.Context) error
}

// To is a one-leg payment's leg.
func To(to sdk.AccAddress, amount math.Int) []Leg { return []Leg{{To: to, Amount: amount}} }

// StoreKey names the router's transient store.
const StoreKey = "router"

// Registered errors of the router.
var (
	ErrNoRoute    = errorsmod.Register("router", 2, "no such money route")
	ErrNotOnRoute = errorsmod.Register("router", 3, "this agent may not pay or receive on this route")
	ErrDenom      = errorsmod.Register("router", 4, "this denom does not move on this route")
	ErrUnrecorded = errorsmod.Register("router", 5, "the payment recorded no value flow")
	ErrAmount     = errorsmod.Register("router", 6, "invalid amount")
	ErrLegRoute   = errorsmod.Register("router", 7, "a payment may not have a leg on this route")
	ErrNotScope   = errorsmod.Register("router", 8, "this route does not run a module's own sends")
)

// Module returns a module account's address, creating the account if it is not there yet.
func (r *Router) Module(ctx context.Context, name string) sdk.AccAddress {
	return r.deps.Accounts.GetModuleAccount(ctx, name).GetAddress()
}

// Pay makes payment p: it checks each leg against its route, tracks the companies'
// balances, sends in one bank transfer, books the treasury's revenue and records the value
// flow. A payment of nothing does nothing. A payment that fails may have taken the money
// from its payer in ctx (x/bank takes an input before it asks the send restriction about
// each output): its caller discards the state it ran on, as a failed transaction's is (the
// end blockers run their payments in cache branches).
func (r *Router) Pay(ctx context.Context, p Payment) error {
	denom := p.Denom
	if denom == "" {
		denom = membershiptypes.Denom
	}
	from, err := r.deps.Agents.KindOf(ctx, p.From)
	if err != nil {
		return err
	}
	total := math.ZeroInt()
	outputs := make([]banktypes.Output, 0, len(p.Legs))
	kinds := make([]membershiptypes.AgentKind, len(p.Legs))
	for i, leg := range p.Legs {
		if leg.Amount.IsNil() || leg.Amount.IsNegative() {
			return errorsmod.Wrapf(ErrAmount, "%s to %s", leg.Amount, leg.To)
		}
		if leg.Amount.IsZero() { // moves nothing: not checked, not sent
			continue
		}
		if route := p.route(leg); route != p.Route && !slices.Contains(Routes[p.Route].With, route) {
			return errorsmod.Wrapf(ErrLegRoute, "a %s leg in a payment on the %s route", Routes[route].Name, Routes[p.Route].Name)
		}
		if kinds[i], err = r.check(ctx, p.route(leg), denom, p.From, from, leg.To); err != nil {
			return err
		}
		total = total.Add(leg.Amount)
		outputs = append(outputs, banktypes.Output{Address: leg.To.String(), Coins: sdk.NewCoins(sdk.NewCoin(denom, leg.Amount))})
	}
	if !total.IsPositive() {
		return nil
	}
	ursc := denom == membershiptypes.Denom
	if ursc {
		if err := r.track(ctx, p.From, from, total); err != nil {
			return err
		}
		for i, leg := range p.Legs {
			if err := r.track(ctx, leg.To, kinds[i], math.ZeroInt()); err != nil {
				return err
			}
		}
	}
	m := &move{router: r, route: p.Route, from: p.From, legs: p.Legs}
	input := banktypes.Input{Address: p.From.String(), Coins: sdk.NewCoins(sdk.NewCoin(denom, total))}
	if err := r.deps.Bank.InputOutputCoins(sdk.UnwrapSDKContext(ctx).WithValue(moveKey{}, m), input, outputs); err != nil {
		return err
	}
	if err := r.count(ctx, movedKey); err != nil {
		return err
	}
	if ursc {
		if err := r.settle(ctx, p, from, kinds); err != nil {
			return err
		}
	}
	return r.record(ctx, p.Route, func(ctx context.Context) error {
		if p.Record != nil {
			return p.Record(ctx)
		}
		for _, leg := range p.Legs {
			if leg.Amount.IsPositive() {
				if err := r.transfer(ctx, p.route(leg), p.From.String(), leg.To.String(), leg.Amount, denom, p.Link, p.Note); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (p Payment) route(l Leg) Route {
	if l.Route != 0 {
		return l.Route
	}
	return p.Route
}

// check returns the payee's kind if the route lets an agent of kind from pay it in denom.
func (r *Router) check(ctx context.Context, route Route, denom string, payer sdk.AccAddress, from membershiptypes.AgentKind, to sdk.AccAddress) (membershiptypes.AgentKind, error) {
	spec, ok := Routes[route]
	if !ok {
		return None, errorsmod.Wrapf(ErrNoRoute, "%d", route)
	}
	if !spec.Moves(denom) {
		return None, errorsmod.Wrapf(ErrDenom, "%s on the %s route", denom, spec.Name)
	}
	kind := Person
	if !spec.HiredPayees {
		var err error
		if kind, err = r.deps.Agents.KindOf(ctx, to); err != nil {
			return None, err
		}
	}
	switch {
	case !spec.admits(spec.From, from):
		return kind, errorsmod.Wrapf(ErrNotOnRoute, "%s (%s) may not pay on the %s route", payer, label(from), spec.Name)
	case !spec.admits(spec.To, kind):
		return kind, errorsmod.Wrapf(ErrNotOnRoute, "%s (%s) may not be paid on the %s route", to, label(kind), spec.Name)
	}
	return kind, nil
}

// Moves tells whether the route moves denom: ursc, and an ICS-20 voucher on a route that
// takes vouchers.
func (s Spec) Moves(denom string) bool {
	return denom == membershiptypes.Denom || (s.Vouchers && strings.HasPrefix(denom, "ibc/"))
}

func (Spec) admits(kinds []membershiptypes.AgentKind, k membershiptypes.AgentKind) bool {
	return slices.Contains(kinds, k)
}

func label(k membershiptypes.AgentKind) string {
	if k == None {
		return "no agent"
	}
	return k.Label()
}

// track tells the treasury that a company's money moves (the profit-at-rest tax).
func (r *Router) track(ctx context.Context, addr sdk.AccAddress, kind membershiptypes.AgentKind, outflow math.Int) error {
	if kind != Company {
		return nil
	}
	return r.treasury.Track(ctx, addr, outflow)
}

// settle runs the treasury's side after the send: money between companies (the
// profit-at-rest tax's related companies) and the revenue booked by source.
func (r *Router) settle(ctx context.Context, p Payment, from membershiptypes.AgentKind, kinds []membershiptypes.AgentKind) error {
	for i, leg := range p.Legs {
		if !leg.Amount.IsPositive() {
			continue
		}
		if kinds[i] == Company && from.IsCompany() {
			if err := r.treasury.Received(ctx, leg.To, p.From, leg.Amount); err != nil {
				return err
			}
		}
		if source := Routes[p.route(leg)].Source; kinds[i] == Treasury && source != dividendtypes.SOURCE_UNSPECIFIED {
			if err := r.treasury.Book(ctx, source, leg.Amount); err != nil {
				return err
			}
		}
	}
	return nil
}

// transfer records one RSC transfer on a route.
func (r *Router) transfer(ctx context.Context, route Route, from, to string, amount math.Int, denom, link, note string) error {
	e := vf.RSCTransfer(from, to, amount, link, 0)
	e.Action = Routes[route].Action
	if denom != membershiptypes.Denom {
		e.Unit, e.Value, e.SpecId = denom, math.LegacyZeroDec(), 0
	}
	if note == "" {
		note = Routes[route].Name
	}
	e.Note = note
	_, err := r.deps.Flows.Record(ctx, e)
	return err
}

// record runs a payment's record step, made after its sends, and makes sure it recorded a
// flow.
func (r *Router) record(ctx context.Context, route Route, step func(context.Context) error) error {
	flows := 0
	if err := step(sdk.UnwrapSDKContext(ctx).WithValue(flowsKey{}, &flows)); err != nil {
		return err
	}
	if flows == 0 {
		return errorsmod.Wrapf(ErrUnrecorded, "on the %s route", Routes[route].Name)
	}
	return r.count(ctx, recordedKey)
}
