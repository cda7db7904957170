package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/housing/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// Arrears. The region sets the rule (x/governanceparams): arrears_notice_after, N months
// (default 2; 0: no notices), and arrears_notice_period (default 30 days). When, at a rent
// collection, a lease's arrears reach N months of its rent (arrears >= N x (cost + markup)),
// the tenant is given notice: notice_at, and notice_ends a notice period later
// (EventArrearsNotice). The notice is lifted (EventArrearsNoticeLifted) once the arrears are
// below N months again: at a rent collection, or when the notice runs out, the arrears being
// collected one last time from what the tenant holds (cost first). If they are still N
// months or more then, the lease ends at that moment (the notices wait in a queue ordered by
// notice_ends, worked off a bounded number per block, before the rents due): its unit goes
// to the next on the wait-list (EventLeaseEndedForArrears), no further month is charged,
// and the arrears stay the tenant's debt. The rule as the region has it when the notice runs
// out applies (N = 0 then lifts it).
//
// Debts. The arrears of an ended lease (ended for arrears, or by the tenant or the agency)
// are a debt of the tenant (Debtors: tenant, lease; query debts). Income reaches a person
// only through Conductor actions (wages, the dividend, refunds): DebtsFirst, a bank send
// restriction, notes a debtor that receives ursc that way (Noted), and the next EndBlock
// collects the debts from it before anything else of the debtor's is taken: first thing in
// housing's EndBlock (before the rents; housing runs before x/bankloans' installments), and
// at a rent of the debtor's that comes first. A debt is collected as far as the debtor's
// spendable ursc goes, oldest lease first, cost first, then markup, to the agency and the
// treasury as rent is, booked in the agency's books and recorded as RSC transfers
// (x/valueflows, link housing/lease/<id>) (EventDebtCollected).

// review gives a lease notice, or lifts its notice, by the arrears left after a rent
// collection.
func (k Keeper) review(ctx sdk.Context, l *types.Lease, params gptypes.Params) error {
	owed, limit := l.Arrears(), l.NoticeThreshold(params.ArrearsNoticeAfter)
	over := params.ArrearsNoticeAfter > 0 && owed.GTE(limit)
	switch {
	case over && l.NoticeEnds == nil:
		now := ctx.BlockTime()
		ends := now.Add(params.ArrearsNoticePeriod)
		l.NoticeAt, l.NoticeEnds = &now, &ends
		return ctx.EventManager().EmitTypedEvent(&types.EventArrearsNotice{LeaseId: l.Id, UnitId: l.UnitId, Tenant: l.Tenant, Arrears: owed, Threshold: limit, Ends: ends})
	case !over && l.NoticeEnds != nil:
		return k.lift(ctx, l)
	}
	return nil
}

// lift lifts a lease's notice.
func (k Keeper) lift(ctx sdk.Context, l *types.Lease) error {
	l.NoticeAt, l.NoticeEnds = nil, nil
	return ctx.EventManager().EmitTypedEvent(&types.EventArrearsNoticeLifted{LeaseId: l.Id, UnitId: l.UnitId, Tenant: l.Tenant, Arrears: l.Arrears()})
}

// endNotices settles the notices run out by the block time, a bounded number per block,
// oldest first, in one cache: one that fails is postponed by a notice period (as a rent that
// fails is postponed by a month), the others run without it.
func (k Keeper) endNotices(ctx sdk.Context, params gptypes.Params) error {
	due, err := modulekit.DueNow(ctx, k.NoticesDue, params.MaxPayoutsPerBlock)
	if err != nil {
		return err
	}
	return modulekit.RunBatch(ctx, types.ModuleName, due, func(ctx sdk.Context, ids []uint64) error {
		for _, id := range ids {
			if err := k.noticeEnds(ctx, id, params); err != nil {
				return modulekit.ItemError{ID: id, Err: err}
			}
		}
		return nil
	}, func(ctx sdk.Context, id uint64) error {
		l, err := k.Leases.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) || (err == nil && (!l.Active || l.NoticeEnds == nil)) {
			return modulekit.DropDue(ctx, k.NoticesDue, id)
		}
		if err != nil {
			return err
		}
		old := l
		ends := l.NoticeEnds.Add(params.ArrearsNoticePeriod)
		l.NoticeEnds = &ends
		return k.setLease(ctx, &old, l)
	})
}

