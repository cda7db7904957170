package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	circuittypes "cosmossdk.io/x/circuit/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	ibcclienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/assembly/keeper"
	"github.com/conductor-coop/conductor/x/assembly/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

const (
	yes     = types.VOTE_OPTION_YES
	no      = types.VOTE_OPTION_NO
	abstain = types.VOTE_OPTION_ABSTAIN
)

// names are the ten founding members of the test regions; "rich" holds a million times
// what the others hold; dave and erin are persons who are not members.
var names = []string{"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "rich"}

type fixture struct {
	t *testing.T
	r *region.Region
	m []region.Account
}

func newFixture(t *testing.T, deliberation time.Duration) *fixture {
	cfg := region.Config{Members: names, NonMembers: []string{"dave", "erin"}, AssemblyDeliberation: deliberation,
		AssemblyVotingPeriod: time.Hour, Balances: map[string]int64{"rich": 1_000_000 * 1_000_000_000_000}}
	r := region.New(t, cfg)
	f := &fixture{t: t, r: r}
	for _, n := range names {
		f.m = append(f.m, r.Accounts[n])
	}
	return f
}

// admit proposes admitting dave (a membership proposal) and opens its voting.
func (f *fixture) admit() uint64 {
	f.t.Helper()
	id := f.r.AssemblyPropose(f.m[0], &membershiptypes.MsgAdmitMember{Authority: f.r.Assembly(), Person: f.r.Accounts["dave"].String()})
	f.r.AssemblyOpen(id)
	return id
}

func (f *fixture) vote(id uint64, o types.VoteOption, who ...region.Account) {
	f.t.Helper()
	f.r.AssemblyVote(id, o, who...)
}

func (f *fixture) proxy(member, holder region.Account, kind types.ProposalKind) {
	f.t.Helper()
	f.r.MustDeliver(member, &types.MsgGiveProxy{Member: member.String(), Holder: holder.String(), Kind: kind})
}

func (f *fixture) tally(id uint64) types.Tally {
	f.t.Helper()
	f.invariantsHold()
	return f.r.AssemblyProposal(id).Proposal.Tally
}

func (f *fixture) weight(id uint64, voter region.Account) uint64 {
	f.t.Helper()
	v, err := f.r.App.AssemblyKeeper.Votes.Get(f.r.Ctx(), joinVote(id, voter))
	require.NoError(f.t, err)
	return v.Weight
}

func (f *fixture) invariantsHold() {
	f.t.Helper()
	for _, inv := range []sdk.Invariant{keeper.TalliesInvariant(f.r.App.AssemblyKeeper), keeper.ProxiesInvariant(f.r.App.AssemblyKeeper)} {
		msg, broken := inv(f.r.Ctx())
		require.False(f.t, broken, msg)
	}
}

func (f *fixture) refused(want *errorsmod.Error, signer region.Account, msg sdk.Msg) {
	f.t.Helper()
	region.RequireError(f.t, want, f.r.Deliver(signer, msg))
}

// TestOutcome: the rule, on exact counts. Quorum is counted ≥ quorum × eligible; yes must be
// more than threshold × (yes + no); abstain counts for the quorum only.
func TestOutcome(t *testing.T) {
	d := math.LegacyMustNewDecFromStr
	half, twoThirds, tenth := d("0.5"), d("0.666666666666666667"), d("0.1")
	cases := []struct {
		name              string
		tally             types.Tally
		eligible          uint64
		quorum, threshold math.LegacyDec
		passes            bool
	}{
		{"a tenth took part, all yes", types.Tally{Yes: 100}, 1000, tenth, half, true},
		{"one short of the quorum", types.Tally{Yes: 99}, 1000, tenth, half, false},
		{"abstentions make the quorum", types.Tally{Yes: 10, Abstain: 90}, 1000, tenth, half, true},
		{"abstentions do not make a majority", types.Tally{Yes: 10, No: 10, Abstain: 80}, 1000, tenth, half, false},
		{"exactly half is not more than half", types.Tally{Yes: 50, No: 50}, 1000, tenth, half, false},
		{"one more yes than no", types.Tally{Yes: 51, No: 50}, 1000, tenth, half, true},
		{"only abstentions", types.Tally{Abstain: 500}, 1000, tenth, half, false},
		{"nobody voted", types.Tally{}, 1000, tenth, half, false},
		{"no members", types.Tally{}, 0, tenth, half, false},
		{"two thirds of the votes cast are not more than two thirds", types.Tally{Yes: 200, No: 100}, 1000, tenth, twoThirds, false},
		{"one more than two thirds", types.Tally{Yes: 201, No: 100}, 1000, tenth, twoThirds, true},
		{"a majority is not enough for a supermajority", types.Tally{Yes: 60, No: 40}, 1000, tenth, twoThirds, false},
		{"a region of a million: 10% turnout decides", types.Tally{Yes: 60_000, No: 40_000}, 1_000_000, tenth, half, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, passes := types.Outcome(c.tally, c.eligible, c.quorum, c.threshold)
			require.Equal(t, c.passes, passes)
		})
	}
}

