package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/testutil/region"
	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/governanceparams/keeper"
	"github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

func withIncomeTax(p types.Params, rate string) types.Params {
	p.IncomeTaxRate = math.LegacyMustNewDecFromStr(rate)
	return p
}

// TestOneMemberOneVote: carol holds a million times what alice and bob hold, and her vote
// weighs the same as theirs. Proposals pass or fail by the count of members.
func TestOneMemberOneVote(t *testing.T) {
	cfg := region.DefaultConfig()
	cfg.Balances = map[string]int64{"alice": 1_000_000, "bob": 1_000_000, "carol": 1_000_000_000_000}
	r := region.New(t, cfg)
	alice, bob, carol := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"]
	q := keeper.NewQueryServerImpl(r.App.GovernanceParamsKeeper)
	start, err := q.Params(r.Ctx(), &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Nil(t, start.LastChange)
	require.Equal(t, "0.200000000000000000", start.Params.IncomeTaxRate.String())

	// alice and bob (poor) vote yes, carol (rich) votes no: 2 of 3 members, it passes.
	raise := &types.MsgUpdateParams{Authority: r.Assembly(), Params: withIncomeTax(start.Params, "0.25")}
	id := r.AssemblyPropose(alice, raise)
	r.AssemblyOpen(id)
	r.AssemblyVote(id, assemblytypes.VOTE_OPTION_NO, carol)
	r.AssemblyVote(id, assemblytypes.VOTE_OPTION_YES, alice, bob)
	p := r.AssemblyClose(id)
	require.Equal(t, assemblytypes.PROPOSAL_STATUS_PASSED, p.Status, p.ResultLog)
	passedAt := r.Height

	after, err := q.Params(r.Ctx(), &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, "0.250000000000000000", after.Params.IncomeTaxRate.String())
	require.NotNil(t, after.LastChange)
	require.Equal(t, id, after.LastChange.ProposalId)
	require.Equal(t, passedAt, after.LastChange.Height)
	require.Equal(t, "0.200000000000000000", after.LastChange.Before.IncomeTaxRate.String())
	require.Equal(t, "0.250000000000000000", after.LastChange.After.IncomeTaxRate.String())

	// carol (rich) votes yes, alice and bob vote no: rejected, nothing changes.
	cut := &types.MsgUpdateParams{Authority: r.Assembly(), Params: withIncomeTax(after.Params, "0.05")}
	id = r.AssemblyPropose(carol, cut)
	r.AssemblyOpen(id)
	r.AssemblyVote(id, assemblytypes.VOTE_OPTION_YES, carol)
	r.AssemblyVote(id, assemblytypes.VOTE_OPTION_NO, alice, bob)
	require.Equal(t, assemblytypes.PROPOSAL_STATUS_REJECTED, r.AssemblyClose(id).Status)
	still, err := q.Params(r.Ctx(), &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, "0.250000000000000000", still.Params.IncomeTaxRate.String())

	// Nobody votes: below the quorum, rejected.
	id = r.AssemblyPropose(carol, cut)
	r.AssemblyOpen(id)
	require.Equal(t, assemblytypes.PROPOSAL_STATUS_REJECTED, r.AssemblyClose(id).Status)

	changes, err := q.Changes(r.Ctx(), &types.QueryChangesRequest{})
	require.NoError(t, err)
	require.Len(t, changes.Changes, 1)
}

func TestUpdateParamsRejected(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, carol := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"]
	params := types.DefaultParams()

	// Only the assembly may change parameters: a member sending the message directly is refused.
	region.RequireError(t, membershiptypes.ErrUnauthorized, r.Deliver(alice, &types.MsgUpdateParams{Authority: alice.String(), Params: params}))

	// An out-of-range rate fails at execution, with the registered error, even when voted.
	bad := withIncomeTax(params, "1.5")
	result, logs := r.Decide(r.Assembly(), []region.Account{alice, bob, carol}, &types.MsgUpdateParams{Authority: r.Assembly(), Params: bad})
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
	require.Contains(t, logs, types.ErrInvalidParams.Error())
	got, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	require.Equal(t, params.IncomeTaxRate, got.IncomeTaxRate)

	// Two accepted changes are both recorded, newest first.
	for _, rate := range []string{"0.21", "0.22"} {
		r.Pass(r.Assembly(), []region.Account{alice, bob}, &types.MsgUpdateParams{Authority: r.Assembly(), Params: withIncomeTax(params, rate)})
	}
	changes, err := keeper.NewQueryServerImpl(r.App.GovernanceParamsKeeper).Changes(r.Ctx(), &types.QueryChangesRequest{})
	require.NoError(t, err)
	require.Len(t, changes.Changes, 2)
	require.Equal(t, uint64(2), changes.Changes[0].Id)
	require.Equal(t, "0.220000000000000000", changes.Changes[0].After.IncomeTaxRate.String())
	require.Equal(t, "0.210000000000000000", changes.Changes[0].Before.IncomeTaxRate.String())
	require.NotZero(t, changes.Changes[0].ProposalId)
}
