package keeper

import (
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/education/types"
)

// RegisterInvariants registers the education invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "seats", SeatsInvariant(k))
}

// SeatsInvariant: each program's enrolled count is its enrollments, never above capacity;
// its wait-list count is its applicants.
func SeatsInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "seats", s) }
		enrolled, waiting := map[uint64]uint32{}, map[uint64]uint64{}
		err := k.Enrollments.Walk(ctx, nil, func(_ uint64, e types.Enrollment) (bool, error) {
			enrolled[e.ProgramId]++
			return false, nil
		})
		if err == nil {
			err = k.Applicants.Walk(ctx, nil, func(_ uint64, a types.Applicant) (bool, error) {
				waiting[a.ProgramId]++
				return false, nil
			})
		}
		var broken string
		if err == nil {
			err = k.Programs.Walk(ctx, nil, func(id uint64, p types.Program) (bool, error) {
				n, err := k.Waiting.Get(ctx, id)
				if err != nil && !errors.Is(err, collections.ErrNotFound) {
					return true, err
				}
				switch {
				case p.Enrolled != enrolled[id] || p.Enrolled > p.Capacity:
					broken = fmt.Sprintf("program %d: %d enrolled, %d enrollments, capacity %d", id, p.Enrolled, enrolled[id], p.Capacity)
				case n != waiting[id]:
					broken = fmt.Sprintf("program %d: wait-list count %d, %d applicants", id, n, waiting[id])
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
