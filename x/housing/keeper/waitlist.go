package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/housing/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// Wait-lists. Entries of a kind are served in the order they joined (their ids). A vacant
// unit is offered to the first entry of its kind, among the first maxScan waiting, that
// holds no offer and whose wishes it meets (the location, if one was given, and at least
// the area). An entry that declines goes to the back of the wait-list and waits for the
// next unit that becomes vacant; the unit is offered to the next match. An offer not
// answered within the region's offer_window counts as declined.

// maxScan bounds how many entries (or vacant units) one match looks at.
const maxScan = 1000

func matches(u types.Unit, e types.Entry) bool {
	return u.Kind == e.Kind && (e.Location == "" || e.Location == u.Location) && u.Area >= e.MinArea
}

// requireApplicant: persons wait for homes, companies (and regional companies) for
// facilities and equipment.
func (k Keeper) requireApplicant(ctx context.Context, addr sdk.AccAddress, kind types.UnitKind) error {
	agent, err := k.membership.GetAgent(ctx, addr)
	if err != nil && !errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return err
	}
	person := k.membership.RequirePerson(ctx, addr.String()) == nil
	company := err == nil && agent.Kind.IsCompany()
	if (kind.ForPersons() && !person) || (!kind.ForPersons() && !company) {
		return errorsmod.Wrapf(types.ErrWrongWaitlist, "%s cannot wait for %s", addr, kind)
	}
	return nil
}

// addEntry puts an entry at the back of its wait-list.
func (k Keeper) addEntry(ctx context.Context, e types.Entry) (types.Entry, error) {
	id, err := modulekit.NextID(ctx, k.EntrySeq)
	if err != nil {
		return e, err
	}
	e.Id, e.Offered, e.OfferExpires = id, 0, nil
	applicant, err := k.address(e.Applicant, "applicant")
	if err != nil {
		return e, err
	}
	if err := k.Entries.Set(ctx, e.Id, e); err != nil {
		return e, err
	}
	if err := k.EntriesByKind.Set(ctx, collections.Join(int32(e.Kind), e.Id)); err != nil {
		return e, err
	}
	if err := k.EntriesByApplicant.Set(ctx, collections.Join(applicant, e.Id)); err != nil {
		return e, err
	}
	return e, k.countWaiting(ctx, e.Kind, +1)
}

// removeEntry takes an entry off its wait-list (with its offer's lapse, if it holds one).
func (k Keeper) removeEntry(ctx context.Context, e types.Entry) error {
	applicant, err := k.address(e.Applicant, "applicant")
	if err != nil {
		return err
	}
	if err := k.Entries.Remove(ctx, e.Id); err != nil {
		return err
	}
	if e.OfferExpires != nil {
		if err := k.OffersDue.Remove(ctx, collections.Join(*e.OfferExpires, e.Id)); err != nil {
			return err
		}
	}
	if err := k.EntriesByKind.Remove(ctx, collections.Join(int32(e.Kind), e.Id)); err != nil {
		return err
	}
	if err := k.EntriesByApplicant.Remove(ctx, collections.Join(applicant, e.Id)); err != nil {
		return err
	}
	return k.countWaiting(ctx, e.Kind, -1)
}

// countWaiting keeps the number waiting for a kind, and tells the assembly when it passes
// the region's threshold.
func (k Keeper) countWaiting(ctx context.Context, kind types.UnitKind, delta int64) error {
	n, err := k.Waiting.Get(ctx, int32(kind))
	if err != nil && !errorsmod.IsOf(err, collections.ErrNotFound) {
		return err
	}
	n = uint64(int64(n) + delta)
	if err := k.Waiting.Set(ctx, int32(kind), n); err != nil {
		return err
	}
	if delta <= 0 {
		return nil
	}
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	if n == uint64(params.WaitlistThreshold)+1 {
		return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDemandExceedsSupply{Kind: kind, Waiting: n, Threshold: params.WaitlistThreshold})
	}
	return nil
}

