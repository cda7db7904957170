package keeper

import (
	"context"
	"errors"
	"sort"
	"strconv"

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

// Rent. A lease's rent is fixed when it starts: the unit's monthly cost, plus the markup
// (member_rent_markup for members and the region's companies, non_member_rent_markup for
// anyone else) of that cost, rounded down. Rent is due every month (the region's month,
// dividend_period), the first at once. The cost part goes to the agency that keeps the
// unit; what members pay above cost goes to the agency too (the region's surplus); what
// non-members pay above cost goes to the treasury and is booked for the dividend. A tenant
// that cannot pay in full pays what it can, cost first, and owes the rest as arrears,
// collected first at the next due date. Collections run a bounded number per block. A
// company that owes wage claims (x/payroll) pays no rent while it does: its money goes to its
// workers first, and the rent is owed as arrears. The arrears rule (notices, the end of a
// lease, debts collected from later income) is in arrears.go.

func ursc(amount math.Int) sdk.Coins { return sdk.NewCoins(sdk.NewCoin(membershiptypes.Denom, amount)) }

// member tells whether a tenant pays the members' markup: a member, or a company of the region.
func (k Keeper) member(ctx context.Context, tenant sdk.AccAddress) (bool, error) {
	agent, err := k.membership.GetAgent(ctx, tenant)
	if errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return false, nil
	}
	return err == nil && agent.InRegion(), err
}

// takings gathers the rent an agency received, so that its books are written once per
// batch of collections.
type takings map[string]*types.Books

func (t takings) add(agency string, l types.Lease, cost, markup math.Int) {
	b, ok := t[agency]
	if !ok {
		z := math.ZeroInt()
		b = &types.Books{Agency: agency, CostCollected: z, MemberMarkup: z, NonMemberMarkup: z, Bought: z}
		t[agency] = b
	}
	b.CostCollected = b.CostCollected.Add(cost)
	if l.Member {
		b.MemberMarkup = b.MemberMarkup.Add(markup)
	} else {
		b.NonMemberMarkup = b.NonMemberMarkup.Add(markup)
	}
}

// book adds the takings to the agencies' books, in a fixed order.
func (k Keeper) book(ctx context.Context, t takings) error {
	agencies := make([]string, 0, len(t))
	for a := range t {
		agencies = append(agencies, a)
	}
	sort.Strings(agencies)
	for _, a := range agencies {
		addr, err := k.address(a, "agency")
		if err != nil {
			return err
		}
		b, err := k.agencyBooks(ctx, addr)
		if err != nil {
			return err
		}
		d := t[a]
		b.CostCollected = b.CostCollected.Add(d.CostCollected)
		b.MemberMarkup = b.MemberMarkup.Add(d.MemberMarkup)
		b.NonMemberMarkup = b.NonMemberMarkup.Add(d.NonMemberMarkup)
		if err := k.Books.Set(ctx, addr, b); err != nil {
			return err
		}
	}
	return nil
}

// pay collects up to what a lease of unit u owes now (arrears and the month's rent) from
// its tenant, cost first, and adds it to t; it returns what was paid. With all set, it
// fails unless the whole amount is paid (the first month). It records the month's use of
// the unit and the RSC paid for it (x/valueflows).
func (k Keeper) pay(ctx context.Context, l *types.Lease, u types.Unit, all bool, t takings) (math.Int, error) {
	agency, err := k.address(u.Agency, "agency")
	if err != nil {
		return math.ZeroInt(), err
	}
	dueCost, dueMarkup := l.ArrearsCost.Add(l.Cost), l.ArrearsMarkup.Add(l.Markup)
	tenant, err := k.address(l.Tenant, "tenant")
	if err != nil {
		return math.ZeroInt(), err
	}
	available, err := k.spendable(ctx, tenant)
	if err != nil {
		return math.ZeroInt(), err
	}
	owed := dueCost.Add(dueMarkup)
	if all && available.LT(owed) {
		return math.ZeroInt(), errorsmod.Wrapf(types.ErrCannotPay, "%s owed, %s available", owed, available)
	}
	paidCost := math.MinInt(available, dueCost)
	paidMarkup := math.MinInt(available.Sub(paidCost), dueMarkup)
	l.ArrearsCost, l.ArrearsMarkup = dueCost.Sub(paidCost), dueMarkup.Sub(paidMarkup)
	paid := paidCost.Add(paidMarkup)
	if !paid.IsPositive() {
		return paid, k.recordRent(ctx, *l, u, paid, paid)
	}
	if err := k.settle(ctx, *l, tenant, agency, paidCost, paidMarkup, func(ctx context.Context, toAgency, toTreasury math.Int) error {
		return k.recordRent(ctx, *l, u, toAgency, toTreasury)
	}); err != nil {
		return paid, err
	}
	t.add(agency.String(), *l, paidCost, paidMarkup)
	l.Paid = l.Paid.Add(paid)
	return paid, nil
}

