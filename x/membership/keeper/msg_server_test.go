package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/testutil/region"
	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/membership/keeper"
	"github.com/conductor-coop/conductor/x/membership/types"
)

// electorate is the assembly's number of members.
func electorate(t *testing.T, r *region.Region) uint64 {
	t.Helper()
	n, err := r.App.MembershipKeeper.Count(r.Ctx())
	require.NoError(t, err)
	return n
}

func TestAdmitAndLeave(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, carol, dave := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"], r.Accounts["dave"]
	founders := []region.Account{alice, bob, carol}
	require.EqualValues(t, 3, electorate(t, r))

	// The assembly admits dave: he is a member with one vote.
	r.Pass(r.Assembly(), founders, &types.MsgAdmitMember{Authority: r.Assembly(), Person: dave.String()})
	require.True(t, r.App.MembershipKeeper.IsMember(r.Ctx(), dave.Addr))
	require.EqualValues(t, 4, electorate(t, r))

	// dave leaves: no longer a member, no vote.
	r.MustDeliver(dave, &types.MsgLeaveRegion{Member: dave.String()})
	require.False(t, r.App.MembershipKeeper.IsMember(r.Ctx(), dave.Addr))
	require.EqualValues(t, 3, electorate(t, r))
	agent, err := r.App.MembershipKeeper.GetAgent(r.Ctx(), dave.Addr)
	require.NoError(t, err)
	require.Equal(t, types.AGENT_KIND_PERSON, agent.Kind)

	company := r.Agent("Bakery Co-op").Address
	cases := []struct {
		name   string
		signer region.Account
		msg    func() sdk.Msg
		want   *errorsmod.Error
	}{
		{"admit without the assembly", alice, func() sdk.Msg { return &types.MsgAdmitMember{Authority: alice.String(), Person: dave.String()} }, types.ErrUnauthorized},
		{"leave twice", dave, func() sdk.Msg { return &types.MsgLeaveRegion{Member: dave.String()} }, types.ErrNotMember},
		{"admit a validator without the assembly", alice, func() sdk.Msg { return &types.MsgAdmitValidator{Authority: alice.String(), Operator: dave.String()} }, types.ErrUnauthorized},
		{"create an institution without the assembly", alice, func() sdk.Msg {
			return &types.MsgCreateInstitution{Authority: alice.String(), Institution: types.Institution{Name: "x", Kind: types.AGENT_KIND_BANK, Workers: []string{alice.String()}}}
		}, types.ErrUnauthorized},
		{"found: no workers", alice, func() sdk.Msg { return &types.MsgFoundCompany{Founder: alice.String(), Name: "Empty"} }, types.ErrNoWorkers},
		{"found: duplicate worker", alice, func() sdk.Msg {
			return &types.MsgFoundCompany{Founder: alice.String(), Name: "Dup", Workers: []string{alice.String(), alice.String()}}
		}, types.ErrDuplicateWorker},
		{"found: founder not a worker", alice, func() sdk.Msg {
			return &types.MsgFoundCompany{Founder: alice.String(), Name: "Absent", Workers: []string{bob.String()}}
		}, types.ErrFounderNotWorker},
		{"found: a company as worker", alice, func() sdk.Msg {
			return &types.MsgFoundCompany{Founder: alice.String(), Name: "Holding", Workers: []string{alice.String(), company}}
		}, types.ErrNotPerson},
		{"found: malformed worker address", alice, func() sdk.Msg {
			return &types.MsgFoundCompany{Founder: alice.String(), Name: "Typo", Workers: []string{alice.String(), "rsc1notanaddress"}}
		}, types.ErrInvalidAddress},
		{"found: empty name", alice, func() sdk.Msg {
			return &types.MsgFoundCompany{Founder: alice.String(), Workers: []string{alice.String()}}
		}, types.ErrInvalidName},
		{"found: threshold above percentage range", alice, func() sdk.Msg {
			return &types.MsgFoundCompany{Founder: alice.String(), Name: "Bad", Workers: []string{alice.String()}, Decision: types.DECISION_KIND_PERCENTAGE, Threshold: "1.5"}
		}, types.ErrInvalidDecision},
		{"found: negative voting period", alice, func() sdk.Msg {
			return &types.MsgFoundCompany{Founder: alice.String(), Name: "Bad", Workers: []string{alice.String()}, VotingPeriod: -time.Hour}
		}, types.ErrInvalidDecision},
		{"found: zero threshold", alice, func() sdk.Msg {
			return &types.MsgFoundCompany{Founder: alice.String(), Name: "Bad", Workers: []string{alice.String()}, Decision: types.DECISION_KIND_THRESHOLD, Threshold: "0"}
		}, types.ErrInvalidDecision},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			region.RequireError(t, tc.want, r.Deliver(tc.signer, tc.msg()))
		})
	}

	t.Run("the last member cannot leave", func(t *testing.T) {
		solo := region.New(t, region.Config{Members: []string{"alice"}})
		region.RequireError(t, types.ErrLastMember, solo.Deliver(solo.Accounts["alice"], &types.MsgLeaveRegion{Member: solo.Accounts["alice"].String()}))
	})
}

