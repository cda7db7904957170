// Package simulation gives x/education operations: the assembly sets programs at the
// regional school, persons join their wait-lists and withdraw; tuition is charged in
// EndBlock as simulated time passes.
package simulation

import (
	"math/rand"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/conductor-coop/conductor/x/education/keeper"
	"github.com/conductor-coop/conductor/x/education/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// WeightedOperations are the education operations.
func WeightedOperations(k membershipsim.Keepers, ek keeper.Keeper) simulation.WeightedOperations {
	s := sim{k: k, ek: ek}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(10, s.program),
		simulation.NewWeightedOperation(40, s.join),
		simulation.NewWeightedOperation(5, s.withdraw),
	}
}

type sim struct {
	k  membershipsim.Keepers
	ek keeper.Keeper
}

func noop(msg sdk.Msg, why string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), why), nil, nil
}

// address decodes a stored address with the region's address codec.
func (s sim) address(a string) (sdk.AccAddress, error) {
	return s.k.Membership.AddressCodec().StringToBytes(a)
}

// program has the assembly set a program at a regional company.
func (s sim) program(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	school, _, ok := membershipsim.RandomInstitution(r, ctx, s.k, accs, membershiptypes.AGENT_KIND_REGIONAL_COMPANY)
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	assembly, err := s.k.Membership.Authority(ctx)
	if !ok || len(members) == 0 || err != nil {
		return noop(&types.MsgSetProgram{}, "no school or no assembly")
	}
	p := types.Program{School: school, Name: simtypes.RandStringOfLength(r, 8), Capacity: uint32(1 + r.Intn(5)),
		YearlyCost: math.NewInt(int64(r.Intn(100_000_000))), Term: time.Duration(1+r.Intn(24*30)) * time.Hour, Terms: uint32(1 + r.Intn(6))}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, assembly, members, &types.MsgSetProgram{Authority: assembly, Program: p})
	return op, nil, err
}

// join puts a random person on a random program's wait-list.
func (s sim) join(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	last, err := s.ek.ProgramSeq.Peek(ctx)
	if err != nil || last == 0 {
		return noop(&types.MsgJoinWaitlist{}, "no program")
	}
	acc, _ := simtypes.RandomAcc(r, accs)
	if agent, err := s.k.Membership.GetAgent(ctx, acc.Address); err == nil && agent.Kind != membershiptypes.AGENT_KIND_PERSON {
		return noop(&types.MsgJoinWaitlist{}, "not a person")
	}
	p, err := s.ek.Programs.Get(ctx, uint64(1+r.Intn(int(last))))
	if err != nil {
		return noop(&types.MsgJoinWaitlist{}, "no program")
	}
	if _, found, _ := s.ek.ApplicantOf(ctx, acc.Address, p.Id); found {
		return noop(&types.MsgJoinWaitlist{}, "already waiting")
	}
	if enrolled, _ := s.ek.EnrolledIn(ctx, acc.Address, p.Id); enrolled {
		return noop(&types.MsgJoinWaitlist{}, "already enrolled")
	}
	tuition := p.Tuition(math.LegacyOneDec())
	op, err := membershipsim.DeliverSpending(r, app, ctx, s.k, types.ModuleName, acc, &types.MsgJoinWaitlist{Person: acc.Address.String(), ProgramId: p.Id},
		sdk.NewCoins(sdk.NewCoin(membershiptypes.Denom, tuition)))
	return op, nil, err
}

// withdraw has a random student leave.
func (s sim) withdraw(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	last, err := s.ek.EnrollmentSeq.Peek(ctx)
	if err != nil || last == 0 {
		return noop(&types.MsgWithdraw{}, "no enrollment")
	}
	e, err := s.ek.Enrollments.Get(ctx, uint64(1+r.Intn(int(last))))
	if err != nil {
		return noop(&types.MsgWithdraw{}, "ended")
	}
	student, err := s.address(e.Student)
	if err != nil {
		return noop(&types.MsgWithdraw{}, err.Error())
	}
	acc, ok := simtypes.FindAccount(accs, student)
	if !ok {
		return noop(&types.MsgWithdraw{}, "not a simulated account")
	}
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, acc, &types.MsgWithdraw{Student: e.Student, EnrollmentId: e.Id})
	return op, nil, err
}