// offer offers unit u to entry e, open for the region's offer_window.
func (k Keeper) offer(ctx context.Context, u types.Unit, e types.Entry) error {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return err
	}
	expires := sdk.UnwrapSDKContext(ctx).BlockTime().Add(params.OfferWindow)
	u.Status, u.OfferedTo = types.UNIT_STATUS_OFFERED, e.Id
	e.Offered, e.OfferExpires = u.Id, &expires
	if err := k.setUnit(ctx, u); err != nil {
		return err
	}
	if err := k.Entries.Set(ctx, e.Id, e); err != nil {
		return err
	}
	if err := k.OffersDue.Set(ctx, collections.Join(expires, e.Id)); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventOffered{UnitId: u.Id, EntryId: e.Id, Applicant: e.Applicant})
}

// vacate makes a unit vacant and offers it to the first matching entry.
func (k Keeper) vacate(ctx context.Context, u types.Unit) error {
	u.Status, u.OfferedTo, u.LeaseId = types.UNIT_STATUS_VACANT, 0, 0
	var found *types.Entry
	scanned := 0
	err := k.EntriesByKind.Walk(ctx, collections.NewPrefixedPairRange[int32, uint64](int32(u.Kind)), func(key kindID) (bool, error) {
		scanned++
		e, err := k.Entries.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		if e.Offered == 0 && matches(u, e) {
			found = &e
		}
		return found != nil || scanned >= maxScan, nil
	})
	if err != nil {
		return err
	}
	if found == nil {
		return k.setUnit(ctx, u)
	}
	return k.offer(ctx, u, *found)
}

// seek offers a new entry the first vacant unit it would take.
func (k Keeper) seek(ctx context.Context, e types.Entry) error {
	var found *types.Unit
	scanned := 0
	err := k.Vacant.Walk(ctx, collections.NewPrefixedPairRange[int32, uint64](int32(e.Kind)), func(key kindID) (bool, error) {
		scanned++
		u, err := k.Units.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		if matches(u, e) {
			found = &u
		}
		return found != nil || scanned >= maxScan, nil
	})
	if err != nil || found == nil {
		return err
	}
	return k.offer(ctx, *found, e)
}

// ownEntry returns an entry of the signer.
func (k Keeper) ownEntry(ctx context.Context, applicant string, id uint64) (types.Entry, error) {
	e, err := modulekit.Get(ctx, k.Entries, id, types.ErrUnknownEntry)
	if err != nil {
		return e, err
	}
	if e.Applicant != applicant {
		return e, errorsmod.Wrapf(types.ErrUnknownEntry, "%d", id)
	}
	return e, nil
}

// passOn declines the offer of unit u to entry e: the entry goes to the back of its
// wait-list, the unit to the next match.
func (k Keeper) passOn(ctx context.Context, e types.Entry, u types.Unit) (types.Entry, error) {
	if err := k.removeEntry(ctx, e); err != nil {
		return e, err
	}
	if err := k.vacate(ctx, u); err != nil {
		return e, err
	}
	e.Joined = sdk.UnwrapSDKContext(ctx).BlockTime()
	return k.addEntry(ctx, e)
}

// lapse passes on the offer entry id holds, whose window has closed, as if declined (the
// EndBlocker works off the lapse queue a bounded number per block, oldest first).
func (k Keeper) lapse(ctx sdk.Context, id uint64) error {
	e, err := k.Entries.Get(ctx, id)
	if err != nil {
		return err
	}
	if e.Offered == 0 {
		return errorsmod.Wrapf(types.ErrNoOffer, "entry %d", id)
	}
	u, err := k.unit(ctx, e.Offered)
	if err != nil {
		return err
	}
	if u.Status != types.UNIT_STATUS_OFFERED || u.OfferedTo != e.Id {
		return errorsmod.Wrapf(types.ErrNoOffer, "unit %d is not offered to entry %d", u.Id, e.Id)
	}
	back, err := k.passOn(ctx, e, u)
	if err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventOfferExpired{UnitId: u.Id, EntryId: e.Id, Applicant: e.Applicant, NewEntryId: back.Id})
}
