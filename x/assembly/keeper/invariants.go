package keeper

import (
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

// RegisterInvariants registers the assembly's invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "tallies-recounted", TalliesInvariant(k))
	ir.RegisterRoute(types.ModuleName, "proxies-one-level", ProxiesInvariant(k))
}

// TalliesInvariant recounts every proposal in voting from its votes and the proxies: each
// vote counts its voter and the eligible members whose vote the voter holds and who did not
// vote themselves, every voter is eligible, and the votes sum to the running tally. So no
// member is counted twice, and none who left or came after voting opened.
func TalliesInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		open, err := k.voting(ctx)
		if err != nil {
			return sdk.FormatInvariant(types.ModuleName, "tallies-recounted", err.Error()), true
		}
		var broken []string
		for _, p := range open {
			var recount types.Tally
			err := k.Votes.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](p.Id), func(key collections.Pair[uint64, sdk.AccAddress], v types.Vote) (bool, error) {
				if ok, err := k.eligible(ctx, p, key.K2()); err != nil || !ok {
					broken = append(broken, fmt.Sprintf("proposal %d: %s voted and is not eligible", p.Id, v.Voter))
					return false, err
				}
				want := uint64(1)
				if err := k.constituents(ctx, key.K2(), p.Kind, func(member sdk.AccAddress) error {
					counts, err := k.countsByProxy(ctx, p, member)
					if counts {
						want++
					}
					return err
				}); err != nil {
					return true, err
				}
				if v.Weight != want {
					broken = append(broken, fmt.Sprintf("proposal %d: %s's vote counts %d members, a recount %d", p.Id, v.Voter, v.Weight, want))
				}
				recount.Add(v.Option, want)
				return false, nil
			})
			if err != nil {
				broken = append(broken, err.Error())
				continue
			}
			tally, err := k.Tallies.Get(ctx, p.Id)
			if err != nil {
				broken = append(broken, err.Error())
			} else if tally != recount {
				broken = append(broken, fmt.Sprintf("proposal %d: running tally %v, recount %v", p.Id, tally, recount))
			}
		}
		return sdk.FormatInvariant(types.ModuleName, "tallies-recounted", fmt.Sprint(broken)), len(broken) > 0
	}
}

// ProxiesInvariant: every proxy is between two members, never to oneself, one level only
// (no holder gave a proxy).
func ProxiesInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		var broken []string
		err := k.Proxies.Walk(ctx, nil, func(key ProxyKey, p types.Proxy) (bool, error) {
			holder, err := k.address(p.Holder, "holder")
			if err != nil {
				return true, err
			}
			for _, a := range []sdk.AccAddress{key.K1(), holder} {
				if member, _, err := k.members.MemberSince(ctx, a); err != nil || !member {
					broken = append(broken, fmt.Sprintf("proxy %s -> %s: %s is not a member", p.Member, p.Holder, a))
				}
			}
			if gave, err := k.gaveAny(ctx, holder); err != nil || gave {
				broken = append(broken, fmt.Sprintf("proxy %s -> %s: the holder gave a proxy too", p.Member, p.Holder))
			}
			if key.K1().Equals(holder) {
				broken = append(broken, fmt.Sprintf("%s holds their own proxy", p.Member))
			}
			return false, nil
		})
		if err != nil {
			broken = append(broken, err.Error())
		}
		return sdk.FormatInvariant(types.ModuleName, "proxies-one-level", fmt.Sprint(broken)), len(broken) > 0
	}
}
