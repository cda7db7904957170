package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

// holder returns who holds member's vote on proposals of kind: the proxy given for that kind,
// else the one given for every kind; nil if none.
func (k Keeper) holder(ctx context.Context, member sdk.AccAddress, kind types.ProposalKind) (sdk.AccAddress, error) {
	for _, key := range []ProxyKey{collections.Join(member, int32(kind)), collections.Join(member, int32(types.PROPOSAL_KIND_UNSPECIFIED))} {
		p, err := k.Proxies.Get(ctx, key)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return k.address(p.Holder, "holder")
	}
	return nil, nil
}

// held walks the proxies holder holds (at most max_proxies).
func (k Keeper) held(ctx context.Context, holder sdk.AccAddress, f func(ProxyKey) error) error {
	it, err := k.Proxies.Indexes.Holder.MatchExact(ctx, holder)
	if err != nil {
		return err
	}
	defer it.Close()
	var keys []ProxyKey
	for ; it.Valid(); it.Next() {
		key, err := it.PrimaryKey()
		if err != nil {
			return err
		}
		keys = append(keys, key)
	}
	for _, key := range keys {
		if err := f(key); err != nil {
			return err
		}
	}
	return nil
}

// constituents walks the members whose vote holder holds on proposals of kind.
func (k Keeper) constituents(ctx context.Context, holder sdk.AccAddress, kind types.ProposalKind, f func(sdk.AccAddress) error) error {
	return k.held(ctx, holder, func(key ProxyKey) error {
		member := key.K1()
		switch types.ProposalKind(key.K2()) {
		case kind:
			return f(member)
		case types.PROPOSAL_KIND_UNSPECIFIED:
			if own, err := k.Proxies.Has(ctx, collections.Join(member, int32(kind))); err != nil || own {
				return err // a proxy of its own for this kind decides
			}
			return f(member)
		}
		return nil
	})
}

// holdsAny and gaveAny tell a member's roles: a proxy holder gives none, a giver holds none.
func (k Keeper) holdsAny(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	it, err := k.Proxies.Indexes.Holder.MatchExact(ctx, addr)
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}

func (k Keeper) gaveAny(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	it, err := k.Proxies.Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, int32](addr))
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}

// changeProxy applies change to member's proxies and keeps the running tallies of the open
// proposals exact: on each proposal in voting where the holder of member's vote changed, and
// member counts (eligible, not voted themselves), the old holder's vote counts one member
// fewer and the new holder's one more. One step per proposal in voting (at most
// max_open_proposals).
func (k Keeper) changeProxy(ctx context.Context, member sdk.AccAddress, change func() error) error {
	open, err := k.voting(ctx)
	if err != nil {
		return err
	}
	before := make([]sdk.AccAddress, len(open))
	for i, p := range open {
		if before[i], err = k.holder(ctx, member, p.Kind); err != nil {
			return err
		}
	}
	if err := change(); err != nil {
		return err
	}
	for i, p := range open {
		after, err := k.holder(ctx, member, p.Kind)
		if err != nil {
			return err
		}
		if bytes.Equal(before[i], after) {
			continue
		}
		counts, err := k.countsByProxy(ctx, p, member)
		if err != nil {
			return err
		}
		if !counts {
			continue // voted themselves, or not eligible here: nothing moves on this proposal
		}
		if err := k.reweigh(ctx, p.Id, before[i], after); err != nil {
			return err
		}
	}
	return nil
}

// countsByProxy tells whether member is counted by whoever holds their vote on p: eligible,
// and not voted themselves.
func (k Keeper) countsByProxy(ctx context.Context, p types.Proposal, member sdk.AccAddress) (bool, error) {
	ok, err := k.eligible(ctx, p, member)
	if err != nil || !ok {
		return false, err
	}
	voted, err := k.Votes.Has(ctx, collections.Join(p.Id, member))
	return !voted, err
}

// reweigh moves one member's count on proposal id from from's vote to to's (either may be
// nil, or not have voted: then that side changes nothing).
func (k Keeper) reweigh(ctx context.Context, id uint64, from, to sdk.AccAddress) error {
	tally, err := k.Tallies.Get(ctx, id)
	if err != nil {
		return err
	}
	for _, side := range []struct {
		voter sdk.AccAddress
		add   bool
	}{{from, false}, {to, true}} {
		if side.voter == nil {
			continue
		}
		key := collections.Join(id, side.voter)
		v, err := k.Votes.Get(ctx, key)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if side.add {
			v.Weight++
			tally.Add(v.Option, 1)
		} else {
			if v.Weight < 2 {
				return fmt.Errorf("assembly state: proposal %d: %s's vote counts no held vote to take", id, v.Voter)
			}
			v.Weight--
			if err := tally.Sub(v.Option, 1); err != nil {
				return err
			}
		}
		if err := k.Votes.Set(ctx, key, v); err != nil {
			return err
		}
	}
	return k.Tallies.Set(ctx, id, tally)
}

