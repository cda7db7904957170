// Package simulation gives x/payroll randomized occupations and operations: companies hire
// through their workers' proposals, workers clock in and out, rate each other and quit, and
// the pay runs in EndBlock as simulated time passes.
package simulation

import (
	"fmt"
	"math/rand"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/keeper"
	"github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
)

// RandomizedGenState defines a few occupations with random ranges and factor levels.
func RandomizedGenState(simState *module.SimulationState) {
	gs := types.DefaultGenesis()
	r := simState.Rand
	level := func() math.LegacyDec { return math.LegacyNewDecWithPrec(int64(r.Intn(101)), 2) }
	for i := 1; i <= 3; i++ {
		minWage := math.NewInt(int64(10_000_000 + r.Intn(20_000_000)))
		gs.Occupations = append(gs.Occupations, types.Occupation{
			Id: uint64(i), Name: simtypes.RandStringOfLength(r, 8), MinWage: minWage, MaxWage: minWage.MulRaw(int64(1 + r.Intn(3))),
			Training: level(), RegionalNeed: level(), Stress: level(),
		})
	}
	gs.NextOccupationId = 4
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// WeightedOperations are the payroll operations.
func WeightedOperations(k membershipsim.Keepers, pk keeper.Keeper) simulation.WeightedOperations {
	s := sim{k: k, pk: pk}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(60, s.hire),
		simulation.NewWeightedOperation(40, s.clock),
		simulation.NewWeightedOperation(10, s.rate),
		simulation.NewWeightedOperation(3, s.quit),
		simulation.NewWeightedOperation(10, s.spendWhileOwing),
	}
}

type sim struct {
	k  membershipsim.Keepers
	pk keeper.Keeper
}

func (s sim) deliver(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, signer simtypes.Account, msg sdk.Msg) (simtypes.OperationMsg, error) {
	return membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, signer, msg)
}

func noop(msg sdk.Msg, why string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), why), nil, nil
}

// hire: a worker of a random company proposes a job (executed at once when their vote is
// enough), a random person applies, and the worker proposes hiring them.
func (s sim) hire(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	company, workers, ok := membershipsim.RandomInstitution(r, ctx, s.k, accs, membershiptypes.AGENT_KIND_COMPANY)
	if !ok {
		return noop(&types.MsgHire{}, "no company with a simulated worker")
	}
	occ, err := s.pk.Occupations.Get(ctx, uint64(1+r.Intn(3)))
	if err != nil {
		return noop(&types.MsgHire{}, "no occupation")
	}
	params, err := s.k.Params(ctx)
	if err != nil {
		return noop(&types.MsgHire{}, err.Error())
	}
	wage := occ.Wage(params.WageFactors, math.LegacyNewDecWithPrec(int64(r.Intn(101)), 2))
	post := &types.MsgPostJob{Company: company, OccupationId: occ.Id, HoursPerWeek: uint32(1 + r.Intn(40)), Wage: wage, Description: "simulated"}
	if op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, company, workers, post); err != nil || !op.OK {
		return op, nil, err
	}
	jobID, ok := s.latestJob(ctx, company)
	if !ok {
		return noop(post, "the company's workers did not pass the job yet")
	}
	applicant, _ := simtypes.RandomAcc(r, accs)
	if op, err := s.deliver(r, app, ctx, applicant, &types.MsgApply{Applicant: applicant.Address.String(), JobId: jobID}); err != nil || !op.OK {
		return op, nil, err
	}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, company, workers,
		&types.MsgHire{Company: company, JobId: jobID, Applicant: applicant.Address.String()})
	return op, nil, err
}

func (s sim) latestJob(ctx sdk.Context, company string) (uint64, bool) {
	addr, err := s.k.Membership.AddressCodec().StringToBytes(company)
	if err != nil {
		return 0, false
	}
	it, err := s.pk.JobsByCompany.Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](addr).Descending())
	if err != nil {
		return 0, false
	}
	defer it.Close()
	if !it.Valid() {
		return 0, false
	}
	key, err := it.Key()
	return key.K2(), err == nil
}

// randomEmployment returns a random employment whose worker is a simulated account.
func (s sim) randomEmployment(r *rand.Rand, ctx sdk.Context, accs []simtypes.Account) (types.Employment, simtypes.Account, bool) {
	last, err := s.pk.EmploymentSeq.Peek(ctx)
	if err != nil || last == 0 {
		return types.Employment{}, simtypes.Account{}, false
	}
	e, err := s.pk.Employments.Get(ctx, uint64(1+r.Intn(int(last))))
	if err != nil {
		return e, simtypes.Account{}, false
	}
	worker, err := s.k.Membership.AddressCodec().StringToBytes(e.Worker)
	if err != nil {
		return e, simtypes.Account{}, false
	}
	acc, ok := simtypes.FindAccount(accs, sdk.AccAddress(worker))
	return e, acc, ok
}