// TestDeliberationThenVoting: a proposal is deliberated (amendable by its proposer, no votes),
// then voted, then runs; each stage refuses what belongs to another.
func TestDeliberationThenVoting(t *testing.T) {
	f := newFixture(t, time.Hour)
	r, dave, erin := f.r, f.r.Accounts["dave"], f.r.Accounts["erin"]
	id := r.AssemblyPropose(f.m[0], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: erin.String()})
	p := r.AssemblyProposal(id).Proposal
	require.Equal(t, types.PROPOSAL_STATUS_DELIBERATION, p.Status)
	require.Equal(t, r.Time.Add(time.Hour), p.DeliberationEnd)

	f.refused(types.ErrNotVoting, f.m[1], &types.MsgVote{Voter: f.m[1].String(), ProposalId: id, Option: yes})
	amend := func(by region.Account, person string) *types.MsgAmend {
		m, err := types.NewMsgPropose(by.String(), types.PROPOSAL_KIND_MEMBERSHIP, "admit dave", "amended", "https://forum/1",
			&membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: person})
		require.NoError(t, err)
		return &types.MsgAmend{Proposer: by.String(), ProposalId: id, Kind: m.Kind, Title: m.Title, Summary: m.Summary, Metadata: m.Metadata, Messages: m.Messages}
	}
	f.refused(types.ErrNotProposer, f.m[1], amend(f.m[1], dave.String()))
	r.MustDeliver(f.m[0], amend(f.m[0], dave.String()))
	p = r.AssemblyProposal(id).Proposal
	require.Equal(t, "admit dave", p.Title)
	require.Equal(t, "https://forum/1", p.Metadata)

	r.AssemblyOpen(id)
	p = r.AssemblyProposal(id).Proposal
	require.EqualValues(t, 10, p.Eligible)
	require.Equal(t, r.Height, p.VotingHeight)
	require.Equal(t, r.Time.Add(time.Hour), p.VotingEnd)
	f.refused(types.ErrNotDeliberation, f.m[0], amend(f.m[0], erin.String()))

	f.vote(id, yes, f.m[0], f.m[1])
	require.Equal(t, types.Tally{Yes: 2}, f.tally(id))
	closed := r.AssemblyClose(id)
	require.Equal(t, types.PROPOSAL_STATUS_PASSED, closed.Status, closed.ResultLog)
	require.Equal(t, types.Tally{Yes: 2}, closed.Tally)
	require.True(t, r.App.MembershipKeeper.IsMember(r.Ctx(), dave.Addr), "the amended message ran")
	require.False(t, r.App.MembershipKeeper.IsMember(r.Ctx(), erin.Addr))
	f.refused(types.ErrNotVoting, f.m[2], &types.MsgVote{Voter: f.m[2].String(), ProposalId: id, Option: yes})
}

// TestQuorumAndThreshold: on the chain, with ten members and the membership kind's rule set
// to a quorum of 30% and more than half of yes + no.
func TestQuorumAndThreshold(t *testing.T) {
	cases := []struct {
		name            string
		yes, no, abstan int
		passes          bool
	}{
		{"quorum not reached", 2, 0, 0, false},
		{"quorum reached by abstentions", 1, 0, 2, true},
		{"a tie fails", 2, 2, 0, false},
		{"majority of votes cast, a minority of members", 2, 1, 0, true},
		{"threshold not met", 1, 2, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, 0)
			f.setRule(types.PROPOSAL_KIND_MEMBERSHIP, "0.3", "0.5")
			id := f.admit()
			voters := f.m
			f.vote(id, yes, voters[:c.yes]...)
			f.vote(id, no, voters[c.yes:c.yes+c.no]...)
			f.vote(id, abstain, voters[c.yes+c.no:c.yes+c.no+c.abstan]...)
			require.Equal(t, types.Tally{Yes: uint64(c.yes), No: uint64(c.no), Abstain: uint64(c.abstan)}, f.tally(id))
			q := f.r.AssemblyProposal(id)
			require.Equal(t, c.passes, q.Passing)
			p := f.r.AssemblyClose(id)
			want := types.PROPOSAL_STATUS_REJECTED
			if c.passes {
				want = types.PROPOSAL_STATUS_PASSED
			}
			require.Equal(t, want, p.Status, p.ResultLog)
			require.Equal(t, c.passes, f.r.App.MembershipKeeper.IsMember(f.r.Ctx(), f.r.Accounts["dave"].Addr))
		})
	}
}