// spendable is what a tenant can pay rent from: nothing while it owes wage claims (its
// money goes to its workers first).
func (k Keeper) spendable(ctx context.Context, tenant sdk.AccAddress) (math.Int, error) {
	if k.wages != nil {
		owes, err := k.wages.OwesWages(ctx, tenant)
		if err != nil {
			return math.ZeroInt(), err
		}
		if owes {
			return math.ZeroInt(), nil
		}
	}
	return k.bank.SpendableCoin(ctx, tenant, membershiptypes.Denom).Amount, nil
}

// settle pays rent from the tenant in one payment: the cost and a member's markup to the
// agency, a non-member's markup to the treasury (booked for the dividend); record records
// its value flow, given what went to each.
func (k Keeper) settle(ctx context.Context, l types.Lease, tenant, agency sdk.AccAddress, cost, markup math.Int, record func(ctx context.Context, toAgency, toTreasury math.Int) error) error {
	toAgency, toTreasury := cost, math.ZeroInt()
	if l.Member {
		toAgency = toAgency.Add(markup)
	} else {
		toTreasury = markup
	}
	return k.router.Pay(ctx, router.Payment{
		Route: router.Rent, From: tenant,
		Legs:   []router.Leg{{To: agency, Amount: toAgency}, {Route: router.RentMarkup, To: k.treasury, Amount: toTreasury}},
		Record: func(ctx context.Context) error { return record(ctx, toAgency, toTreasury) },
	})
}

// startLease leases unit u to the applicant of entry e; the first month is paid at once.
func (k Keeper) startLease(ctx context.Context, u types.Unit, e types.Entry) (types.Lease, error) {
	if u.Status != types.UNIT_STATUS_OFFERED || u.OfferedTo != e.Id {
		return types.Lease{}, errorsmod.Wrapf(types.ErrUnitNotVacant, "unit %d is %s", u.Id, u.Status)
	}
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return types.Lease{}, err
	}
	tenant, err := k.address(e.Applicant, "applicant")
	if err != nil {
		return types.Lease{}, err
	}
	member, err := k.member(ctx, tenant)
	if err != nil {
		return types.Lease{}, err
	}
	markup := params.NonMemberRentMarkup
	if member {
		markup = params.MemberRentMarkup
	}
	cost, above := u.Rent(markup)
	id, err := modulekit.NextID(ctx, k.LeaseSeq)
	if err != nil {
		return types.Lease{}, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	due := now.Add(params.DividendPeriod)
	z := math.ZeroInt()
	l := types.Lease{Id: id, UnitId: u.Id, Tenant: e.Applicant, Cost: cost, Markup: above, Member: member, Start: now, NextDue: &due,
		ArrearsCost: z, ArrearsMarkup: z, Paid: z, Active: true}
	t := takings{}
	if _, err := k.pay(ctx, &l, u, true, t); err != nil {
		return l, err
	}
	if err := k.book(ctx, t); err != nil {
		return l, err
	}
	if err := k.setLease(ctx, nil, l); err != nil {
		return l, err
	}
	if err := k.LeasesByTenant.Set(ctx, collections.Join(tenant, l.Id)); err != nil {
		return l, err
	}
	u.Status, u.OfferedTo, u.LeaseId = types.UNIT_STATUS_LEASED, 0, l.Id
	if err := k.setUnit(ctx, u); err != nil {
		return l, err
	}
	return l, k.removeEntry(ctx, e)
}