// noticeEnds settles the notice of lease id, run out.
func (k Keeper) noticeEnds(ctx sdk.Context, id uint64, params gptypes.Params) error {
	l, err := k.Leases.Get(ctx, id)
	if err != nil {
		return err
	}
	if !l.Active || l.NoticeEnds == nil || l.NoticeEnds.After(ctx.BlockTime()) {
		return errorsmod.Wrapf(types.ErrNoNotice, "lease %d", id)
	}
	t := takings{}
	if _, err := k.noticeRunsOut(ctx, l, params, t); err != nil {
		return err
	}
	return k.book(ctx, t)
}

// noticeRunsOut collects lease l's arrears (l as stored) one last time into t; then it lifts
// the notice if they are below the threshold (or the region gives no notices any more), or
// ends the lease and tells whether it did.
func (k Keeper) noticeRunsOut(ctx sdk.Context, l types.Lease, params gptypes.Params, t takings) (bool, error) {
	u, err := k.unit(ctx, l.UnitId)
	if err != nil {
		return false, err
	}
	old := l
	if _, err := k.payArrears(ctx, &l, u, t); err != nil {
		return false, err
	}
	if owed := l.Arrears(); params.ArrearsNoticeAfter == 0 || owed.LT(l.NoticeThreshold(params.ArrearsNoticeAfter)) {
		if err := k.lift(ctx, &l); err != nil {
			return false, err
		}
		return false, k.setLease(ctx, &old, l)
	}
	l.EndedForArrears = true
	if err := k.endLease(ctx, l); err != nil {
		return false, err
	}
	return true, ctx.EventManager().EmitTypedEvent(&types.EventLeaseEndedForArrears{LeaseId: l.Id, UnitId: l.UnitId, Tenant: l.Tenant, Debt: l.Arrears()})
}

// payArrears collects a lease's arrears (not a new month) from its tenant into t, as far as
// what it can pay goes, cost first: to the agency and the treasury as rent is, recorded as
// RSC transfers. It returns what was paid.
func (k Keeper) payArrears(ctx context.Context, l *types.Lease, u types.Unit, t takings) (math.Int, error) {
	if !l.Arrears().IsPositive() {
		return math.ZeroInt(), nil
	}
	tenant, err := k.address(l.Tenant, "tenant")
	if err != nil {
		return math.ZeroInt(), err
	}
	agency, err := k.address(u.Agency, "agency")
	if err != nil {
		return math.ZeroInt(), err
	}
	available, err := k.spendable(ctx, tenant)
	if err != nil {
		return math.ZeroInt(), err
	}
	cost := math.MinInt(available, l.ArrearsCost)
	markup := math.MinInt(available.Sub(cost), l.ArrearsMarkup)
	paid := cost.Add(markup)
	if !paid.IsPositive() {
		return paid, nil
	}
	if err := k.settle(ctx, *l, tenant, agency, cost, markup, func(ctx context.Context, toAgency, toTreasury math.Int) error {
		for _, p := range []struct {
			to     string
			amount math.Int
		}{{u.Agency, toAgency}, {k.treasury.String(), toTreasury}} {
			if !p.amount.IsPositive() {
				continue
			}
			e := valueflowstypes.RSCTransfer(l.Tenant, p.to, p.amount, valueflowstypes.Link("housing/lease", l.Id), 0)
			e.Note = "rent arrears"
			if _, err := k.flows.Record(ctx, e); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return paid, err
	}
	t.add(agency.String(), *l, cost, markup)
	l.ArrearsCost, l.ArrearsMarkup, l.Paid = l.ArrearsCost.Sub(cost), l.ArrearsMarkup.Sub(markup), l.Paid.Add(paid)
	return paid, nil
}

// DebtsFirst is a bank send restriction: it notes a debtor (the tenant of an ended lease
// still owed) that receives ursc by a Conductor action, its income, so that the EndBlock
// collects its debts from it before anything else. It never refuses or redirects a send;
// it reads one index of the recipient, and only under a Conductor action.
func (k Keeper) DebtsFirst(ctx context.Context, _, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	if _, routed := router.RouteOf(ctx); !routed || !amt.AmountOf(membershiptypes.Denom).IsPositive() {
		return to, nil
	}
	owes, err := false, error(nil)
	if n, _ := k.DebtorCount.Get(ctx); n > 0 { // absent: no one owes
		owes, err = k.owes(ctx, to)
	}
	if err == nil && owes {
		err = k.Noted.Set(ctx, to)
	}
	if err != nil {
		sdk.UnwrapSDKContext(ctx).Logger().Error("housing: noting a debtor failed", "debtor", to.String(), "err", err)
	}
	return to, nil
}

// owes tells whether debtor owes the arrears of an ended lease.
func (k Keeper) owes(ctx context.Context, debtor sdk.AccAddress) (bool, error) {
	it, err := k.Debtors.Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](debtor))
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}

