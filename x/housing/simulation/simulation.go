// Package simulation gives x/housing operations: the housing agency registers homes,
// persons join the wait-list and accept or decline what they are offered, tenants end
// their leases; rent is collected in EndBlock as simulated time passes.
package simulation

import (
	"math/rand"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

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
	last, err := s.hk.LeaseSeq.Peek(ctx)
	if err != nil || last == 0 {
		return noop(&types.MsgEndLease{}, "no lease")
	}
	l, err := s.hk.Leases.Get(ctx, uint64(1+r.Intn(int(last))))
	if err != nil || !l.Active {
		return noop(&types.MsgEndLease{}, "ended")
	}
	tenant, err := s.address(l.Tenant)
	if err != nil {
		return noop(&types.MsgEndLease{}, err.Error())
	}
	acc, ok := simtypes.FindAccount(accs, tenant)
	if !ok {
		return noop(&types.MsgEndLease{}, "not a simulated account")
	}
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, acc, &types.MsgEndLease{Signer: l.Tenant, LeaseId: l.Id})
	return op, nil, err
}
