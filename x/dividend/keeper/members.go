package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// The dividend is owed through an index, not pushed: a period's close adds per_member to
// the cumulative dividend, and a member is owed the cumulative of the last closed period
// less that of the period it was last paid through. It is paid when the member next signs
// a transaction (any transaction), claims it, or leaves. A member admitted while period n
// is open is owed from period n on; one who leaves while it is open is not owed period n.

// AfterMemberAdmitted registers a new member: owed from the open period on.
func (k Keeper) AfterMemberAdmitted(ctx context.Context, member sdk.AccAddress) error {
	open, err := k.Current.Get(ctx)
	if err != nil {
		return err
	}
	if err := k.Members.Set(ctx, member, types.Member{Address: member.String(), Since: open, SettledThrough: open - 1}); err != nil {
		return err
	}
	count, err := k.MemberCount.Get(ctx)
	if err != nil {
		return err
	}
	return k.MemberCount.Set(ctx, count+1)
}

// BeforeMemberLeaves pays a leaving member what it is owed and removes it.
func (k Keeper) BeforeMemberLeaves(ctx context.Context, member sdk.AccAddress) error {
	if _, err := k.settle(ctx, member); err != nil && !errorsmod.IsOf(err, types.ErrNothingOwed) {
		return err
	}
	if err := k.Members.Remove(ctx, member); err != nil {
		return err
	}
	count, err := k.MemberCount.Get(ctx)
	if err != nil {
		return err
	}
	return k.MemberCount.Set(ctx, count-1)
}

// Owed is what a member is owed now, and the last closed period it covers.
func (k Keeper) Owed(ctx context.Context, m types.Member) (math.Int, uint64, error) {
	open, err := k.Current.Get(ctx)
	if err != nil {
		return math.ZeroInt(), 0, err
	}
	last := open - 1
	if last <= m.SettledThrough {
		return math.ZeroInt(), last, nil
	}
	through, err := k.cumulative(ctx, last)
	if err != nil {
		return math.ZeroInt(), last, err
	}
	before, err := k.cumulative(ctx, m.SettledThrough)
	return through.Sub(before), last, err
}

// settle pays a member what it is owed from the treasury (the dividend route of the RSC
// rule) and records it paid through the last closed period.
func (k Keeper) settle(ctx context.Context, addr sdk.AccAddress) (math.Int, error) {
	m, err := k.Members.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), errorsmod.Wrapf(types.ErrNotMember, "%s", addr)
	}
	if err != nil {
		return math.ZeroInt(), err
	}
	owed, last, err := k.Owed(ctx, m)
	if err != nil {
		return owed, err
	}
	if !owed.IsPositive() {
		if last > m.SettledThrough { // periods with nothing to pay
			m.SettledThrough = last
			return owed, k.Members.Set(ctx, addr, m)
		}
		return owed, errorsmod.Wrapf(types.ErrNothingOwed, "paid through period %d", m.SettledThrough)
	}
	if k.bank.SpendableCoin(ctx, k.treasury, membershiptypes.Denom).Amount.LT(owed) {
		return owed, errorsmod.Wrapf(types.ErrTreasuryShort, "%s owed", owed)
	}
	if err := k.router.Pay(ctx, router.Payment{
		Route: router.Dividend, From: k.treasury, Legs: router.To(addr, owed), Link: valueflowstypes.Link("dividend/through-period", last),
	}); err != nil {
		return owed, err
	}
	m.SettledThrough = last
	if err := k.Members.Set(ctx, addr, m); err != nil {
		return owed, err
	}
	totals, err := k.Totals.Get(ctx)
	if err != nil {
		return owed, err
	}
	totals.PaidOut = totals.PaidOut.Add(owed)
	if err := k.Totals.Set(ctx, totals); err != nil {
		return owed, err
	}
	return owed, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDividendPaid{Member: m.Address, Amount: owed, Through: last})
}

// SettleSigners pays the members among a transaction's signers what they are owed: the
// dividend reaches a member's balance the moment it next uses its account. Nothing owed,
// or a treasury that cannot pay, leaves the transaction as it is.
func (k Keeper) SettleSigners(ctx context.Context, signers [][]byte) error {
	for _, s := range signers {
		if has, err := k.Members.Has(ctx, s); err != nil {
			return err
		} else if !has {
			continue
		}
		if _, err := k.settle(ctx, s); err != nil && !errorsmod.IsOf(err, types.ErrNothingOwed, types.ErrTreasuryShort) {
			return err
		}
	}
	return nil
}

// Reserved is what the treasury holds for the members: dividends declared and not yet paid,
// the carry for the next period, and the members' share of the open period's revenue so
// far (what its close will declare: the share is fixed when a period opens). Every spending
// from the treasury leaves it, so the treasury can always pay the dividend.
func (k Keeper) Reserved(ctx context.Context) (math.Int, error) {
	t, err := k.Totals.Get(ctx)
	if err != nil {
		return math.ZeroInt(), err
	}
	open, err := k.open(ctx)
	if err != nil {
		return math.ZeroInt(), err
	}
	upcoming := open.DividendShare.MulInt(open.Total).TruncateInt()
	return t.Declared.Sub(t.PaidOut).Add(t.Carried).Add(upcoming), nil
}

// RequireUnreserved returns ErrReserved unless the treasury still holds what is reserved
// for the members after spending amount (funding the bank, contributing to a pool).
func (k Keeper) RequireUnreserved(ctx context.Context, amount math.Int) error {
	reserved, err := k.Reserved(ctx)
	if err != nil {
		return err
	}
	held := k.bank.GetBalance(ctx, k.treasury, membershiptypes.Denom).Amount
	if held.Sub(amount).LT(reserved) {
		return errorsmod.Wrapf(types.ErrReserved, "the treasury holds %s, %s of it reserved", held, reserved)
	}
	return nil
}
