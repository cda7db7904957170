package keeper

import (
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/housing/types"
)

// RegisterInvariants registers the housing invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "units-leased-once", UnitsLeasedOnceInvariant(k))
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