// setRule sets a kind's quorum and threshold through the assembly itself (a constitution
// proposal, which needs two thirds of the votes cast): all ten vote yes.
func (f *fixture) setRule(kind types.ProposalKind, quorum, threshold string) {
	f.t.Helper()
	params, err := f.r.App.GovernanceParamsKeeper.GetParams(f.r.Ctx())
	require.NoError(f.t, err)
	for i := range params.Assembly.Kinds {
		if params.Assembly.Kinds[i].Kind == kind {
			params.Assembly.Kinds[i].Quorum = math.LegacyMustNewDecFromStr(quorum)
			params.Assembly.Kinds[i].Threshold = math.LegacyMustNewDecFromStr(threshold)
		}
	}
	update := &gptypes.MsgUpdateParams{Authority: f.r.Assembly(), Params: params}
	kindOf, err := f.r.App.AssemblyKeeper.KindOf(f.r.Ctx(), []sdk.Msg{update})
	require.NoError(f.t, err)
	require.Equal(f.t, types.PROPOSAL_KIND_CONSTITUTION, kindOf)
	p := f.r.AssemblyDecide(f.m, update)
	require.Equal(f.t, types.PROPOSAL_STATUS_PASSED, p.Status, p.ResultLog)
}

// TestChangeOfVote: a member changes their vote until voting closes; the members move
// between the options, the turnout stays.
func TestChangeOfVote(t *testing.T) {
	f := newFixture(t, 0)
	id := f.admit()
	f.vote(id, yes, f.m[0], f.m[1], f.m[2])
	f.vote(id, no, f.m[3])
	require.Equal(t, types.Tally{Yes: 3, No: 1}, f.tally(id))
	f.vote(id, no, f.m[0])
	f.vote(id, abstain, f.m[1])
	f.vote(id, no, f.m[0]) // the same again
	require.Equal(t, types.Tally{Yes: 1, No: 2, Abstain: 1}, f.tally(id))
	f.vote(id, yes, f.m[0], f.m[1])
	require.Equal(t, types.Tally{Yes: 3, No: 1}, f.tally(id))
	require.Equal(t, types.PROPOSAL_STATUS_PASSED, f.r.AssemblyClose(id).Status)
}

