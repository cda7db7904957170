package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/testutil/region"
	dividendkeeper "github.com/conductor-coop/conductor/x/dividend/keeper"
	dividendtypes "github.com/conductor-coop/conductor/x/dividend/types"
	"github.com/conductor-coop/conductor/x/membership/keeper"
	"github.com/conductor-coop/conductor/x/membership/types"
)

// persons lists the registered persons by address, and the addresses of the members
// (the query with members_only).
func persons(t *testing.T, r *region.Region) (map[string]types.Agent, []string) {
	t.Helper()
	q := keeper.NewQueryServerImpl(r.App.MembershipKeeper)
	all, err := q.Agents(r.Ctx(), &types.QueryAgentsRequest{Kind: types.AGENT_KIND_PERSON})
	require.NoError(t, err)
	byAddr := map[string]types.Agent{}
	for _, a := range all.Agents {
		byAddr[a.Address] = a
	}
	members, err := q.Agents(r.Ctx(), &types.QueryAgentsRequest{Kind: types.AGENT_KIND_PERSON, MembersOnly: true})
	require.NoError(t, err)
	var addrs []string
	for _, a := range members.Agents {
		require.True(t, a.Member, "%s listed among the members", a.Address)
		addrs = append(addrs, a.Address)
	}
	return byAddr, addrs
}

func registryInvariantsHold(t *testing.T, r *region.Region) {
	t.Helper()
	k := r.App.MembershipKeeper
	for _, inv := range []sdk.Invariant{keeper.RegistryIndexedInvariant(k), keeper.NoRestrictedStakeInvariant(k),
		dividendkeeper.BooksBalanceInvariant(r.App.DividendKeeper), dividendkeeper.ReserveHeldInvariant(r.App.DividendKeeper)} {
		msg, broken := inv(r.Ctx())
		require.False(t, broken, msg)
	}
}

// dividendMembers is x/dividend's count of the members it pays.
func dividendMembers(t *testing.T, r *region.Region) uint64 {
	t.Helper()
	n, err := r.App.DividendKeeper.MemberCount.Get(r.Ctx())
	require.NoError(t, err)
	return n
}

// closePeriod books revenue of the treasury (arrived from outside, as a Conductor action would bring it)
// and commits a block at the end of the open dividend period; it returns the closed period.
func closePeriod(t *testing.T, r *region.Region, payer region.Account, revenue int64) dividendtypes.Period {
	t.Helper()
	ctx := r.Ctx()
	treasury := authtypes.NewModuleAddress(types.TreasuryName)
	r.Fund(ctx, treasury, math.NewInt(revenue))
	require.NoError(t, r.App.DividendKeeper.Book(ctx, dividendtypes.SOURCE_FEES, math.NewInt(revenue)))
	q := dividendkeeper.NewQueryServerImpl(r.App.DividendKeeper)
	open, err := q.Revenue(r.Ctx(), &dividendtypes.QueryRevenueRequest{})
	require.NoError(t, err)
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	r.At(open.Period.Start.Add(params.DividendPeriod))
	closed, err := q.Revenue(r.Ctx(), &dividendtypes.QueryRevenueRequest{Period: open.Period.Number})
	require.NoError(t, err)
	require.NotNil(t, closed.Period.End)
	return closed.Period
}

