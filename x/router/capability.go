package router

import (
	"context"
	"encoding/binary"
	"fmt"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// The capability. A payment in flight is a *move in its context under moveKey, an
// unexported type: no code outside this package can put one there, so the bank's send
// restriction can tell the router's sends from any other.
type moveKey struct{}

type move struct {
	router *Router
	route  Route
	// from and legs are a payment's parties; a scope (Within) has none and is checked
	// against its route's table send by send.
	from  sdk.AccAddress
	legs  []Leg
	scope bool
	// sends are the sends a scope made.
	sends []send
}

type send struct {
	from, to sdk.AccAddress
	coins    sdk.Coins
}

// current returns the move of ctx made by r, if any.
func (r *Router) current(ctx context.Context) (*move, bool) {
	m, ok := ctx.Value(moveKey{}).(*move)
	return m, ok && m.router == r
}

// RouteOf returns the route of the payment ctx is in, or false outside any.
func RouteOf(ctx context.Context) (Route, bool) {
	m, ok := ctx.Value(moveKey{}).(*move)
	if !ok {
		return 0, false
	}
	return m.route, true
}

// flowsKey marks the context of a payment's record step; its value counts the flows
// recorded in it.
type flowsKey struct{}

// NoteFlow counts a value flow recorded in a payment's record step (x/valueflows calls it
// as it records); elsewhere it does nothing.
func NoteFlow(ctx context.Context) {
	if n, ok := ctx.Value(flowsKey{}).(*int); ok {
		*n++
	}
}

// SendRestriction is installed in the bank keeper: a send of the router's payment in
// flight goes through if it is one of the payment's legs, a send in a scope (Within) if
// its parties may pay on the scope's route; any other send is left to the RSC rule.
func (r *Router) SendRestriction(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	m, ok := r.current(ctx)
	if !ok {
		return r.rule(ctx, from, to, amt)
	}
	if !m.scope {
		for _, leg := range m.legs {
			if from.Equals(m.from) && to.Equals(leg.To) {
				return to, nil
			}
		}
		return r.rule(ctx, from, to, amt)
	}
	fromKind, err := r.deps.Agents.KindOf(ctx, from)
	if err != nil {
		return to, err
	}
	for _, c := range amt {
		if _, err := r.check(ctx, m.route, c.Denom, from, fromKind, to); err != nil {
			return to, err
		}
	}
	m.sends = append(m.sends, send{from: from, to: to, coins: amt})
	return to, nil
}

// Within runs fn, a module's code that sends by itself (ICS-20's transfer, receipt,
// refund), as a payment on route: each of its sends goes through if its parties may pay
// on the route, and each is recorded as an RSC transfer (with link and note) once fn
// succeeds.
func (r *Router) Within(ctx sdk.Context, route Route, link, note string, fn func(sdk.Context) error) error {
	spec, ok := Routes[route]
	if !ok {
		return errorsmod.Wrapf(ErrNoRoute, "%d", route)
	}
	if !spec.Scope {
		return errorsmod.Wrapf(ErrNotScope, "the %s route", spec.Name)
	}
	m := &move{router: r, route: route, scope: true}
	if err := fn(ctx.WithValue(moveKey{}, m)); err != nil {
		return err
	}
	if len(m.sends) == 0 {
		return nil
	}
	if err := r.count(ctx, movedKey); err != nil {
		return err
	}
	return r.record(ctx, route, func(ctx context.Context) error {
		for _, s := range m.sends {
			for _, c := range s.coins {
				if err := r.transfer(ctx, route, s.from.String(), s.to.String(), c.Amount, c.Denom, link, note); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Counts of the block (a transient store): payments made, and payments whose flow was
// recorded.
var (
	movedKey    = []byte{1}
	recordedKey = []byte{2}
)

func (r *Router) count(ctx context.Context, key []byte) error {
	if r.deps.Counts == nil {
		return nil
	}
	return r.deps.Counts.OpenTransientStore(ctx).Set(key, binary.BigEndian.AppendUint64(nil, r.read(ctx, key)+1))
}

func (r *Router) read(ctx context.Context, key []byte) uint64 {
	if r.deps.Counts == nil {
		return 0
	}
	bz, err := r.deps.Counts.OpenTransientStore(ctx).Get(key)
	if err != nil || len(bz) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(bz)
}

// Counts returns the payments the router made in the block so far and how many of them had
// their value flow recorded.
func (r *Router) Counts(ctx context.Context) (moved, recorded uint64) {
	return r.read(ctx, movedKey), r.read(ctx, recordedKey)
}

// RegisterInvariants registers the router's invariant: every payment of the block so far
// recorded its value flow.
func (r *Router) RegisterInvariants(ir sdk.InvariantRegistry) {
	ir.RegisterRoute("router", "every-payment-recorded", r.EveryPaymentRecorded)
}

// EveryPaymentRecorded is the invariant: the router's count of payments in the block equals
// its count of payments whose value flow it recorded.
func (r *Router) EveryPaymentRecorded(ctx sdk.Context) (string, bool) {
	moved, recorded := r.Counts(ctx)
	broken := moved != recorded
	return sdk.FormatInvariant("router", "every-payment-recorded",
		fmt.Sprintf("%d payments in the block, %d with their value flow recorded\n", moved, recorded)), broken
}