// TestProxies: given, used, overridden by the member in either order, taken back mid-vote,
// given mid-vote, for one kind or all, capped, never passed on. Each step's tally is checked
// against the running tally and a recount (the invariant).
func TestProxies(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	general := types.PROPOSAL_KIND_UNSPECIFIED
	f.proxy(m[1], m[0], general)
	f.proxy(m[2], m[0], general)
	f.proxy(m[3], m[0], types.PROPOSAL_KIND_PARAMETERS) // not for admissions
	f.proxy(m[4], m[5], types.PROPOSAL_KIND_MEMBERSHIP)
	f.proxy(m[6], m[0], general)
	f.proxy(m[6], m[5], types.PROPOSAL_KIND_MEMBERSHIP) // a proxy of its own kind decides
	id := f.admit()

	// m0 holds m1, m2 (every kind) and not m3 (parameters only) nor m6 (m5 on admissions).
	f.vote(id, yes, m[0])
	require.EqualValues(t, 3, f.weight(id, m[0]))
	require.Equal(t, types.Tally{Yes: 3}, f.tally(id))
	// m1 votes themselves after the holder: their vote replaces the proxy's.
	f.vote(id, no, m[1])
	require.EqualValues(t, 2, f.weight(id, m[0]))
	require.Equal(t, types.Tally{Yes: 2, No: 1}, f.tally(id))
	// m4 votes before their holder m5: m5 then counts only m6.
	f.vote(id, abstain, m[4])
	f.vote(id, no, m[5])
	require.EqualValues(t, 2, f.weight(id, m[5]))
	require.Equal(t, types.Tally{Yes: 2, No: 3, Abstain: 1}, f.tally(id))
	// m2 takes back their proxy mid-vote: m0 counts one fewer.
	r.MustDeliver(m[2], &types.MsgTakeBackProxy{Member: m[2].String()})
	require.EqualValues(t, 1, f.weight(id, m[0]))
	require.Equal(t, types.Tally{Yes: 1, No: 3, Abstain: 1}, f.tally(id))
	// m2 gives it again, to m5, mid-vote: m5 counts one more.
	f.proxy(m[2], m[5], general)
	require.Equal(t, types.Tally{Yes: 1, No: 4, Abstain: 1}, f.tally(id))
	// m6 takes back the admissions proxy: the general one (to m0) counts again.
	r.MustDeliver(m[6], &types.MsgTakeBackProxy{Member: m[6].String(), Kind: types.PROPOSAL_KIND_MEMBERSHIP})
	require.EqualValues(t, 2, f.weight(id, m[0]))
	require.EqualValues(t, 2, f.weight(id, m[5]))
	require.Equal(t, types.Tally{Yes: 2, No: 3, Abstain: 1}, f.tally(id))
	// a holder's change of vote moves every member it counts.
	f.vote(id, yes, m[5])
	require.Equal(t, types.Tally{Yes: 4, No: 1, Abstain: 1}, f.tally(id))

	q := keeper.NewQueryServerImpl(r.App.AssemblyKeeper)
	v, err := q.Vote(r.Ctx(), &types.QueryVoteRequest{ProposalId: id, Voter: m[2].String()})
	require.NoError(t, err)
	require.Nil(t, v.Vote)
	require.Equal(t, m[5].String(), v.Proxy)
	require.Equal(t, m[5].String(), v.CountedBy)
	require.Equal(t, yes, v.CountedAs)
	held, err := q.ProxiesHeld(r.Ctx(), &types.QueryProxiesHeldRequest{Holder: m[0].String()})
	require.NoError(t, err)
	require.Len(t, held.Proxies, 3) // m1, m3 (parameters), m6
	given, err := q.Proxies(r.Ctx(), &types.QueryProxiesRequest{Member: m[6].String()})
	require.NoError(t, err)
	require.Equal(t, []types.Proxy{{Member: m[6].String(), Kind: general, Holder: m[0].String()}}, given.Proxies)

	p := r.AssemblyClose(id)
	require.Equal(t, types.Tally{Yes: 4, No: 1, Abstain: 1}, p.Tally)
	require.Equal(t, types.PROPOSAL_STATUS_PASSED, p.Status)
}

// TestProxyRefusals: every bad proxy is a registered error.
func TestProxyRefusals(t *testing.T) {
	f := newFixture(t, 0)
	r, m, dave := f.r, f.m, f.r.Accounts["dave"]
	f.setMaxProxies(2)
	f.proxy(m[1], m[0], 0)
	f.proxy(m[2], m[0], 0)
	give := func(member, holder region.Account, kind types.ProposalKind) *types.MsgGiveProxy {
		return &types.MsgGiveProxy{Member: member.String(), Holder: holder.String(), Kind: kind}
	}
	cases := []struct {
		name   string
		signer region.Account
		msg    sdk.Msg
		want   *errorsmod.Error
	}{
		{"to oneself", m[3], give(m[3], m[3], 0), types.ErrSelfProxy},
		{"to a non-member", m[3], give(m[3], dave, 0), types.ErrNotMember},
		{"by a non-member", dave, give(dave, m[3], 0), types.ErrNotMember},
		{"over the cap", m[3], give(m[3], m[0], 0), types.ErrTooManyProxies},
		{"passed on: a holder gives theirs", m[0], give(m[0], m[4], 0), types.ErrProxyChain},
		{"passed on: to a member who gave theirs", m[3], give(m[3], m[1], 0), types.ErrProxyChain},
		{"the same again", m[1], give(m[1], m[0], 0), types.ErrProxyExists},
		{"an unknown kind", m[3], give(m[3], m[4], 42), types.ErrInvalidProposal},
		{"a bad holder address", m[3], &types.MsgGiveProxy{Member: m[3].String(), Holder: "rsc1nothing"}, types.ErrInvalidAddress},
		{"take back what was not given", m[3], &types.MsgTakeBackProxy{Member: m[3].String()}, types.ErrNoProxy},
		{"take back another kind than given", m[1], &types.MsgTakeBackProxy{Member: m[1].String(), Kind: types.PROPOSAL_KIND_UPGRADE}, types.ErrNoProxy},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { region.RequireError(t, c.want, r.Deliver(c.signer, c.msg)) })
	}
	f.invariantsHold()
}