// setLease stores a lease (old is the stored one, nil if none) and keeps its places in the
// due queue and the notice queue, and in the debtors' index (an ended lease still owed).
func (k Keeper) setLease(ctx context.Context, old *types.Lease, l types.Lease) error {
	if old != nil && old.NextDue != nil && (l.NextDue == nil || !old.NextDue.Equal(*l.NextDue)) {
		if err := k.Due.Remove(ctx, collections.Join(*old.NextDue, l.Id)); err != nil {
			return err
		}
	}
	if l.Active && l.NextDue != nil {
		if err := k.Due.Set(ctx, collections.Join(*l.NextDue, l.Id)); err != nil {
			return err
		}
	}
	if old != nil && old.NoticeEnds != nil && (!l.Active || l.NoticeEnds == nil || !old.NoticeEnds.Equal(*l.NoticeEnds)) {
		if err := k.NoticesDue.Remove(ctx, collections.Join(*old.NoticeEnds, l.Id)); err != nil {
			return err
		}
	}
	if l.Active && l.NoticeEnds != nil {
		if err := k.NoticesDue.Set(ctx, collections.Join(*l.NoticeEnds, l.Id)); err != nil {
			return err
		}
	}
	if wasDebt := old != nil && old.InDebt(); wasDebt != l.InDebt() {
		tenant, err := k.address(l.Tenant, "tenant")
		if err != nil {
			return err
		}
		n, err := k.DebtorCount.Get(ctx)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if wasDebt {
			err = errors.Join(k.Debtors.Remove(ctx, collections.Join(tenant, l.Id)), k.DebtorCount.Set(ctx, n-min(n, 1)))
		} else {
			err = errors.Join(k.Debtors.Set(ctx, collections.Join(tenant, l.Id)), k.DebtorCount.Set(ctx, n+1))
		}
		if err != nil {
			return err
		}
	}
	return k.Leases.Set(ctx, l.Id, l)
}

// collectRent collects a month's rent (and arrears) of a lease into t, after the tenant's
// debts if income of its waits to be collected, and gives notice (or lifts it) by the
// arrears left.
func (k Keeper) collectRent(ctx sdk.Context, l *types.Lease, params gptypes.Params, t takings) error {
	u, err := k.unit(ctx, l.UnitId)
	if err != nil {
		return err
	}
	if err := k.debtsFirst(ctx, l.Tenant, t); err != nil {
		return err
	}
	paid, err := k.pay(ctx, l, u, false, t)
	if err != nil {
		return err
	}
	if l.ArrearsCost.Add(l.ArrearsMarkup).IsPositive() {
		l.Missed++
	}
	next := l.NextDue.Add(params.DividendPeriod)
	l.NextDue = &next
	ctx.EventManager().EmitEvent(RentPaidEvent(*l, paid))
	return k.review(ctx, l, params)
}

// RentPaidEvent is types.EventRentPaid as an ABCI event, exactly as EmitTypedEvent would
// encode it (clients parse it with sdk.ParseTypedEvent), built without JSON reflection:
// the collection run emits one per lease.
func RentPaidEvent(l types.Lease, paid math.Int) sdk.Event {
	q := func(s string) string { return `"` + s + `"` }
	return sdk.NewEvent("conductor.housing.v1.EventRentPaid",
		sdk.NewAttribute("arrears", q(l.ArrearsCost.Add(l.ArrearsMarkup).String())),
		sdk.NewAttribute("lease_id", q(strconv.FormatUint(l.Id, 10))),
		sdk.NewAttribute("paid", q(paid.String())),
		sdk.NewAttribute("tenant", q(l.Tenant)),
		sdk.NewAttribute("unit_id", q(strconv.FormatUint(l.UnitId, 10))),
	)
}

