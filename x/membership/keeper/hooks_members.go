package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// MemberHooks is told when a person becomes a member and before one leaves (the dividend
// keeps its register of members by them; the assembly ends a leaving member's votes and proxies).
type MemberHooks interface {
	AfterMemberAdmitted(ctx context.Context, member sdk.AccAddress) error
	BeforeMemberLeaves(ctx context.Context, member sdk.AccAddress) error
}

// memberHooks is shared by every copy of the keeper, so that hooks set after the keeper
// was handed to other keepers reach them all.
type memberHooks struct{ h []MemberHooks }

// SetMemberHooks installs the member hooks, called in order (once, when the app is built).
func (k Keeper) SetMemberHooks(h ...MemberHooks) { k.hooks.h = h }

func (k Keeper) afterAdmitted(ctx context.Context, member sdk.AccAddress) error {
	for _, h := range k.hooks.h {
		if err := h.AfterMemberAdmitted(ctx, member); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) beforeLeaving(ctx context.Context, member sdk.AccAddress) error {
	for _, h := range k.hooks.h {
		if err := h.BeforeMemberLeaves(ctx, member); err != nil {
			return err
		}
	}
	return nil
}

// WalkAgents calls f for each agent of kind, in address order, starting after after (nil:
// from the first), until f returns true.
func (k Keeper) WalkAgents(ctx context.Context, kind types.AgentKind, after sdk.AccAddress, f func(sdk.AccAddress) (bool, error)) error {
	rng := collections.NewPrefixedPairRange[int32, sdk.AccAddress](int32(kind))
	if after != nil {
		rng = rng.StartExclusive(after)
	}
	return k.AgentsByKind.Walk(ctx, rng, func(key collections.Pair[int32, sdk.AccAddress]) (bool, error) {
		return f(key.K2())
	})
}

// WalkMembers calls f for each member of the region (not the registered non-members), in
// address order.
func (k Keeper) WalkMembers(ctx context.Context, f func(sdk.AccAddress) error) error {
	return k.Members.Walk(ctx, nil, func(addr sdk.AccAddress) (bool, error) {
		return false, f(addr)
	})
}