func (f *fixture) setMaxProxies(n uint32) {
	f.t.Helper()
	params, err := f.r.App.GovernanceParamsKeeper.GetParams(f.r.Ctx())
	require.NoError(f.t, err)
	params.Assembly.MaxProxies = n
	p := f.r.AssemblyDecide(f.m, &gptypes.MsgUpdateParams{Authority: f.r.Assembly(), Params: params})
	require.Equal(f.t, types.PROPOSAL_STATUS_PASSED, p.Status, p.ResultLog)
}

// TestMembersComingAndLeaving: a member admitted after voting opened votes on the next
// proposal (nor does a proxy they give count); the eligible count stays as it was when voting
// opened; one who leaves loses their vote and the proxies they held.
func TestMembersComingAndLeaving(t *testing.T) {
	f := newFixture(t, 0)
	r, m, dave := f.r, f.m, f.r.Accounts["dave"]
	f.proxy(m[1], m[0], 0)
	f.proxy(m[2], m[0], 0)
	// dave's admission closes while a proposal on the upgrade kind, opened after it, is in voting
	admit := r.AssemblyPropose(m[8], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: dave.String()})
	r.AssemblyOpen(admit)
	r.At(r.Time.Add(10 * time.Minute))
	plan := &upgradetypes.MsgSoftwareUpgrade{Authority: r.Assembly(), Plan: upgradetypes.Plan{Name: "v2", Height: 10_000}}
	open := r.AssemblyPropose(m[9], plan)
	r.AssemblyOpen(open)
	f.vote(open, yes, m[0])
	require.Equal(t, types.Tally{Yes: 3}, f.tally(open))
	f.vote(admit, yes, m[5:]...)
	p := r.AssemblyClose(admit)
	require.Equal(t, types.PROPOSAL_STATUS_PASSED, p.Status, p.ResultLog)
	require.Equal(t, types.PROPOSAL_STATUS_VOTING, r.AssemblyProposal(open).Proposal.Status)
	f.refused(types.ErrNotEligible, dave, &types.MsgVote{Voter: dave.String(), ProposalId: open, Option: yes})
	f.proxy(dave, m[0], 0)
	require.Equal(t, types.Tally{Yes: 3}, f.tally(open), "dave's proxy does not count where dave may not vote")
	require.EqualValues(t, 10, r.AssemblyProposal(open).Proposal.Eligible)

	// the holder m0 leaves: their vote and the proxies they held end.
	r.MustDeliver(m[0], &membershiptypes.MsgLeaveRegion{Member: m[0].String()})
	require.Equal(t, types.Tally{}, f.tally(open))
	held, err := keeper.NewQueryServerImpl(r.App.AssemblyKeeper).ProxiesHeld(r.Ctx(), &types.QueryProxiesHeldRequest{Holder: m[0].String()})
	require.NoError(t, err)
	require.Empty(t, held.Proxies)
	f.refused(types.ErrNotMember, m[0], &types.MsgVote{Voter: m[0].String(), ProposalId: open, Option: yes})
	// m1 votes themselves; a member who gave a proxy and then leaves takes it out.
	f.vote(open, yes, m[1])
	f.proxy(m[3], m[4], 0)
	f.vote(open, no, m[4])
	require.Equal(t, types.Tally{Yes: 1, No: 2}, f.tally(open))
	r.MustDeliver(m[3], &membershiptypes.MsgLeaveRegion{Member: m[3].String()})
	require.Equal(t, types.Tally{Yes: 1, No: 1}, f.tally(open))

	// dave votes on the next proposal.
	next := r.AssemblyPropose(m[5], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["erin"].String()})
	r.AssemblyOpen(next)
	require.EqualValues(t, 9, r.AssemblyProposal(next).Proposal.Eligible) // ten, less two who left, and dave
	f.vote(next, yes, dave)
	require.Equal(t, types.Tally{Yes: 1}, f.tally(next))
}