func TestFoundCompany(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, dave := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["dave"]

	// dave is not a member: anyone may found a company. The workers pick a threshold of 2.
	res := r.MustDeliver(dave, &types.MsgFoundCompany{
		Founder: dave.String(), Name: "Bike Repair Co-op", Workers: []string{dave.String(), alice.String(), bob.String()},
		Decision: types.DECISION_KIND_THRESHOLD, Threshold: "2", VotingPeriod: time.Hour,
	})
	require.Zero(t, res.Code)
	co := r.Agent("Bike Repair Co-op")
	require.Equal(t, types.AGENT_KIND_COMPANY, co.Kind)

	q := keeper.NewQueryServerImpl(r.App.MembershipKeeper)
	got, err := q.Company(r.Ctx(), &types.QueryCompanyRequest{Address: co.Address})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{dave.String(), alice.String(), bob.String()}, got.Workers)
	require.Equal(t, co.Address, got.Policy.Admin, "the company administers its own decision policy")
	policy, err := got.Policy.GetDecisionPolicy()
	require.NoError(t, err)
	require.Equal(t, "2", policy.(*group.ThresholdDecisionPolicy).Threshold)

	// It decides by its workers' proposals: two of three change its decision policy.
	newPolicy, err := group.NewMsgUpdateGroupPolicyDecisionPolicy(sdk.MustAccAddressFromBech32(co.Address), sdk.MustAccAddressFromBech32(co.Address),
		group.NewPercentageDecisionPolicy("0.75", time.Hour, 0))
	require.NoError(t, err)
	id := r.Propose(dave, co.Address, newPolicy)
	r.Vote(id, group.VOTE_OPTION_YES, dave, alice)
	result, logs := r.Exec(id, dave)
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
	got, err = q.Company(r.Ctx(), &types.QueryCompanyRequest{Address: co.Address})
	require.NoError(t, err)
	policy, err = got.Policy.GetDecisionPolicy()
	require.NoError(t, err)
	require.Equal(t, "0.75", policy.(*group.PercentageDecisionPolicy).Percentage)

	list, err := q.Agents(r.Ctx(), &types.QueryAgentsRequest{Kind: types.AGENT_KIND_COMPANY})
	require.NoError(t, err)
	require.Len(t, list.Agents, 2)

	_, err = q.Agent(r.Ctx(), &types.QueryAgentRequest{Address: "rsc1notanaddress"})
	require.ErrorIs(t, err, types.ErrInvalidAddress)
	_, err = q.Agent(r.Ctx(), &types.QueryAgentRequest{Address: region.NewAccount("stranger").String()})
	require.ErrorIs(t, err, types.ErrUnknownAgent)
	_, err = q.Agents(r.Ctx(), &types.QueryAgentsRequest{Kind: types.AgentKind(99)})
	require.ErrorIs(t, err, types.ErrInvalidKind)
	_, err = q.Company(r.Ctx(), &types.QueryCompanyRequest{Address: alice.String()})
	require.ErrorIs(t, err, types.ErrInvalidKind)
}

