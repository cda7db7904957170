// Package simulation gives x/housing operations: the housing agency registers homes,
// persons join the wait-list and accept or decline what they are offered, tenants end
// their leases or spend what they would pay the rent with, and the assembly sets a short
// arrears rule; rent is collected in EndBlock as simulated time passes, arrears grow, notices
// are given and lifted, leases end for arrears, and debts are collected from income.
package simulation

import (
	"math/rand"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/housing/keeper"
	"github.com/conductor-coop/conductor/x/housing/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

var locations = []string{"north", "south", ""}

// WeightedOperations are the housing operations.
func WeightedOperations(k membershipsim.Keepers, hk keeper.Keeper) simulation.WeightedOperations {
	s := sim{k: k, hk: hk}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(15, s.register),
		simulation.NewWeightedOperation(40, s.join),
		simulation.NewWeightedOperation(40, s.answer),
		simulation.NewWeightedOperation(5, s.end),
		simulation.NewWeightedOperation(15, s.fallBehind),
		simulation.NewWeightedOperation(10, s.arrearsRule),
	}
}

type sim struct {
	k  membershipsim.Keepers
	hk keeper.Keeper
}

func noop(msg sdk.Msg, why string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), why), nil, nil
}

// address decodes a stored address with the region's address codec.
func (s sim) address(a string) (sdk.AccAddress, error) {
	return s.k.Membership.AddressCodec().StringToBytes(a)
}

// register has the housing agency's board register a home with random costs.
func (s sim) register(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	agency, board, ok := membershipsim.RandomInstitution(r, ctx, s.k, accs, membershiptypes.AGENT_KIND_REGIONAL_COMPANY)
	if !ok {
		return noop(&types.MsgRegisterUnit{}, "no housing agency")
	}
	cost := func() math.Int { return math.NewInt(int64(r.Intn(2_000_000))) }
	u := types.Unit{Kind: types.UNIT_KIND_APARTMENT, Name: simtypes.RandStringOfLength(r, 8), Location: locations[r.Intn(2)],
		Area: uint32(20 + r.Intn(100)), Agency: agency, PropertyTax: cost(), Maintenance: cost(), Administration: math.NewInt(1 + int64(r.Intn(1_000_000)))}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, agency, board, &types.MsgRegisterUnit{Signer: agency, Unit: u})
	return op, nil, err
}

// join puts a random person on the housing wait-list.
func (s sim) join(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	acc, _ := simtypes.RandomAcc(r, accs)
	if agent, err := s.k.Membership.GetAgent(ctx, acc.Address); err == nil && agent.Kind != membershiptypes.AGENT_KIND_PERSON {
		return noop(&types.MsgJoinWaitlist{}, "not a person")
	}
	waiting := false
	_ = s.hk.EntriesByApplicant.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](acc.Address), func(collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		waiting = true
		return true, nil
	})
	if waiting {
		return noop(&types.MsgJoinWaitlist{}, "already waiting")
	}
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, acc, &types.MsgJoinWaitlist{
		Applicant: acc.Address.String(), Kind: types.UNIT_KIND_APARTMENT, Location: locations[r.Intn(3)], MinArea: uint32(r.Intn(80)),
	})
	return op, nil, err
}

// answer has the holder of an offer accept it (if it can pay) or decline it.
func (s sim) answer(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	var offered *types.Unit
	_ = s.hk.Units.Walk(ctx, nil, func(_ uint64, u types.Unit) (bool, error) {
		if u.Status == types.UNIT_STATUS_OFFERED {
			offered = &u
		}
		return offered != nil && r.Intn(2) == 0, nil
	})
	if offered == nil {
		return noop(&types.MsgAcceptOffer{}, "no offer")
	}
	e, err := s.hk.Entries.Get(ctx, offered.OfferedTo)
	if err != nil {
		return noop(&types.MsgAcceptOffer{}, err.Error())
	}
	applicant, err := s.address(e.Applicant)
	if err != nil {
		return noop(&types.MsgAcceptOffer{}, err.Error())
	}
	acc, ok := simtypes.FindAccount(accs, applicant)
	if !ok {
		return noop(&types.MsgAcceptOffer{}, "not a simulated account")
	}
	var msg sdk.Msg = &types.MsgDeclineOffer{Applicant: e.Applicant, EntryId: e.Id}
	rent := offered.Cost().MulRaw(2)
	spent := sdk.NewCoins()
	if r.Intn(4) != 0 && s.k.Bank.SpendableCoins(ctx, acc.Address).AmountOf(membershiptypes.Denom).GT(rent.MulRaw(2)) {
		msg, spent = &types.MsgAcceptOffer{Applicant: e.Applicant, EntryId: e.Id}, sdk.NewCoins(sdk.NewCoin(membershiptypes.Denom, rent))
	}
	op, err := membershipsim.DeliverSpending(r, app, ctx, s.k, types.ModuleName, acc, msg, spent)
	return op, nil, err
}