// endLease ends a lease (l as stored); its unit goes to the next on the wait-list. A notice
// ends with it. Arrears stay on the lease, owed: a debt collected from the tenant's later
// income (arrears.go).
func (k Keeper) endLease(ctx context.Context, l types.Lease) error {
	old := l
	l.Active, l.NextDue, l.NoticeAt, l.NoticeEnds = false, nil, nil, nil
	if err := k.setLease(ctx, &old, l); err != nil {
		return err
	}
	u, err := k.unit(ctx, l.UnitId)
	if err != nil {
		return err
	}
	return k.vacate(ctx, u)
}

// collectDue collects the rents due by the block time, a bounded number per block.
func (k Keeper) collectDue(ctx sdk.Context, params gptypes.Params) error {
	due, err := modulekit.DueNow(ctx, k.Due, params.MaxPayoutsPerBlock)
	if err != nil {
		return err
	}
	return modulekit.RunBatch(ctx, types.ModuleName, due, func(ctx sdk.Context, ids []uint64) error {
		t := takings{}
		for _, id := range ids {
			l, err := k.Leases.Get(ctx, id)
			if err != nil {
				return modulekit.ItemError{ID: id, Err: err}
			}
			if l.NoticeEnds != nil && !l.NoticeEnds.After(ctx.BlockTime()) {
				// the notice ran out first (its queue is behind): the lease may end before
				// a month it would not have is charged
				ended, err := k.noticeRunsOut(ctx, l, params, t)
				if err != nil {
					return modulekit.ItemError{ID: id, Err: err}
				}
				if ended {
					continue
				}
				if l, err = k.Leases.Get(ctx, id); err != nil {
					return modulekit.ItemError{ID: id, Err: err}
				}
			}
			old := l
			if err := k.collectRent(ctx, &l, params, t); err != nil {
				return modulekit.ItemError{ID: id, Err: err}
			}
			if err := k.setLease(ctx, &old, l); err != nil {
				return modulekit.ItemError{ID: id, Err: err}
			}
		}
		return k.book(ctx, t)
	}, func(ctx sdk.Context, id uint64) error {
		l, err := k.Leases.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) || l.NextDue == nil {
			return modulekit.DropDue(ctx, k.Due, id)
		}
		if err != nil {
			return err
		}
		old := l
		next := l.NextDue.Add(params.DividendPeriod)
		l.NextDue = &next
		return k.setLease(ctx, &old, l)
	})
}

// EndBlocker collects the debts of the debtors who received income, ends the leases whose
// arrears notice ran out, collects the rents due and passes on the offers that lapsed, each
// a bounded number per block; it never returns an error.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	params, err := k.params.GetParams(ctx)
	if err != nil {
		sdkCtx.Logger().Error("housing: no parameters", "err", err)
		return nil
	}
	if err := k.collectNoted(sdkCtx, params); err != nil {
		sdkCtx.Logger().Error("housing: debt collection failed", "err", err)
	}
	if err := k.endNotices(sdkCtx, params); err != nil {
		sdkCtx.Logger().Error("housing: ending notices failed", "err", err)
	}
	if err := k.collectDue(sdkCtx, params); err != nil {
		sdkCtx.Logger().Error("housing: rent collection failed", "err", err)
	}
	if err := modulekit.WorkOffDue(sdkCtx, types.ModuleName, k.OffersDue, params.MaxPayoutsPerBlock, k.lapse); err != nil {
		sdkCtx.Logger().Error("housing: lapsing offers failed", "err", err)
	}
	return nil
}

// Debts lists the rent arrears a tenant owes, lease by lease.
func (k Keeper) Debts(ctx context.Context, tenant sdk.AccAddress) ([]types.Debt, error) {
	var out []types.Debt
	err := k.LeasesByTenant.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](tenant), func(key addrID) (bool, error) {
		l, err := k.Leases.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		if owed := l.ArrearsCost.Add(l.ArrearsMarkup); owed.IsPositive() {
			u, err := k.unit(ctx, l.UnitId)
			if err != nil {
				return true, err
			}
			agency, err := k.address(u.Agency, "agency")
			if err != nil {
				return true, err
			}
			out = append(out, types.Debt{LeaseID: l.Id, Agency: agency, Amount: owed})
		}
		return false, nil
	})
	return out, err
}