// TestRegisterPerson: a non-member registers themselves and is listed as a person, not a
// member, and is paid no dividend; admitted later, they are a member, counted and paid; when
// they leave they stay listed, as a non-member.
func TestRegisterPerson(t *testing.T) {
	cfg := region.DefaultConfig()
	cfg.NonMembers = append(cfg.NonMembers, "erin")
	r := region.New(t, cfg)
	alice, bob, carol, dave, erin := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"], r.Accounts["dave"], r.Accounts["erin"]
	founders := []region.Account{alice, bob, carol}
	k := r.App.MembershipKeeper
	dq := dividendkeeper.NewQueryServerImpl(r.App.DividendKeeper)

	// dave, a person the region has not registered, registers himself.
	all, _ := persons(t, r)
	require.NotContains(t, all, dave.String())
	res := r.MustDeliver(dave, &types.MsgRegisterPerson{Person: dave.String(), Name: "Dave"})
	registered := false
	for _, ev := range res.Events {
		registered = registered || ev.Type == "conductor.membership.v1.EventPersonRegistered"
	}
	require.True(t, registered, "EventPersonRegistered")
	all, members := persons(t, r)
	require.Len(t, all, 4)
	require.Equal(t, types.Agent{Address: dave.String(), Kind: types.AGENT_KIND_PERSON, Name: "Dave", SinceHeight: r.Height}, all[dave.String()])
	require.ElementsMatch(t, []string{alice.String(), bob.String(), carol.String()}, members)
	require.False(t, k.IsMember(r.Ctx(), dave.Addr))
	require.EqualValues(t, 3, electorate(t, r))
	asm, err := keeper.NewQueryServerImpl(k).Assembly(r.Ctx(), &types.QueryAssemblyRequest{})
	require.NoError(t, err)
	require.Equal(t, uint64(3), asm.Members)
	// erin registers without a name.
	r.MustDeliver(erin, &types.MsgRegisterPerson{Person: erin.String()})
	require.NoError(t, k.RequirePerson(r.Ctx(), erin.String()))

	// Registering makes no dividend member: period 1 is split among the three members.
	require.Equal(t, uint64(3), dividendMembers(t, r))
	p1 := closePeriod(t, r, erin, 9_000_000)
	require.Equal(t, uint64(3), p1.Members)
	_, err = dq.Payouts(r.Ctx(), &dividendtypes.QueryPayoutsRequest{Member: dave.String()})
	require.ErrorIs(t, err, dividendtypes.ErrNotMember)
	region.RequireError(t, dividendtypes.ErrNotMember, r.Deliver(dave, &dividendtypes.MsgClaim{Member: dave.String()}))
	registryInvariantsHold(t, r)

	// The assembly admits dave: the same person, now a member with a vote, counted, paid.
	r.Pass(r.Assembly(), founders, &types.MsgAdmitMember{Authority: r.Assembly(), Person: dave.String()})
	all, members = persons(t, r)
	require.Len(t, all, 5)
	require.True(t, all[dave.String()].Member)
	require.Equal(t, "Dave", all[dave.String()].Name)
	require.Contains(t, members, dave.String())
	require.EqualValues(t, 4, electorate(t, r))
	require.Equal(t, uint64(4), dividendMembers(t, r))
	p2 := closePeriod(t, r, erin, 8_000_000)
	require.Equal(t, uint64(4), p2.Members)
	require.True(t, p2.PerMember.IsPositive())
	owed, err := dq.Payouts(r.Ctx(), &dividendtypes.QueryPayoutsRequest{Member: dave.String()})
	require.NoError(t, err)
	require.Equal(t, p2.PerMember, owed.Owed, "admitted during period 2: paid for it, not for period 1")
	before := r.Balance(dave.Addr)
	r.MustDeliver(dave, &dividendtypes.MsgClaim{Member: dave.String()})
	require.Equal(t, before.Add(p2.PerMember), r.Balance(dave.Addr))
	registryInvariantsHold(t, r)

	// dave leaves: still a registered person, not a member; the counts go back to three.
	r.MustDeliver(dave, &types.MsgLeaveRegion{Member: dave.String()})
	all, members = persons(t, r)
	require.Len(t, all, 5)
	require.Equal(t, types.Agent{Address: dave.String(), Kind: types.AGENT_KIND_PERSON, Name: "Dave", SinceHeight: r.Height}, all[dave.String()])
	require.NotContains(t, members, dave.String())
	require.EqualValues(t, 3, electorate(t, r))
	require.Equal(t, uint64(3), dividendMembers(t, r))
	p3 := closePeriod(t, r, erin, 3_000_000)
	require.Equal(t, uint64(3), p3.Members)
	registryInvariantsHold(t, r)
	// and he cannot register again: he is a person already.
	region.RequireError(t, types.ErrAlreadyRegistered, r.Deliver(dave, &types.MsgRegisterPerson{Person: dave.String()}))

	// The export carries the non-members, and is valid genesis.
	gs, err := k.ExportGenesis(r.Ctx())
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	exported := map[string]types.Agent{}
	for _, a := range gs.Agents {
		exported[a.Address] = a
	}
	require.False(t, exported[dave.String()].Member)
	require.Equal(t, types.AGENT_KIND_PERSON, exported[erin.String()].Kind)
}