// end has a tenant end its lease.
func (s sim) end(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	l, acc, why := s.activeLease(r, ctx, accs)
	if why != "" {
		return noop(&types.MsgEndLease{}, why)
	}
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, acc, &types.MsgEndLease{Signer: l.Tenant, LeaseId: l.Id})
	return op, nil, err
}

// activeLease picks a random lease; it returns it if it is active and its tenant is a
// simulated account.
func (s sim) activeLease(r *rand.Rand, ctx sdk.Context, accs []simtypes.Account) (types.Lease, simtypes.Account, string) {
	last, err := s.hk.LeaseSeq.Peek(ctx)
	if err != nil || last == 0 {
		return types.Lease{}, simtypes.Account{}, "no lease"
	}
	l, err := s.hk.Leases.Get(ctx, uint64(1+r.Intn(int(last))))
	if err != nil || !l.Active {
		return l, simtypes.Account{}, "ended"
	}
	tenant, err := s.address(l.Tenant)
	if err != nil {
		return l, simtypes.Account{}, err.Error()
	}
	acc, ok := simtypes.FindAccount(accs, tenant)
	if !ok {
		return l, acc, "not a simulated account"
	}
	return l, acc, ""
}

// fallBehind has a tenant give away what it holds but less than a month's rent (a send to
// another person): its next rents leave arrears, and notices follow.
func (s sim) fallBehind(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	l, acc, why := s.activeLease(r, ctx, accs)
	if why != "" {
		return noop(&banktypes.MsgSend{}, why)
	}
	to, _ := simtypes.RandomAcc(r, accs)
	if agent, err := s.k.Membership.GetAgent(ctx, to.Address); to.Address.Equals(acc.Address) || (err == nil && agent.Kind.Restricted()) {
		return noop(&banktypes.MsgSend{}, "no person to give to")
	}
	held := s.k.Bank.SpendableCoins(ctx, acc.Address).AmountOf(membershiptypes.Denom)
	keep := math.NewInt(r.Int63n(l.Cost.Add(l.Markup).Int64() + 1)) // and the fee, drawn from it
	if !held.GT(keep) {
		return noop(&banktypes.MsgSend{}, "already behind")
	}
	gift := sdk.NewCoins(sdk.NewCoin(membershiptypes.Denom, held.Sub(keep)))
	if err := s.k.Bank.IsSendEnabledCoins(ctx, gift...); err != nil {
		return noop(&banktypes.MsgSend{}, "sends disabled")
	}
	op, err := membershipsim.DeliverSpending(r, app, ctx, s.k, types.ModuleName, acc, banktypes.NewMsgSend(acc.Address, to.Address, gift), gift)
	return op, nil, err
}

// arrearsRule has the assembly set a short month and arrears rule, so that rents fall due
// and notices run out within a simulation: a month of 1 to 6 hours, notice after 0 (never)
// to 3 months, for 1 to 12 hours.
func (s sim) arrearsRule(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	assembly, err := s.k.Membership.Authority(ctx)
	if len(members) == 0 || err != nil {
		return noop(&gptypes.MsgUpdateParams{}, "no assembly")
	}
	params, err := s.k.Params(ctx)
	if err != nil {
		return noop(&gptypes.MsgUpdateParams{}, err.Error())
	}
	params.DividendPeriod = time.Duration(1+r.Intn(6)) * time.Hour
	params.ArrearsNoticeAfter = uint32(r.Intn(4))
	params.ArrearsNoticePeriod = time.Duration(1+r.Intn(12)) * time.Hour
	r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, assembly, members, &gptypes.MsgUpdateParams{Authority: assembly, Params: params})
	return op, nil, err
}
