package keeper

import (
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// RegisterInvariants registers the membership invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "assembly-in-sync", AssemblyInSyncInvariant(k))
	ir.RegisterRoute(types.ModuleName, "no-restricted-stake", NoRestrictedStakeInvariant(k))
}

// NoRestrictedStakeInvariant: no company, regional company, bank, pool, treasury, assembly or
// dissolved company holds a delegation. The staking hooks refuse every bond of theirs; this
// catches one a genesis file carried (x/staking's genesis runs before the registry's).
func NoRestrictedStakeInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "no-restricted-stake", s) }
		var broken string
		err := k.Agents.Walk(ctx, nil, func(addr sdk.AccAddress, a types.Agent) (bool, error) {
			if !a.Kind.Restricted() {
				return false, nil
			}
			dels, err := k.staking.GetDelegatorDelegations(ctx, addr, 1)
			if err == nil && len(dels) > 0 {
				broken = fmt.Sprintf("the %s %q holds a delegation to %s", a.Kind.Label(), a.Name, dels[0].ValidatorAddress)
			}
			return broken != "", err
		})
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		}
		return msg("no restricted agent holds stake"), false
	}
}

// AssemblyInSyncInvariant checks that the assembly's group holds exactly the region's
// members, each with weight 1: one member, one vote.
func AssemblyInSyncInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		assembly, err := k.Assembly.Get(ctx)
		if errors.Is(err, collections.ErrNotFound) {
			return "", false // no assembly yet (before genesis has run)
		}
		if err != nil {
			return sdk.FormatInvariant(types.ModuleName, "assembly-in-sync", err.Error()), true
		}
		members := 0
		rng := collections.NewPrefixedPairRange[int32, sdk.AccAddress](int32(types.AGENT_KIND_PERSON))
		err = k.AgentsByKind.Walk(ctx, rng, func(key collections.Pair[int32, sdk.AccAddress]) (bool, error) {
			if k.IsMember(ctx, key.K2()) {
				members++
			}
			return false, nil
		})
		if err != nil {
			return sdk.FormatInvariant(types.ModuleName, "assembly-in-sync", err.Error()), true
		}
		var broken []string
		groupMembers := 0
		var next []byte
		for first := true; first || next != nil; first = false {
			res, err := k.group.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: assembly.GroupId, Pagination: &query.PageRequest{Key: next, Limit: 1000}})
			if err != nil {
				return sdk.FormatInvariant(types.ModuleName, "assembly-in-sync", err.Error()), true
			}
			for _, m := range res.Members {
				groupMembers++
				addr, err := k.addressCodec.StringToBytes(m.Member.Address)
				if err != nil || !k.IsMember(ctx, addr) || m.Member.Weight != "1" {
					broken = append(broken, fmt.Sprintf("%s (weight %s) is not a member with one vote", m.Member.Address, m.Member.Weight))
				}
			}
			next = res.Pagination.GetNextKey()
		}
		if groupMembers != members {
			broken = append(broken, fmt.Sprintf("assembly has %d voters, the region %d members", groupMembers, members))
		}
		return sdk.FormatInvariant(types.ModuleName, "assembly-in-sync", fmt.Sprint(broken)), len(broken) > 0
	}
}