// TestOneMemberOneVote: the member who holds a million times more has one vote.
func TestOneMemberOneVote(t *testing.T) {
	f := newFixture(t, 0)
	rich := f.m[9]
	require.True(t, f.r.Balance(rich.Addr).GT(f.r.Balance(f.m[0].Addr).MulRaw(999_999)))
	id := f.admit()
	f.vote(id, yes, rich)
	f.vote(id, no, f.m[0], f.m[1])
	require.EqualValues(t, 1, f.weight(id, rich))
	require.Equal(t, types.Tally{Yes: 1, No: 2}, f.tally(id))
	require.Equal(t, types.PROPOSAL_STATUS_REJECTED, f.r.AssemblyClose(id).Status)
}

// TestKinds: a proposal's kind is the kind its messages need, and the kind's rule decides:
// an upgrade needs two thirds of the votes cast.
func TestKinds(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	asm := r.Assembly()
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	rules := params
	rules.Assembly.MaxProxies = 7
	plan := &upgradetypes.MsgSoftwareUpgrade{Authority: asm, Plan: upgradetypes.Plan{Name: "v2", Height: 10_000}}
	cons := &consensustypes.MsgUpdateParams{Authority: asm}
	propose := func(kind types.ProposalKind, msgs ...sdk.Msg) sdk.Msg {
		p, err := types.NewMsgPropose(m[0].String(), kind, "t", "", "", msgs...)
		require.NoError(t, err)
		return p
	}
	exec := authz.NewMsgExec(types.Address, []sdk.Msg{plan})
	cases := []struct {
		name string
		msg  sdk.Msg
		want *errorsmod.Error
	}{
		{"an upgrade as a general decision", propose(types.PROPOSAL_KIND_GENERAL, plan), types.ErrKindMismatch},
		{"consensus parameters as a general decision", propose(types.PROPOSAL_KIND_GENERAL, cons), types.ErrKindMismatch},
		{"an admission as a parameter change", propose(types.PROPOSAL_KIND_PARAMETERS, &membershiptypes.MsgAdmitMember{Authority: asm, Person: r.Accounts["dave"].String()}), types.ErrKindMismatch},
		{"the assembly's rules as a parameter change", propose(types.PROPOSAL_KIND_PARAMETERS, &gptypes.MsgUpdateParams{Authority: asm, Params: rules}), types.ErrKindMismatch},
		{"a parameter change and an upgrade together", propose(types.PROPOSAL_KIND_UPGRADE, plan, &gptypes.MsgUpdateParams{Authority: asm, Params: params}), types.ErrKindMismatch},
		{"an upgrade hidden in an authz exec", propose(types.PROPOSAL_KIND_GENERAL, &exec), types.ErrInvalidProposal},
		{"a message signed by a member", propose(types.PROPOSAL_KIND_GENERAL, banktypes.NewMsgSend(m[0].Addr, m[1].Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1)))), types.ErrWrongSigner},
		{"an SDK message as a general decision (they need the constitution kind)", propose(types.PROPOSAL_KIND_GENERAL, banktypes.NewMsgSend(types.Address, m[1].Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1)))), types.ErrKindMismatch},
		{"a circuit permission as a general decision", propose(types.PROPOSAL_KIND_GENERAL, &circuittypes.MsgAuthorizeCircuitBreaker{Granter: asm, Grantee: m[1].String(),
			Permissions: &circuittypes.Permissions{Level: circuittypes.Permissions_LEVEL_SUPER_ADMIN}}), types.ErrKindMismatch},
		{"an IBC software upgrade as a general decision", propose(types.PROPOSAL_KIND_GENERAL, &ibcclienttypes.MsgIBCSoftwareUpgrade{Signer: asm}), types.ErrKindMismatch},
		{"the assembly's authority granted to a member", propose(types.PROPOSAL_KIND_CONSTITUTION, grant(t, m[1].Addr, plan)), types.ErrInvalidProposal},
		{"a send from the assembly's account is proposable as a constitution decision (the RSC rule refuses it if it passes)", propose(types.PROPOSAL_KIND_CONSTITUTION, banktypes.NewMsgSend(types.Address, m[1].Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1)))), nil},
		{"no kind", propose(types.PROPOSAL_KIND_UNSPECIFIED, plan), types.ErrInvalidProposal},
		{"no messages", &types.MsgPropose{Proposer: m[0].String(), Kind: types.PROPOSAL_KIND_GENERAL, Title: "t"}, types.ErrInvalidProposal},
		{"no title", untitled(propose(types.PROPOSAL_KIND_UPGRADE, plan)), types.ErrInvalidProposal},
		{"a non-member proposes", &types.MsgPropose{Proposer: r.Accounts["dave"].String(), Kind: types.PROPOSAL_KIND_UPGRADE, Title: "t", Messages: propose(types.PROPOSAL_KIND_UPGRADE, plan).(*types.MsgPropose).Messages}, types.ErrNotMember},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			signer := m[0]
			if p := c.msg.(*types.MsgPropose); p.Proposer != m[0].String() {
				signer = r.Accounts["dave"]
			}
			res := r.Deliver(signer, c.msg)
			if c.want == nil {
				require.Zero(t, res.Code, res.Log)
				return
			}
			region.RequireError(t, c.want, res)
		})
	}

	// 6 yes to 4 no: a majority, not two thirds: the upgrade is rejected.
	up := r.AssemblyPropose(m[1], plan)
	r.AssemblyOpen(up)
	f.vote(up, yes, m[:6]...)
	f.vote(up, no, m[6:]...)
	require.Equal(t, types.PROPOSAL_STATUS_REJECTED, r.AssemblyClose(up).Status)
	_, err = r.App.UpgradeKeeper.GetUpgradePlan(r.Ctx())
	require.ErrorIs(t, err, upgradetypes.ErrNoUpgradePlanFound)

	// 7 to 3: more than two thirds; the plan is the members' decision.
	up = r.AssemblyPropose(m[1], plan)
	r.AssemblyOpen(up)
	f.vote(up, yes, m[:7]...)
	f.vote(up, no, m[7:]...)
	require.Equal(t, types.PROPOSAL_STATUS_PASSED, r.AssemblyClose(up).Status)
	got, err := r.App.UpgradeKeeper.GetUpgradePlan(r.Ctx())
	require.NoError(t, err)
	require.Equal(t, "v2", got.Name)
}