// CloseTenant winds up a bankrupt tenant's leases: amounts[i] (at most what debts[i] is
// owed) is paid from the tenant to the agency towards the arrears, cost first, and every
// active lease ends, its unit going to the next on the wait-list.
func (k Keeper) CloseTenant(ctx context.Context, tenant sdk.AccAddress, debts []types.Debt, amounts []math.Int) error {
	t := takings{}
	for i, d := range debts {
		if !amounts[i].IsPositive() {
			continue
		}
		l, err := k.Leases.Get(ctx, d.LeaseID)
		if err != nil {
			return err
		}
		cost := math.MinInt(amounts[i], l.ArrearsCost)
		markup := math.MinInt(amounts[i].Sub(cost), l.ArrearsMarkup)
		if err := k.router.Pay(ctx, router.Payment{
			Route: router.BankruptcyDistribution, From: tenant, Legs: router.To(d.Agency, cost.Add(markup)),
			Link: valueflowstypes.Link("housing/lease", l.Id), Note: "a bankrupt tenant's rent arrears",
		}); err != nil {
			return err
		}
		old := l
		l.ArrearsCost, l.ArrearsMarkup, l.Paid = l.ArrearsCost.Sub(cost), l.ArrearsMarkup.Sub(markup), l.Paid.Add(cost).Add(markup)
		t.add(d.Agency.String(), l, cost, markup)
		if err := k.setLease(ctx, &old, l); err != nil {
			return err
		}
	}
	if err := k.book(ctx, t); err != nil {
		return err
	}
	var active []types.Lease
	err := k.LeasesByTenant.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](tenant), func(key addrID) (bool, error) {
		l, err := k.Leases.Get(ctx, key.K2())
		if err == nil && l.Active {
			active = append(active, l)
		}
		return false, err
	})
	if err != nil {
		return err
	}
	for _, l := range active {
		if err := k.endLease(ctx, l); err != nil {
			return err
		}
	}
	return nil
}

// unitSpecs are the resource kinds (x/valueflows) of the units the agency rents.
var unitSpecs = map[types.UnitKind]uint64{
	types.UNIT_KIND_APARTMENT: valueflowstypes.SpecHome,
	types.UNIT_KIND_FACILITY:  valueflowstypes.SpecFacility,
	types.UNIT_KIND_EQUIPMENT: valueflowstypes.SpecEquipment,
}

// recordRent records a month's use of unit u by the tenant, valued at its rent (a company
// attaches it to the processes that used the facility), settled by the RSC the tenant paid:
// to the agency, and a non-member's markup to the treasury. One event per rent, its RSC
// kept inside it as a purchase keeps its own.
func (k Keeper) recordRent(ctx context.Context, l types.Lease, u types.Unit, toAgency, toTreasury math.Int) error {
	var paidBy []valueflowstypes.Settlement
	for _, p := range []struct {
		to, note string
		amount   math.Int
	}{{u.Agency, "rent", toAgency}, {k.treasury.String(), "rent above cost", toTreasury}} {
		if p.amount.IsPositive() {
			paidBy = append(paidBy, valueflowstypes.Settlement{Receiver: p.to, Amount: p.amount, Denom: membershiptypes.Denom, Note: p.note})
		}
	}
	_, err := k.flows.Record(ctx, valueflowstypes.EconomicEvent{
		Action: valueflowstypes.ACTION_USE, Provider: u.Agency, Receiver: l.Tenant, SpecId: unitSpecs[u.Kind],
		Quantity: math.LegacyOneDec(), Unit: "month", Value: math.LegacyNewDecFromInt(l.Cost.Add(l.Markup)),
		Link: valueflowstypes.Link("housing/lease", l.Id), Note: valueflowstypes.Link("housing/unit", u.Id), SettledBy: paidBy,
	})
	return err
}