// giveProxy gives member's vote on kind to holder.
func (k Keeper) giveProxy(ctx context.Context, msg *types.MsgGiveProxy) error {
	member, err := k.address(msg.Member, "member")
	if err != nil {
		return err
	}
	holder, err := k.address(msg.Holder, "holder")
	if err != nil {
		return err
	}
	if member.Equals(holder) {
		return types.ErrSelfProxy
	}
	if err := k.requireMember(ctx, member, "member"); err != nil {
		return err
	}
	if err := k.requireMember(ctx, holder, "holder"); err != nil {
		return err
	}
	if holds, err := k.holdsAny(ctx, member); err != nil {
		return err
	} else if holds {
		return types.ErrProxyChain.Wrapf("%s holds proxies", msg.Member)
	}
	if gave, err := k.gaveAny(ctx, holder); err != nil {
		return err
	} else if gave {
		return types.ErrProxyChain.Wrapf("%s gave their own vote to another member", msg.Holder)
	}
	key := collections.Join(member, int32(msg.Kind))
	if old, err := k.Proxies.Get(ctx, key); err == nil && old.Holder == msg.Holder {
		return types.ErrProxyExists.Wrapf("%s already holds %s's proxy on %s", msg.Holder, msg.Member, msg.Kind)
	} else if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	rules, err := k.rules(ctx)
	if err != nil {
		return err
	}
	n := uint32(0)
	if err := k.held(ctx, holder, func(ProxyKey) error { n++; return nil }); err != nil {
		return err
	}
	if n >= rules.MaxProxies {
		return types.ErrTooManyProxies.Wrapf("%s holds %d, at most %d", msg.Holder, n, rules.MaxProxies)
	}
	if err := k.changeProxy(ctx, member, func() error {
		return k.Proxies.Set(ctx, key, types.Proxy{Member: msg.Member, Kind: msg.Kind, Holder: msg.Holder})
	}); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventProxyGiven{Member: msg.Member, Holder: msg.Holder, Kind: msg.Kind})
}

// takeBackProxy removes member's proxy on kind.
func (k Keeper) takeBackProxy(ctx context.Context, member sdk.AccAddress, kind types.ProposalKind) error {
	key := collections.Join(member, int32(kind))
	p, err := k.Proxies.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return types.ErrNoProxy.Wrapf("%s on %s", member, kind)
	}
	if err != nil {
		return err
	}
	if err := k.changeProxy(ctx, member, func() error { return k.Proxies.Remove(ctx, key) }); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventProxyTakenBack{Member: p.Member, Holder: p.Holder, Kind: kind})
}

// BeforeMemberLeaves: a member who leaves loses their vote and their proxies. The proxies
// they hold go back to their members (each member's vote counts again by a proxy of their
// own for every kind, if they gave one, or not at all); the proxies they gave end; their
// votes on the proposals in voting are taken out of the tallies. Bounded: (max_proxies +
// kinds) proxy changes, each one step per proposal in voting.
func (k Keeper) BeforeMemberLeaves(ctx context.Context, member sdk.AccAddress) error {
	if err := k.held(ctx, member, func(key ProxyKey) error {
		return k.takeBackProxy(ctx, key.K1(), types.ProposalKind(key.K2()))
	}); err != nil {
		return err
	}
	var given []types.ProposalKind
	if err := k.Proxies.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, int32](member), func(key ProxyKey, _ types.Proxy) (bool, error) {
		given = append(given, types.ProposalKind(key.K2()))
		return false, nil
	}); err != nil {
		return err
	}
	for _, kind := range given {
		if err := k.takeBackProxy(ctx, member, kind); err != nil {
			return err
		}
	}
	open, err := k.voting(ctx)
	if err != nil {
		return err
	}
	for _, p := range open {
		key := collections.Join(p.Id, member)
		v, err := k.Votes.Get(ctx, key)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		tally, err := k.Tallies.Get(ctx, p.Id)
		if err != nil {
			return err
		}
		if err := tally.Sub(v.Option, v.Weight); err != nil {
			return err
		}
		if err := k.Tallies.Set(ctx, p.Id, tally); err != nil {
			return err
		}
		if err := k.Votes.Remove(ctx, key); err != nil {
			return err
		}
	}
	return nil
}

// AfterMemberAdmitted: a new member votes from the next proposal that opens; nothing to do.
func (k Keeper) AfterMemberAdmitted(context.Context, sdk.AccAddress) error { return nil }