// TestExecutionFailureRecorded: a passed proposal whose message fails records why and
// applies nothing of it, not even its messages that succeeded.
func TestExecutionFailureRecorded(t *testing.T) {
	f := newFixture(t, 0)
	r, dave := f.r, f.r.Accounts["dave"]
	p := r.AssemblyDecide(f.m[:3],
		&membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: dave.String()},
		&membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: f.m[1].String()})
	require.Equal(t, types.PROPOSAL_STATUS_FAILED, p.Status)
	require.Contains(t, p.ResultLog, "message 1")
	require.Contains(t, p.ResultLog, membershiptypes.ErrAlreadyMember.Error())
	require.False(t, r.App.MembershipKeeper.IsMember(r.Ctx(), dave.Addr), "all or nothing")
}

// TestVoteRefusals: every bad vote is a registered error.
func TestVoteRefusals(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	id := f.admit()
	cases := []struct {
		name   string
		signer region.Account
		msg    sdk.Msg
		want   *errorsmod.Error
	}{
		{"a non-member", r.Accounts["dave"], &types.MsgVote{Voter: r.Accounts["dave"].String(), ProposalId: id, Option: yes}, types.ErrNotMember},
		{"an unknown proposal", m[0], &types.MsgVote{Voter: m[0].String(), ProposalId: id + 100, Option: yes}, types.ErrUnknownProposal},
		{"no option", m[0], &types.MsgVote{Voter: m[0].String(), ProposalId: id}, types.ErrInvalidVote},
		{"an option that is none", m[0], &types.MsgVote{Voter: m[0].String(), ProposalId: id, Option: 9}, types.ErrInvalidVote},
		{"proposal 0", m[0], &types.MsgVote{Voter: m[0].String(), ProposalId: 0, Option: yes}, types.ErrUnknownProposal},
		{"amend an unknown proposal", m[0], &types.MsgAmend{Proposer: m[0].String(), ProposalId: id + 100, Kind: types.PROPOSAL_KIND_GENERAL, Title: "t",
			Messages: mustPropose(t, m[0], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: m[0].String()}).Messages}, types.ErrUnknownProposal},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { region.RequireError(t, c.want, r.Deliver(c.signer, c.msg)) })
	}
	require.Equal(t, types.Tally{}, f.tally(id))
}

