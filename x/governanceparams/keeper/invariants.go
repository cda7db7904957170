package keeper

import (
	"bytes"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

// RegisterInvariants registers the governanceparams invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "params-recorded", ParamsRecordedInvariant(k))
}

// ParamsRecordedInvariant checks that the parameters in force are valid and are exactly the
// outcome of the last recorded change (or the genesis values if none).
func ParamsRecordedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			return "", false // before genesis
		}
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "params-recorded", s) }
		if err := params.Validate(); err != nil {
			return msg(err.Error()), true
		}
		last, err := k.ChangeSeq.Peek(ctx)
		if err != nil || last == 0 {
			return msg(fmt.Sprint(err)), err != nil
		}
		change, err := k.Changes.Get(ctx, last)
		if err != nil {
			return msg(fmt.Sprintf("change %d missing: %v", last, err)), true
		}
		if !bytes.Equal(k.cdc.MustMarshal(&change.After), k.cdc.MustMarshal(&params)) {
			return msg(fmt.Sprintf("params in force differ from change %d", last)), true
		}
		return msg("ok"), false
	}
}
