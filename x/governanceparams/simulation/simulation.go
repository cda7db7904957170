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
	"github.com/cosmos/cosmos-sdk/types/query"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/group"
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
	return p
}

// RandomizedGenState draws the genesis parameters.
func RandomizedGenState(simState *module.SimulationState) {
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(&types.GenesisState{Params: RandomParams(simState.Rand)})
}

// WeightedOperations: a member proposes new parameters to the assembly and the other
// members vote yes at once (simulated block times jump further than any voting period).
func WeightedOperations(k membershipsim.Keepers, groups types.ProposalKeeper) simulation.WeightedOperations {
	return simulation.WeightedOperations{simulation.NewWeightedOperation(10, SimulateProposeParams(k, groups))}
}

// SimulateProposeParams submits an assembly proposal carrying MsgUpdateParams; each other
// member then votes yes and tries to execute it.
func SimulateProposeParams(k membershipsim.Keepers, groups types.ProposalKeeper) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		msgType := sdk.MsgTypeURL(&types.MsgUpdateParams{})
		members := membershipsim.Members(ctx, k.Membership, accs)
		assembly, err := k.Membership.Authority(ctx)
		if len(members) == 0 || err != nil {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "no assembly"), nil, nil
		}
		r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
		update := &types.MsgUpdateParams{Authority: assembly, Params: RandomParams(r)}
		prop, err := group.NewMsgSubmitProposal(assembly, []string{members[0].Address.String()}, []sdk.Msg{update}, "", group.Exec_EXEC_TRY, "new parameters", "simulated")
		if err != nil {
			return simtypes.NoOpMsg(types.ModuleName, msgType, err.Error()), nil, err
		}
		send := func(signer simtypes.Account, msg sdk.Msg) (simtypes.OperationMsg, error) {
			op, _, err := simulation.GenAndDeliverTxWithRandFees(simulation.OperationInput{
				R: r, App: app, TxGen: k.TxConfig, Msg: msg, Context: ctx, SimAccount: signer,
				AccountKeeper: k.Account, Bankkeeper: k.Bank, ModuleName: types.ModuleName,
			})
			return op, err
		}
		op, err := send(members[0], prop)
		if err != nil || !op.OK {
			return op, nil, err
		}
		id, open := latestOpenProposal(ctx, groups, assembly)
		for _, voter := range members[1:] {
			if !open {
				break
			}
			vote := &group.MsgVote{ProposalId: id, Voter: voter.Address.String(), Option: group.VOTE_OPTION_YES, Exec: group.Exec_EXEC_TRY}
			if _, err := send(voter, vote); err != nil {
				return op, nil, err
			}
			_, open = latestOpenProposal(ctx, groups, assembly)
		}
		return op, nil, nil
	}
}

// latestOpenProposal returns the assembly's newest proposal still open for votes.
func latestOpenProposal(ctx sdk.Context, groups types.ProposalKeeper, assembly string) (uint64, bool) {
	res, err := groups.ProposalsByGroupPolicy(ctx, &group.QueryProposalsByGroupPolicyRequest{Address: assembly, Pagination: &query.PageRequest{Limit: 1000}})
	if err != nil {
		return 0, false
	}
	for i := len(res.Proposals) - 1; i >= 0; i-- {
		if p := res.Proposals[i]; p.Status == group.PROPOSAL_STATUS_SUBMITTED {
			return p.Id, true
		}
	}
	return 0, false
}