// collectNoted collects the debts of the debtors noted, at most max_payouts_per_block of
// them a block, each in its own cache: one that fails is logged and left until its next
// income.
func (k Keeper) collectNoted(ctx sdk.Context, params gptypes.Params) error {
	it, err := k.Noted.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	var noted []sdk.AccAddress
	for ; it.Valid() && len(noted) < int(max(1, params.MaxPayoutsPerBlock)); it.Next() {
		debtor, err := it.Key()
		if err != nil {
			it.Close()
			return err
		}
		noted = append(noted, debtor)
	}
	it.Close()
	for _, debtor := range noted {
		cache, write := ctx.CacheContext()
		t := takings{}
		err := k.collectDebts(cache, debtor, t)
		if err == nil {
			err = k.book(cache, t)
		}
		if err != nil {
			ctx.Logger().Error("housing: collecting a debt failed; left until the debtor's next income", "debtor", debtor.String(), "err", err)
		} else {
			write()
		}
		if err := k.Noted.Remove(ctx, debtor); err != nil {
			return err
		}
	}
	return nil
}

// debtsFirst collects a tenant's debts before its rent, if income of its waits to be
// collected (the noted beyond a block's limit).
func (k Keeper) debtsFirst(ctx sdk.Context, tenant string, t takings) error {
	addr, err := k.address(tenant, "tenant")
	if err != nil {
		return err
	}
	noted, err := k.Noted.Has(ctx, addr)
	if err != nil || !noted {
		return err
	}
	if err := k.collectDebts(ctx, addr, t); err != nil {
		return err
	}
	return k.Noted.Remove(ctx, addr)
}

// collectDebts collects a debtor's debts into t, oldest lease first (at most maxScan of
// them), as far as what it holds goes.
func (k Keeper) collectDebts(ctx sdk.Context, debtor sdk.AccAddress, t takings) error {
	var ids []uint64
	err := k.Debtors.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](debtor), func(key addrID) (bool, error) {
		ids = append(ids, key.K2())
		return len(ids) >= maxScan, nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		l, err := k.Leases.Get(ctx, id)
		if err != nil {
			return err
		}
		u, err := k.unit(ctx, l.UnitId)
		if err != nil {
			return err
		}
		old := l
		paid, err := k.payArrears(ctx, &l, u, t)
		if err != nil {
			return err
		}
		if !paid.IsPositive() {
			return nil // nothing left to take
		}
		if err := k.setLease(ctx, &old, l); err != nil {
			return err
		}
		if err := ctx.EventManager().EmitTypedEvent(&types.EventDebtCollected{LeaseId: l.Id, Tenant: l.Tenant, Paid: paid, Owed: l.Arrears()}); err != nil {
			return err
		}
	}
	return nil
}
