package keeper

import (
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// RegisterInvariants registers the membership invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "no-restricted-stake", NoRestrictedStakeInvariant(k))
	ir.RegisterRoute(types.ModuleName, "registry-indexed", RegistryIndexedInvariant(k))
}

// RegistryIndexedInvariant checks the registry's indexes against its agents: each agent is
// listed under its kind and nowhere else, and the members index holds exactly the persons
// who are members: as many members as persons with the member flag, and no non-member (a
// registered non-member, or one who left) counted among them; the member count (the
// assembly's electorate) is their number.
func RegistryIndexedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "registry-indexed", s) }
		var broken []string
		agents, persons, members := 0, 0, 0
		err := k.Agents.Walk(ctx, nil, func(addr sdk.AccAddress, a types.Agent) (bool, error) {
			agents++
			if a.Kind == types.AGENT_KIND_PERSON {
				persons++
			}
			if isMember(a) {
				members++
			}
			if has, err := k.AgentsByKind.Has(ctx, collections.Join(int32(a.Kind), addr)); err != nil {
				return true, err
			} else if !has {
				broken = append(broken, fmt.Sprintf("%s is not listed as a %s", a.Address, a.Kind.Label()))
			}
			if has, err := k.Members.Has(ctx, addr); err != nil {
				return true, err
			} else if has != isMember(a) {
				broken = append(broken, fmt.Sprintf("%s: member %t, in the members index %t", a.Address, isMember(a), has))
			}
			return false, nil
		})
		if err != nil {
			return msg(err.Error()), true
		}
		listed := 0
		err = k.AgentsByKind.Walk(ctx, nil, func(key collections.Pair[int32, sdk.AccAddress]) (bool, error) {
			listed++
			a, err := k.Agents.Get(ctx, key.K2())
			if err != nil || int32(a.Kind) != key.K1() {
				broken = append(broken, fmt.Sprintf("%s is listed as a %s but is not one", key.K2(), types.AgentKind(key.K1()).Label()))
			}
			return false, nil
		})
		if err != nil {
			return msg(err.Error()), true
		}
		indexed := 0
		err = k.Members.Walk(ctx, nil, func(sdk.AccAddress) (bool, error) { indexed++; return false, nil })
		if err != nil {
			return msg(err.Error()), true
		}
		if listed != agents {
			broken = append(broken, fmt.Sprintf("%d agents, %d listed by kind", agents, listed))
		}
		if indexed != members {
			broken = append(broken, fmt.Sprintf("%d members, %d in the members index", members, indexed))
		}
		if n, err := k.Count(ctx); err != nil || n != uint64(members) {
			broken = append(broken, fmt.Sprintf("%d members, the member count says %d (%v)", members, n, err))
		}
		if len(broken) > 0 {
			return msg(fmt.Sprint(broken)), true
		}
		return msg(fmt.Sprintf("%d agents, %d persons of whom %d members", agents, persons, members)), false
	}
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