// TestRegisterPersonRefused: every bad registration, and no admission of an account that is
// no human's.
func TestRegisterPersonRefused(t *testing.T) {
	cfg := region.DefaultConfig()
	cfg.NonMembers = append(cfg.NonMembers, "erin")
	r := region.New(t, cfg)
	alice, bob, carol, dave, erin := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"], r.Accounts["dave"], r.Accounts["erin"]
	founders := []region.Account{alice, bob, carol}
	r.MustDeliver(dave, &types.MsgRegisterPerson{Person: dave.String()})
	bakery := r.Agent("Bakery Co-op").Address
	treasury := authtypes.NewModuleAddress(types.TreasuryName).String()
	feeCollector := authtypes.NewModuleAddress(authtypes.FeeCollectorName).String()

	// A book club's x/group policy: its members' proposal signs for it.
	club := bookClub(t, r, alice, erin)

	// Through a tx signed by the person, or the message service (for what no key signs).
	cases := []struct {
		name   string
		signer *region.Account
		msg    *types.MsgRegisterPerson
		want   *errorsmod.Error
	}{
		{"a member", &alice, &types.MsgRegisterPerson{Person: alice.String()}, types.ErrAlreadyRegistered},
		{"a registered non-member", &dave, &types.MsgRegisterPerson{Person: dave.String(), Name: "Dave"}, types.ErrAlreadyRegistered},
		{"a name too long", &erin, &types.MsgRegisterPerson{Person: erin.String(), Name: strings.Repeat("e", types.MaxNameLength+1)}, types.ErrInvalidName},
		{"no address", nil, &types.MsgRegisterPerson{}, types.ErrInvalidAddress},
		{"a malformed address", nil, &types.MsgRegisterPerson{Person: "rsc1notanaddress"}, types.ErrInvalidAddress},
		{"a company", nil, &types.MsgRegisterPerson{Person: bakery}, types.ErrNotPerson},
		{"the bank", nil, &types.MsgRegisterPerson{Person: r.Agent("Regional Public Bank").Address}, types.ErrNotPerson},
		{"the treasury", nil, &types.MsgRegisterPerson{Person: treasury}, types.ErrNotPerson},
		{"the assembly", nil, &types.MsgRegisterPerson{Person: r.Assembly()}, types.ErrNotPerson},
		{"a module account the region has not registered", nil, &types.MsgRegisterPerson{Person: feeCollector}, types.ErrNotPerson},
		{"an x/group policy", nil, &types.MsgRegisterPerson{Person: club}, types.ErrNotPerson},
	}
	srv := keeper.NewMsgServerImpl(r.App.MembershipKeeper)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.signer != nil {
				region.RequireError(t, tc.want, r.Deliver(*tc.signer, tc.msg))
				return
			}
			ctx, _ := r.Ctx().CacheContext()
			_, err := srv.RegisterPerson(ctx, tc.msg)
			require.ErrorIs(t, err, tc.want)
		})
	}
	t.Run("a company, by its workers' proposal", func(t *testing.T) {
		res, logs := r.Decide(bakery, []region.Account{alice, bob}, &types.MsgRegisterPerson{Person: bakery})
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, res)
		require.Contains(t, logs, types.ErrNotPerson.Error())
	})
	t.Run("an x/group policy, by its members' proposal", func(t *testing.T) {
		res, logs := r.Decide(club, []region.Account{alice, erin}, &types.MsgRegisterPerson{Person: club})
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, res)
		require.Contains(t, logs, types.ErrNotPerson.Error())
	})
	t.Run("the assembly admits no account that is no human's", func(t *testing.T) {
		for _, addr := range []string{club, feeCollector} {
			res, logs := r.Decide(r.Assembly(), founders, &types.MsgAdmitMember{Authority: r.Assembly(), Person: addr})
			require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, res)
			require.Contains(t, logs, types.ErrNotPerson.Error())
		}
	})
	all, members := persons(t, r)
	require.Len(t, all, 4, "the members and dave")
	require.Len(t, members, 3)
	registryInvariantsHold(t, r)
}

// bookClub creates an x/group group of members with a policy account and returns it: a
// policy persons make themselves, not registered by the region.
func bookClub(t *testing.T, r *region.Region, members ...region.Account) string {
	t.Helper()
	var reqs []group.MemberRequest
	for _, m := range members {
		reqs = append(reqs, group.MemberRequest{Address: m.String(), Weight: "1"})
	}
	msg, err := group.NewMsgCreateGroupWithPolicy(members[0].String(), reqs, "book club", "book club", false,
		group.NewThresholdDecisionPolicy("1", time.Hour, 0))
	require.NoError(t, err)
	res := r.MustDeliver(members[0], msg)
	var msgData sdk.TxMsgData
	require.NoError(t, r.App.AppCodec().Unmarshal(res.Data, &msgData))
	var out group.MsgCreateGroupWithPolicyResponse
	require.NoError(t, out.Unmarshal(msgData.MsgResponses[0].Value))
	return out.GroupPolicyAddress
}