// TestOpenProposalsBounded: a member has at most max_open_per_member proposals open.
func TestOpenProposalsBounded(t *testing.T) {
	f := newFixture(t, time.Hour)
	r := f.r
	for i := 0; i < 2; i++ {
		r.AssemblyPropose(f.m[0], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["dave"].String()})
	}
	f.refused(types.ErrTooManyOpen, f.m[0], mustPropose(t, f.m[0], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["dave"].String()}))
	r.AssemblyPropose(f.m[1], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["dave"].String()})
}

// TestVotesCleanedUpInBounds: after the close, a proposal's votes are deleted at most
// max_vote_deletions_per_block a block.
func TestVotesCleanedUpInBounds(t *testing.T) {
	f := newFixture(t, 0)
	r := f.r
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	params.Assembly.MaxVoteDeletionsPerBlock = 3
	p := r.AssemblyDecide(f.m, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	require.Equal(t, types.PROPOSAL_STATUS_PASSED, p.Status, p.ResultLog)
	count := func() int {
		n := 0
		require.NoError(t, r.App.AssemblyKeeper.Votes.Walk(r.Ctx(), nil, func(_ keyVote, _ types.Vote) (bool, error) { n++; return false, nil }))
		return n
	}
	// the new rule runs in the close block already: 10 votes, 3 deleted
	left := count()
	require.Equal(t, 7, left)
	for left > 0 {
		r.NextBlock(time.Second)
		now := count()
		require.LessOrEqual(t, left-now, 3)
		require.Less(t, now, left)
		left = now
	}
	has, err := r.App.AssemblyKeeper.Cleanup.Has(r.Ctx(), p.Id)
	require.NoError(t, err)
	require.False(t, has)
}

type keyVote = collections.Pair[uint64, sdk.AccAddress]

func grant(t *testing.T, grantee sdk.AccAddress, msg sdk.Msg) *authz.MsgGrant {
	g, err := authz.NewMsgGrant(types.Address, grantee, authz.NewGenericAuthorization(sdk.MsgTypeURL(msg)), nil)
	require.NoError(t, err)
	return g
}

func joinVote(id uint64, voter region.Account) keyVote { return collections.Join(id, voter.Addr) }

func untitled(m sdk.Msg) sdk.Msg {
	p := *m.(*types.MsgPropose)
	p.Title = ""
	return &p
}

func mustPropose(t *testing.T, by region.Account, msgs ...sdk.Msg) *types.MsgPropose {
	t.Helper()
	p, err := types.NewMsgPropose(by.String(), types.PROPOSAL_KIND_MEMBERSHIP, fmt.Sprintf("by %s", by.Name), "", "", msgs...)
	require.NoError(t, err)
	return p
}

// TestAmendIntoStricterKind: a proposal amended into a kind deliberated longer is deliberated
// as long as that kind, counted from its submission.
func TestAmendIntoStricterKind(t *testing.T) {
	f := newFixture(t, time.Hour)
	r := f.r
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	for i := range params.Assembly.Kinds {
		if params.Assembly.Kinds[i].Kind == types.PROPOSAL_KIND_UPGRADE {
			params.Assembly.Kinds[i].DeliberationPeriod = 5 * time.Hour
		}
	}
	require.NoError(t, r.App.GovernanceParamsKeeper.Params.Set(r.Ctx(), params))
	id := r.AssemblyPropose(f.m[0], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["dave"].String()})
	submitted := r.AssemblyProposal(id).Proposal.SubmitTime
	plan := &upgradetypes.MsgSoftwareUpgrade{Authority: r.Assembly(), Plan: upgradetypes.Plan{Name: "v2", Height: 10_000}}
	m, err := types.NewMsgPropose(f.m[0].String(), types.PROPOSAL_KIND_UPGRADE, "upgrade", "", "", plan)
	require.NoError(t, err)
	r.MustDeliver(f.m[0], &types.MsgAmend{Proposer: f.m[0].String(), ProposalId: id, Kind: m.Kind, Title: m.Title, Messages: m.Messages})
	p := r.AssemblyProposal(id).Proposal
	require.Equal(t, types.PROPOSAL_KIND_UPGRADE, p.Kind)
	require.Equal(t, submitted.Add(5*time.Hour), p.DeliberationEnd)
	r.At(submitted.Add(time.Hour + time.Minute))
	require.Equal(t, types.PROPOSAL_STATUS_DELIBERATION, r.AssemblyProposal(id).Proposal.Status, "not opened at the old end")
	r.AssemblyOpen(id)
	require.Equal(t, types.PROPOSAL_STATUS_VOTING, r.AssemblyProposal(id).Proposal.Status)
}