// clock clocks a worker in, or out if a shift is open. Clocking in while clocked in at another
// employment, or with the week's hours worked, must be refused (the simulation fails if not).
func (s sim) clock(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	e, worker, ok := s.randomEmployment(r, ctx, accs)
	if !ok {
		return noop(&types.MsgClockIn{}, "no employment")
	}
	if e.ClockedInAt != nil {
		op, err := s.deliver(r, app, ctx, worker, &types.MsgClockOut{Worker: e.Worker, EmploymentId: e.Id})
		return op, nil, err
	}
	msg := &types.MsgClockIn{Worker: e.Worker, EmploymentId: e.Id}
	others, err := s.pk.OtherEmployments(ctx, e)
	if err != nil {
		return noop(msg, err.Error())
	}
	for _, o := range others {
		if o.ClockedInAt != nil { // clocked in elsewhere: the same hours would be paid twice
			op, err := membershipsim.DeliverRefused(r, app, ctx, chainID, s.k, types.ModuleName, worker, msg, types.ErrOverlap)
			return op, nil, err
		}
	}
	if now := ctx.BlockTime(); e.WorkedIn(types.WeekOf(now), now) >= e.WeekCap() {
		op, err := membershipsim.DeliverRefused(r, app, ctx, chainID, s.k, types.ModuleName, worker, msg, types.ErrHoursPerWeek)
		return op, nil, err
	}
	op, err := s.deliver(r, app, ctx, worker, msg)
	return op, nil, err
}

// rate has a co-worker rate a worker's productivity.
func (s sim) rate(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	e, _, ok := s.randomEmployment(r, ctx, accs)
	if !ok {
		return noop(&types.MsgRateCoworker{}, "no employment")
	}
	var rater *simtypes.Account
	company, err := s.k.Membership.AddressCodec().StringToBytes(e.Company)
	if err != nil {
		return noop(&types.MsgRateCoworker{}, err.Error())
	}
	_ = s.pk.EmploymentsByCompany.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](company), func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		other, err := s.pk.Employments.Get(ctx, key.K2())
		if err != nil || other.Worker == e.Worker {
			return false, nil
		}
		worker, err := s.k.Membership.AddressCodec().StringToBytes(other.Worker)
		if err != nil {
			return false, nil
		}
		acc, found := simtypes.FindAccount(accs, sdk.AccAddress(worker))
		if found {
			rater = &acc
		}
		return found, nil
	})
	if rater == nil {
		return noop(&types.MsgRateCoworker{}, "no simulated co-worker")
	}
	op, err := s.deliver(r, app, ctx, *rater, &types.MsgRateCoworker{
		Rater: rater.Address.String(), EmploymentId: e.Id, Productivity: math.LegacyNewDecWithPrec(int64(r.Intn(101)), 2),
	})
	return op, nil, err
}

// quit has a worker quit.
func (s sim) quit(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	e, worker, ok := s.randomEmployment(r, ctx, accs)
	if !ok {
		return noop(&types.MsgQuit{}, "no employment")
	}
	op, err := s.deliver(r, app, ctx, worker, &types.MsgQuit{Worker: e.Worker, EmploymentId: e.Id})
	return op, nil, err
}

// spendWhileOwing: money reaches a company that owes wage claims, and it tries to pay it on
// to someone other than its workers in a Conductor action (as a purchase, rent or repayment
// would), in a cache thrown away: it must be refused with ErrOwesWages (the simulation
// fails if not).
func (s sim) spendWhileOwing(r *rand.Rand, _ *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	const route = "workers-first"
	var indebted []sdk.AccAddress
	if err := s.pk.Indebted.Walk(ctx, nil, func(c sdk.AccAddress) (bool, error) {
		indebted = append(indebted, c)
		return len(indebted) >= 20, nil
	}); err != nil || len(indebted) == 0 {
		return simtypes.NoOpMsg(types.ModuleName, route, "no company owes wages"), nil, err
	}
	company := indebted[r.Intn(len(indebted))]
	to, _ := simtypes.RandomAcc(r, accs)
	if !s.k.Bank.SpendableCoins(ctx, to.Address).AmountOf(membershiptypes.Denom).IsPositive() {
		return simtypes.NoOpMsg(types.ModuleName, route, "the payer has no ursc"), nil, nil
	}
	// money arrives (as a sale would bring it), and the company tries to pass it on at once
	cache, _ := ctx.CacheContext()
	if err := s.k.Router.Pay(cache, router.Payment{Route: router.Purchase, From: to.Address, Legs: router.To(company, math.OneInt())}); err != nil {
		return simtypes.NoOpMsg(types.ModuleName, route, err.Error()), nil, nil
	}
	treasury := authtypes.NewModuleAddress(membershiptypes.TreasuryName)
	err := s.k.Router.Pay(cache, router.Payment{Route: router.IncomeTax, From: company, Legs: router.To(treasury, math.OneInt())}) // not with a wage
	if !errorsmod.IsOf(err, types.ErrOwesWages) {
		return simtypes.NoOpMsg(types.ModuleName, route, "a closed path"), nil, fmt.Errorf("%s owes wages and paid its income tax outside a wage payment: %v", company, err)
	}
	return simtypes.NewOperationMsgBasic(types.ModuleName, route, "refused: "+err.Error(), true, nil), nil, nil
}
