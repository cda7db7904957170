package keeper

import (
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/housing/types"
)

// RegisterInvariants registers the housing invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "units-leased-once", UnitsLeasedOnceInvariant(k))
	ir.RegisterRoute(types.ModuleName, "notices-and-debts-indexed", NoticesAndDebtsIndexedInvariant(k))
}

// UnitsLeasedOnceInvariant: every unit is vacant (or offered) xor leased to exactly one
// tenant: a leased unit names its one active lease, and every active lease its unit; an
// offered unit and its entry name each other, and the offer waits in the lapse queue.
func UnitsLeasedOnceInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "units-leased-once", s) }
		active := map[uint64]uint64{} // unit -> active lease
		var broken string
		err := k.Leases.Walk(ctx, nil, func(_ uint64, l types.Lease) (bool, error) {
			if l.Active {
				if other, ok := active[l.UnitId]; ok {
					broken = fmt.Sprintf("unit %d has active leases %d and %d", l.UnitId, other, l.Id)
				}
				active[l.UnitId] = l.Id
			}
			return broken != "", nil
		})
		if err == nil && broken == "" {
			err = k.Units.Walk(ctx, nil, func(_ uint64, u types.Unit) (bool, error) {
				lease, leased := active[u.Id]
				switch {
				case (u.Status == types.UNIT_STATUS_LEASED) != leased:
					broken = fmt.Sprintf("unit %d is %s with active lease %v", u.Id, u.Status, leased)
				case leased && u.LeaseId != lease:
					broken = fmt.Sprintf("unit %d names lease %d, its active lease is %d", u.Id, u.LeaseId, lease)
				case u.Status == types.UNIT_STATUS_OFFERED:
					e, err := k.Entries.Get(ctx, u.OfferedTo)
					if err != nil && !errors.Is(err, collections.ErrNotFound) {
						return true, err
					}
					if err != nil || e.Offered != u.Id {
						broken = fmt.Sprintf("unit %d is offered to entry %d, which does not hold it", u.Id, u.OfferedTo)
					} else if e.OfferExpires == nil {
						broken = fmt.Sprintf("the offer of unit %d to entry %d does not lapse", u.Id, e.Id)
					} else if queued, err := k.OffersDue.Has(ctx, collections.Join(*e.OfferExpires, e.Id)); err != nil {
						return true, err
					} else if !queued {
						broken = fmt.Sprintf("the offer of unit %d to entry %d is not in the lapse queue", u.Id, e.Id)
					}
				}
				return broken != "", nil
			})
		}
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		}
		return msg("ok"), false
	}
}

// NoticesAndDebtsIndexedInvariant: an arrears notice has a start and an end, is on an active
// lease and waits in the notice queue; an ended lease still owed is in the debtors' index;
// and the queue and the index hold nothing else.
func NoticesAndDebtsIndexedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "notices-and-debts-indexed", s) }
		var broken string
		notices, debts := 0, 0
		err := k.Leases.Walk(ctx, nil, func(_ uint64, l types.Lease) (bool, error) {
			switch {
			case (l.NoticeAt == nil) != (l.NoticeEnds == nil) || (l.NoticeEnds != nil && !l.Active):
				broken = fmt.Sprintf("lease %d has a notice without a start or an end, or ended", l.Id)
			case l.NoticeEnds != nil:
				notices++
				if queued, err := k.NoticesDue.Has(ctx, collections.Join(*l.NoticeEnds, l.Id)); err != nil {
					return true, err
				} else if !queued {
					broken = fmt.Sprintf("the notice of lease %d is not in the notice queue", l.Id)
				}
			}
			if broken == "" && l.InDebt() {
				debts++
				tenant, err := k.address(l.Tenant, "tenant")
				if err != nil {
					return true, err
				}
				if indexed, err := k.Debtors.Has(ctx, collections.Join(tenant, l.Id)); err != nil {
					return true, err
				} else if !indexed {
					broken = fmt.Sprintf("the debt of ended lease %d is not in the debtors' index", l.Id)
				}
			}
			return broken != "", nil
		})
		queued, indexed := 0, 0
		if err == nil {
			err = k.NoticesDue.Walk(ctx, nil, func(collections.Pair[time.Time, uint64]) (bool, error) { queued++; return false, nil })
		}
		if err == nil {
			err = k.Debtors.Walk(ctx, nil, func(addrID) (bool, error) { indexed++; return false, nil })
		}
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		case queued != notices:
			return msg(fmt.Sprintf("%d notices queued for %d notices", queued, notices)), true
		case indexed != debts:
			return msg(fmt.Sprintf("%d debts indexed for %d ended leases owed", indexed, debts)), true
		case debtorCount(ctx, k) != uint64(indexed):
			return msg(fmt.Sprintf("the debtor count says %d, %d are indexed", debtorCount(ctx, k), indexed)), true
		}
		return msg("ok"), false
	}
}

func debtorCount(ctx sdk.Context, k Keeper) uint64 {
	n, _ := k.DebtorCount.Get(ctx)
	return n
}