// TestLeaveGroupGuard: x/group's MsgLeaveGroup cannot take a worker out of a company behind
// the registry's back, directly or through authz; groups the region does not keep are left
// as usual.
func TestLeaveGroupGuard(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob := r.Accounts["alice"], r.Accounts["bob"]
	company := r.Agent("Bakery Co-op")

	region.RequireError(t, types.ErrManagedGroup, r.Deliver(bob, &group.MsgLeaveGroup{Address: bob.String(), GroupId: company.GroupId}))
	grant, err := authz.NewGrant(r.Time, authz.NewGenericAuthorization(sdk.MsgTypeURL(&group.MsgLeaveGroup{})), nil)
	require.NoError(t, err)
	r.MustDeliver(alice, &authz.MsgGrant{Granter: alice.String(), Grantee: bob.String(), Grant: grant})
	res := r.Deliver(bob, execMsg(bob.Addr, &group.MsgLeaveGroup{Address: alice.String(), GroupId: company.GroupId}))
	require.NotZero(t, res.Code)
	require.Contains(t, res.Log, types.ErrManagedGroup.Error())
	res2, err := r.App.GroupKeeper.GroupMembers(r.Ctx(), &group.QueryGroupMembersRequest{GroupId: company.GroupId})
	require.NoError(t, err)
	require.Len(t, res2.Members, 2, "alice is still a worker")

	// A book club's group is not the region's business.
	created := r.MustDeliver(alice, &group.MsgCreateGroup{Admin: alice.String(), Members: []group.MemberRequest{
		{Address: alice.String(), Weight: "1"}, {Address: bob.String(), Weight: "1"}}})
	var out group.MsgCreateGroupResponse
	var msgData sdk.TxMsgData
	require.NoError(t, r.App.AppCodec().Unmarshal(created.Data, &msgData))
	require.NoError(t, out.Unmarshal(msgData.MsgResponses[0].Value))
	r.MustDeliver(bob, &group.MsgLeaveGroup{Address: bob.String(), GroupId: out.GroupId})
}

// TestAssemblyInstitutions: the assembly creates regional institutions itself, and hands its
// authority to no one.
func TestAssemblyInstitutions(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, carol, dave := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"], r.Accounts["dave"]
	founders := []region.Account{alice, bob, carol}
	asm := r.Assembly()

	r.Pass(asm, founders, &types.MsgCreateInstitution{Authority: asm, Institution: types.Institution{
		Name: "Community College", Kind: types.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{carol.String()}}})
	require.Equal(t, types.AGENT_KIND_REGIONAL_COMPANY, r.Agent("Community College").Kind)
	res, logs := r.Decide(asm, founders, &types.MsgCreateInstitution{Authority: asm, Institution: types.Institution{
		Name: "Not A Co-op", Kind: types.AGENT_KIND_COMPANY, Workers: []string{carol.String()}}})
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, res)
	require.Contains(t, logs, types.ErrInvalidKind.Error())

	// The assembly does not hand its authority to a committee: an authz grant by the
	// assembly's account would let the grantee sign for it past the members' vote (for
	// admissions, and for anything a grant could name), so no proposal may carry one.
	grant, err := authz.NewGrant(r.Time, authz.NewGenericAuthorization(sdk.MsgTypeURL(&types.MsgAdmitMember{})), nil)
	require.NoError(t, err)
	prop, err := assemblytypes.NewMsgPropose(alice.String(), assemblytypes.PROPOSAL_KIND_CONSTITUTION, "a committee", "", "",
		&authz.MsgGrant{Granter: asm, Grantee: carol.String(), Grant: grant})
	require.NoError(t, err)
	region.RequireError(t, assemblytypes.ErrInvalidProposal, r.Deliver(alice, prop))
	res2 := r.Deliver(carol, execMsg(carol.Addr, &types.MsgAdmitMember{Authority: asm, Person: dave.String()}))
	require.NotZero(t, res2.Code, "no grant, no admission")
	require.False(t, r.App.MembershipKeeper.IsMember(r.Ctx(), dave.Addr))
	require.EqualValues(t, 3, electorate(t, r))
}
