package keeper

import (
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/federation/types"
)

// RegisterInvariants registers the federation invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "pools-balance", PoolsBalanceInvariant(k))
	ir.RegisterRoute(types.ModuleName, "directory-indexed", DirectoryIndexedInvariant(k))
}

// PoolsBalanceInvariant: each pool holds exactly what regions contributed less what it spent
// (no flow reaches a pool's account but a contribution, none leaves it but a spend).
func PoolsBalanceInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		in, out := map[uint64]sdk.Coins{}, map[uint64]sdk.Coins{}
		err := k.Contributions.Walk(ctx, nil, func(_ poolChain, c types.Contribution) (bool, error) {
			in[c.PoolId] = in[c.PoolId].Add(c.Amount...)
			return false, nil
		})
		if err == nil {
			err = k.Spends.Walk(ctx, nil, func(_ uint64, s types.Spend) (bool, error) {
				out[s.PoolId] = out[s.PoolId].Add(s.Amount...)
				return false, nil
			})
		}
		var broken string
		if err == nil {
			err = k.Pools.Walk(ctx, nil, func(id uint64, p types.Pool) (bool, error) {
				want, neg := in[id].SafeSub(out[id]...)
				addr, err := k.address(p.Address, "pool")
				if err != nil {
					broken = fmt.Sprintf("pool %d: %s", id, err)
					return true, nil
				}
				held := k.bank.GetAllBalances(ctx, addr)
				if neg || !held.Equal(want) {
					broken = fmt.Sprintf("pool %d holds %s; contributed %s, spent %s", id, held, in[id], out[id])
				}
				return broken != "", nil
			})
		}
		if err != nil {
			broken = err.Error()
		}
		return sdk.FormatInvariant(types.ModuleName, "pools-balance", broken), broken != ""
	}
}

// DirectoryIndexedInvariant: every region is found by its channel, and every channel index
// names a region on that channel.
func DirectoryIndexedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		var broken string
		regions := 0
		err := k.Regions.Walk(ctx, nil, func(name string, r types.Region) (bool, error) {
			regions++
			n, err := k.RegionsByChannel.Get(ctx, r.ChannelId)
			if err != nil && !errors.Is(err, collections.ErrNotFound) {
				return true, err
			}
			if err != nil || n != name {
				broken = fmt.Sprintf("region %q is not indexed by %s", name, r.ChannelId)
			}
			return broken != "", nil
		})
		indexed := 0
		if err == nil && broken == "" {
			err = k.RegionsByChannel.Walk(ctx, nil, func(string, string) (bool, error) {
				indexed++
				return false, nil
			})
			if indexed != regions {
				broken = fmt.Sprintf("%d channels indexed for %d regions", indexed, regions)
			}
		}
		if err != nil {
			broken = err.Error()
		}
		return sdk.FormatInvariant(types.ModuleName, "directory-indexed", broken), broken != ""
	}
}
