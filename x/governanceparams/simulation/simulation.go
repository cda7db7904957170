// Package simulation gives x/governanceparams a randomized genesis and an operation that
// changes the parameters the only way they change: an assembly proposal that members vote.
package simulation

import (
	"math/rand"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
)

// RandomParams returns valid parameters drawn from r.
func RandomParams(r *rand.Rand) types.Params {
	rate := func() math.LegacyDec { return math.LegacyNewDecWithPrec(int64(r.Intn(1001)), 3) }
	p := types.DefaultParams()
	p.IncomeTaxRate, p.InternalSalesTaxRate, p.ExternalSalesTaxRate = rate(), rate(), rate()
	p.ProfitAtRestTaxRate, p.DividendShare, p.TuitionShare = rate(), rate(), rate()
	p.MemberRentMarkup, p.NonMemberRentMarkup = rate(), rate()
	p.WageFactors = types.WageFactors{Training: rate(), RegionalNeed: rate(), Stress: rate()}
	p.PayPeriod = time.Duration(1+r.Intn(3600)) * time.Second
	p.DividendPeriod = time.Duration(1+r.Intn(30*24)) * time.Hour
	p.ProfitAtRestDelay = time.Duration(r.Intn(60*24)) * time.Hour
	p.SchoolingPriorityYears = uint32(r.Intn(11))
	p.MaxPayoutsPerBlock = uint32(1 + r.Intn(5000))
	p.WaitlistThreshold = uint32(1 + r.Intn(100))
	p.OfferWindow = time.Duration(1+r.Intn(14*24)) * time.Hour
	p.Assembly = RandomAssemblyRules(r)
	// a short window (simulated blocks are hours apart), so that every run folds records
	p.Retention = types.Retention{Window: time.Duration(1+r.Intn(6)) * time.Hour, MaxFoldsPerBlock: uint32(1 + r.Intn(50))}
	return p
}

// RandomAssemblyRules draws rules under which proposals open and close within a few
// simulated blocks (which are hours apart): deliberation up to two hours, voting four to
// ten, a quorum of 0.1-1% (the simulated region has hundreds of members and casts a few
// votes a block) and a threshold in [0.5, 0.7].
func RandomAssemblyRules(r *rand.Rand) types.AssemblyRules {
	rules := types.DefaultAssemblyRules()
	for i := range rules.Kinds {
		k := &rules.Kinds[i]
		k.DeliberationPeriod = time.Duration(r.Intn(120)) * time.Minute
		k.VotingPeriod = time.Duration(240+r.Intn(360)) * time.Minute
		k.Quorum = math.LegacyNewDecWithPrec(int64(1+r.Intn(10)), 3)
		k.Threshold = math.LegacyNewDecWithPrec(int64(50+r.Intn(21)), 2)
	}
	rules.MaxProxies = uint32(1 + r.Intn(5))
	rules.MaxOpenPerMember = uint32(1 + r.Intn(3))
	rules.MaxVoteDeletionsPerBlock = uint32(1 + r.Intn(20))
	return rules
}

// RandomizedGenState draws the genesis parameters.
func RandomizedGenState(simState *module.SimulationState) {
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(&types.GenesisState{Params: RandomParams(simState.Rand)})
}

// WeightedOperations: a member proposes new parameters to the assembly and the other
// members vote yes.
func WeightedOperations(k membershipsim.Keepers) simulation.WeightedOperations {
	return simulation.WeightedOperations{simulation.NewWeightedOperation(10, SimulateProposeParams(k))}
}

// SimulateProposeParams has the assembly decide a MsgUpdateParams with random values.
func SimulateProposeParams(k membershipsim.Keepers) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		members := membershipsim.Members(ctx, k.Membership, accs)
		assembly, err := k.Membership.Authority(ctx)
		if len(members) == 0 || err != nil {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgUpdateParams{}), "no assembly"), nil, nil
		}
		r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
		update := &types.MsgUpdateParams{Authority: assembly, Params: RandomParams(r)}
		op, err := membershipsim.Decide(r, app, ctx, k, types.ModuleName, assembly, members, update)
		return op, nil, err
	}
}
