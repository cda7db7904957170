package keeper_test

// Attacks on the assembly from a security review: sequences that once counted a member twice,
// kept a leaver's count, counted a proxy given after the voting end, or let an authz grantee
// vote past the proxy rules, and a random walk of votes, proxies, admissions and leavings
// over several open proposals checked against a recount written apart from the keeper.

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	commitmenttypes "github.com/cosmos/ibc-go/v8/modules/core/23-commitment/types"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/assembly/keeper"
	"github.com/conductor-coop/conductor/x/assembly/types"
	educationtypes "github.com/conductor-coop/conductor/x/education/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershipkeeper "github.com/conductor-coop/conductor/x/membership/keeper"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// zzMajority has m0 propose msgs (of the kind KindOf says), 6 of the 10 members vote yes and
// 4 no: a simple majority, never two thirds. It returns the closed proposal, or nil and the
// refusal if the proposal was refused at submission.
func (f *fixture) zzMajority(msgs ...sdk.Msg) (*types.Proposal, error) {
	f.t.Helper()
	r := f.r
	kind, err := r.App.AssemblyKeeper.KindOf(r.Ctx(), msgs)
	if err != nil {
		return nil, err
	}
	prop, err := types.NewMsgPropose(f.m[0].String(), kind, "attack", "", "", msgs...)
	require.NoError(f.t, err)
	res := r.Deliver(f.m[0], prop)
	if res.Code != 0 {
		return nil, errors.New(res.Log)
	}
	id, err := r.App.AssemblyKeeper.ProposalSeq.Peek(r.Ctx())
	require.NoError(f.t, err)
	r.AssemblyOpen(id)
	f.vote(id, yes, f.m[:6]...)
	f.vote(id, no, f.m[6:]...)
	p := r.AssemblyClose(id)
	return &p, nil
}

// ---------------------------------------------------------------------------------------
// Kinds: a stricter-kind effect under a milder kind.

// TestAttackIBCSoftwareUpgradeAsGeneral: ibc-go's MsgIBCSoftwareUpgrade (signer: the IBC
// authority, the assembly) schedules an x/upgrade plan, as MsgSoftwareUpgrade does, but
// kinds.go does not know it: it is a GENERAL proposal, decided by a simple majority.
func TestAttackIBCSoftwareUpgradeAsGeneral(t *testing.T) {
	f := newFixture(t, 0)
	r := f.r
	cs := ibctm.NewClientState("region-test-2", ibctm.DefaultTrustLevel, 14*24*time.Hour, 21*24*time.Hour, 10*time.Second,
		clienttypes.NewHeight(2, 1), commitmenttypes.GetSDKSpecs(), []string{"upgrade", "upgradedIBCState"})
	msg, err := clienttypes.NewMsgIBCSoftwareUpgrade(r.Assembly(), upgradetypes.Plan{Name: "ibc-evil", Height: 10_000}, cs)
	require.NoError(t, err)
	kind, err := r.App.AssemblyKeeper.KindOf(r.Ctx(), []sdk.Msg{msg})
	require.NoError(t, err)
	p, err := f.zzMajority(msg)
	if err != nil {
		t.Logf("held: refused: %v", err)
		return
	}
	if p.Status != types.PROPOSAL_STATUS_PASSED {
		t.Logf("held: %s %s", p.Status, p.ResultLog)
		return
	}
	got, err := r.App.UpgradeKeeper.GetUpgradePlan(r.Ctx())
	require.NoError(t, err)
	t.Errorf("HOLE: a %s proposal carrying MsgIBCSoftwareUpgrade passed 6 to 4 (not > 2/3) and scheduled the chain "+
		"upgrade %q at height %d", kind, got.Name, got.Height)
}

// TestAttackRuleChangeBetweenSubmissionAndExecution: a parameters proposal carrying the rules in
// force at its submission cannot revert a constitution change that passed while it was in
// voting.
func TestAttackRuleChangeBetweenSubmissionAndExecution(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	constitution := params
	constitution.Assembly.MaxProxies = 3
	c := r.AssemblyPropose(m[0], &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: constitution})
	r.AssemblyOpen(c)
	numbers := params
	numbers.WaitlistThreshold = 77
	p := r.AssemblyPropose(m[1], &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: numbers})
	require.Equal(t, types.PROPOSAL_KIND_PARAMETERS, r.AssemblyProposal(p).Proposal.Kind)
	r.AssemblyOpen(p)
	f.vote(c, yes, m...)
	f.vote(p, yes, m...)
	require.Equal(t, types.PROPOSAL_STATUS_PASSED, r.AssemblyClose(c).Status)
	closed := r.AssemblyClose(p)
	require.Equal(t, types.PROPOSAL_STATUS_FAILED, closed.Status, "a parameters proposal reverted the constitution")
	require.Contains(t, closed.ResultLog, types.ErrKindMismatch.Error())
	now, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	require.EqualValues(t, 3, now.Assembly.MaxProxies)
}

// ---------------------------------------------------------------------------------------
// Votes and proxies.

// TestAttackProxyAfterVotingEnded: in the block at (or after) a proposal's voting end, votes are
// refused, but a proxy given to a member who voted still adds to the tally the EndBlocker
// then closes on: a member votes after voting closed, seeing the final tally, and flips it.
func TestAttackProxyAfterVotingEnded(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	id := f.admit()
	f.vote(id, yes, m[0])
	f.vote(id, no, m[1])
	require.Equal(t, types.Tally{Yes: 1, No: 1}, f.tally(id)) // a tie: rejected
	end := r.AssemblyProposal(id).Proposal.VotingEnd
	late := r.Tx([]region.Account{m[3]}, &types.MsgVote{Voter: m[3].String(), ProposalId: id, Option: yes})
	give := r.Tx([]region.Account{m[2]}, &types.MsgGiveProxy{Member: m[2].String(), Holder: m[0].String()})
	res := r.NextBlock(end.Sub(r.Time), late, give)
	region.RequireError(t, types.ErrNotVoting, res.TxResults[0])
	p := r.AssemblyProposal(id).Proposal
	require.NotEqual(t, types.PROPOSAL_STATUS_VOTING, p.Status)
	if res.TxResults[1].Code != 0 || p.Tally != (types.Tally{Yes: 2, No: 1}) {
		t.Logf("held: %s tally %v", res.TxResults[1].Log, p.Tally)
		return
	}
	t.Errorf("HOLE: in the block at the voting end m3's vote was refused (ErrNotVoting) but m2's MsgGiveProxy to m0 "+
		"(who voted yes) was counted: the proposal closed %s with %v instead of rejected with {1 1 0}", p.Status, p.Tally)
}

// TestAttackAuthzVoteBypassesProxyRules: authz grants of MsgVote give a member the votes of
// others beyond max_proxies, and to a member who gave their own proxy (two levels).
func TestAttackAuthzVoteBypassesProxyRules(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	f.setMaxProxies(1)
	f.proxy(m[1], m[0], 0) // m0 holds its one proxy
	f.refused(types.ErrTooManyProxies, m[2], &types.MsgGiveProxy{Member: m[2].String(), Holder: m[0].String()})
	voteURL := sdk.MsgTypeURL(&types.MsgVote{})
	for _, granter := range []region.Account{m[2], m[3]} {
		g, err := authz.NewMsgGrant(granter.Addr, m[0].Addr, authz.NewGenericAuthorization(voteURL), nil)
		require.NoError(t, err)
		r.MustDeliver(granter, g)
	}
	// m1 gave their vote to m0; m4 lets m1 cast theirs: a giver holding a vote (two levels).
	g, err := authz.NewMsgGrant(m[4].Addr, m[1].Addr, authz.NewGenericAuthorization(voteURL), nil)
	require.NoError(t, err)
	r.MustDeliver(m[4], g)
	// and m5 lets erin, a non-member, cast theirs.
	erin := r.Accounts["erin"]
	g, err = authz.NewMsgGrant(m[5].Addr, erin.Addr, authz.NewGenericAuthorization(voteURL), nil)
	require.NoError(t, err)
	r.MustDeliver(m[5], g)
	id := f.admit()
	f.vote(id, yes, m[0])
	exec := authz.NewMsgExec(m[0].Addr, []sdk.Msg{
		&types.MsgVote{Voter: m[2].String(), ProposalId: id, Option: yes},
		&types.MsgVote{Voter: m[3].String(), ProposalId: id, Option: yes},
	})
	res := r.Deliver(m[0], &exec)
	exec1 := authz.NewMsgExec(m[1].Addr, []sdk.Msg{&types.MsgVote{Voter: m[4].String(), ProposalId: id, Option: yes}})
	res1 := r.Deliver(m[1], &exec1)
	exec2 := authz.NewMsgExec(erin.Addr, []sdk.Msg{&types.MsgVote{Voter: m[5].String(), ProposalId: id, Option: yes}})
	res2 := r.Deliver(erin, &exec2)
	tally := f.tally(id)
	if res.Code != 0 && res1.Code != 0 {
		t.Logf("held: %s / %s", res.Log, res1.Log)
		return
	}
	t.Errorf("HOLE (design): with max_proxies 1, m0 (holding m1's proxy) cast m2's and m3's votes by authz MsgExec "+
		"(code %d), m1, who gave their vote away, cast m4's (code %d), and erin, a non-member, cast m5's (code %d): "+
		"tally %v; by the proxy rules m0 counts at most 2, m1 and erin none", res.Code, res1.Code, res2.Code, tally)
}

// TestAttackProxyChainAndCapHeld: chains and the cap, tried from every side.
func TestAttackProxyChainAndCapHeld(t *testing.T) {
	f := newFixture(t, 0)
	m := f.m
	f.setMaxProxies(2)
	give := func(a, b region.Account, k types.ProposalKind) *types.MsgGiveProxy {
		return &types.MsgGiveProxy{Member: a.String(), Holder: b.String(), Kind: k}
	}
	f.proxy(m[1], m[0], types.PROPOSAL_KIND_MEMBERSHIP)
	// m0 holds a per-kind proxy: it may not give one of any kind.
	f.refused(types.ErrProxyChain, m[0], give(m[0], m[2], types.PROPOSAL_KIND_UPGRADE))
	// m1 gave one: nobody gives m1 theirs, of any kind.
	f.refused(types.ErrProxyChain, m[3], give(m[3], m[1], types.PROPOSAL_KIND_GENERAL))
	// the cap counts proxies of every kind; a member's second kind to the same holder counts too.
	f.proxy(m[1], m[0], 0)
	f.refused(types.ErrTooManyProxies, m[2], give(m[2], m[0], types.PROPOSAL_KIND_UPGRADE))
	// the cap holds when a proxy moves to a full holder.
	f.proxy(m[4], m[5], 0)
	f.proxy(m[6], m[5], 0)
	f.refused(types.ErrTooManyProxies, m[4], give(m[4], m[0], 0))
	f.invariantsHold()
}

// TestAttackLeaveReadmitCannotVote: a member who voted, left and was readmitted during the vote
// is neither counted nor able to vote again; nor is a proxy they give or hold counted.
func TestAttackLeaveReadmitCannotVote(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	id := f.admit()
	f.proxy(m[2], m[1], 0)
	f.vote(id, yes, m[1]) // counts m1 and m2
	f.vote(id, no, m[3])
	require.Equal(t, types.Tally{Yes: 2, No: 1}, f.tally(id))
	r.MustDeliver(m[1], &membershiptypes.MsgLeaveRegion{Member: m[1].String()})
	require.Equal(t, types.Tally{No: 1}, f.tally(id))
	zzAdmit(t, r, m[1])
	f.refused(types.ErrNotEligible, m[1], &types.MsgVote{Voter: m[1].String(), ProposalId: id, Option: yes})
	f.proxy(m[1], m[3], 0) // the readmitted m1 gives theirs to m3 (who voted): not counted
	require.Equal(t, types.Tally{No: 1}, f.tally(id))
	f.vote(id, yes, m[2])
	require.Equal(t, types.Tally{Yes: 1, No: 1}, f.tally(id))
}

// zzAdmit admits a person as the assembly's execution would, in the next block's height.
func zzAdmit(t *testing.T, r *region.Region, who region.Account) {
	t.Helper()
	ctx := r.Ctx().WithBlockHeight(r.Height + 1)
	_, err := membershipkeeper.NewMsgServerImpl(r.App.MembershipKeeper).AdmitMember(ctx, &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: who.String()})
	require.NoError(t, err)
}

// TestAttackFuzzTallies: random give / take back / vote / leave / (re)admit / propose across
// several proposals of every kind in voting at once, with general and per-kind proxies; after
// each step the running tallies are compared with a recount made here from the raw state by
// the rules (not with the keeper's own helpers), and every acceptance of a vote with the
// eligibility rule.
func TestAttackFuzzTallies(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { zzFuzz(t, seed, 250) })
	}
}

// TestAttackFuzzTalliesSparingEarlyReturn is the same fuzz without the steps that trigger the
// changeProxy bug below (a give, take-back or leave by a member who does not count on some
// proposal in voting that is not the last): it looks for other drifts.
func TestAttackFuzzTalliesSparingEarlyReturn(t *testing.T) {
	for seed := int64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { zzFuzzOpts(t, seed, 300, true) })
	}
}

func zzFuzz(t *testing.T, seed int64, steps int) { zzFuzzOpts(t, seed, steps, false) }

func zzFuzzOpts(t *testing.T, seed int64, steps int, spare bool) {
	f := newFixture(t, 0)
	r := f.r
	rng := rand.New(rand.NewSource(seed))
	rich := f.m[9]
	people := append([]region.Account{}, f.m...)
	people = append(people, r.Accounts["dave"], r.Accounts["erin"])
	for i := 0; i < 2; i++ {
		x := region.NewAccount(fmt.Sprintf("zz%d", i))
		r.MustDeliver(rich, banktypes.NewMsgSend(rich.Addr, x.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1_000_000_000))))
		people = append(people, x)
	}
	k := r.App.AssemblyKeeper
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	constitution := params
	constitution.Assembly.MaxProxies = 99
	kindMsg := map[types.ProposalKind]sdk.Msg{
		types.PROPOSAL_KIND_GENERAL: &educationtypes.MsgSetProgram{Authority: r.Assembly(), Program: educationtypes.Program{
			School: f.m[1].String(), Name: "zz", Capacity: 1, YearlyCost: math.NewInt(1), Term: time.Hour, Terms: 1}},
		types.PROPOSAL_KIND_PARAMETERS:   &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params},
		types.PROPOSAL_KIND_MEMBERSHIP:   &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["erin"].String()},
		types.PROPOSAL_KIND_UPGRADE:      &upgradetypes.MsgSoftwareUpgrade{Authority: r.Assembly(), Plan: upgradetypes.Plan{Name: "zz", Height: 1_000_000}},
		types.PROPOSAL_KIND_CONSTITUTION: &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: constitution},
	}
	var open []uint64
	member := func(a region.Account) (bool, int64) {
		ok, since, err := r.App.MembershipKeeper.MemberSince(r.Ctx(), a.Addr)
		require.NoError(t, err)
		return ok, since
	}
	pick := func() region.Account { return people[rng.Intn(len(people))] }
	kinds := []types.ProposalKind{0, 1, 2, 3, 4, 5}
	counts := map[string]int{}
	// blocked tells whether a proxy change of a's would meet the changeProxy early return: a
	// does not count on a proposal in voting that is not the last one.
	blocked := func(a sdk.AccAddress) bool {
		if !spare {
			return false
		}
		ctx := r.Ctx()
		for i, id := range open {
			if i == len(open)-1 {
				break
			}
			p, err := k.Proposals.Get(ctx, id)
			require.NoError(t, err)
			ok, since, err := r.App.MembershipKeeper.MemberSince(ctx, a)
			require.NoError(t, err)
			voted, err := k.Votes.Has(ctx, collections.Join(id, a))
			require.NoError(t, err)
			if !ok || since > p.VotingHeight || voted {
				return true
			}
		}
		return false
	}
	var history []string

	check := func(step int, what string) {
		t.Helper()
		ctx := r.Ctx()
		for _, id := range open {
			p, err := k.Proposals.Get(ctx, id)
			require.NoError(t, err)
			if p.Status != types.PROPOSAL_STATUS_VOTING {
				continue
			}
			var want types.Tally
			for _, a := range people {
				ok, since := member(a)
				eligible := ok && since <= p.VotingHeight
				v, err := k.Votes.Get(ctx, collections.Join(id, a.Addr))
				voted := err == nil
				if voted && !eligible {
					t.Fatalf("step %d (%s): %s has a vote on %d and is not eligible", step, what, a.Name, id)
				}
				if !eligible {
					continue
				}
				if voted {
					want.Add(v.Option, 1)
					continue
				}
				var holder string
				for _, kk := range []types.ProposalKind{p.Kind, 0} {
					if px, err := k.Proxies.Get(ctx, collections.Join(a.Addr, int32(kk))); err == nil {
						holder = px.Holder
						break
					}
				}
				if holder == "" {
					continue
				}
				h, err := sdk.AccAddressFromBech32(holder)
				require.NoError(t, err)
				if hv, err := k.Votes.Get(ctx, collections.Join(id, h)); err == nil {
					want.Add(hv.Option, 1)
				}
			}
			got, err := k.Tallies.Get(ctx, id)
			require.NoError(t, err)
			if got != want {
				var dump []string
				for _, a := range people {
					ok, since := member(a)
					line := fmt.Sprintf("%s member=%v since=%d", a.Name, ok, since)
					if v, err := k.Votes.Get(ctx, collections.Join(id, a.Addr)); err == nil {
						line += fmt.Sprintf(" vote=%s weight=%d", v.Option, v.Weight)
					}
					for _, kk := range kinds {
						if px, err := k.Proxies.Get(ctx, collections.Join(a.Addr, int32(kk))); err == nil {
							line += fmt.Sprintf(" proxy[%d]->%s", kk, zzName(people, px.Holder))
						}
					}
					dump = append(dump, line)
				}
				t.Fatalf("step %d (%s): proposal %d (%s, opened at %d): running tally %v, recount by the rules %v\nhistory:\n%s\nstate:\n%s",
					step, what, id, p.Kind, p.VotingHeight, got, want, strings.Join(history, "\n"), strings.Join(dump, "\n"))
			}
			if got.Counted() > p.Eligible {
				t.Fatalf("step %d (%s): proposal %d counts %d of %d eligible", step, what, id, got.Counted(), p.Eligible)
			}
		}
		// proxies: between members, one level, within the cap
		held := map[string]int{}
		require.NoError(t, k.Proxies.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, int32], px types.Proxy) (bool, error) {
			held[px.Holder]++
			return false, nil
		}))
		require.NoError(t, k.Proxies.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, int32], px types.Proxy) (bool, error) {
			if held[px.Member] > 0 {
				t.Fatalf("step %d (%s): %s gave a proxy and holds %d", step, what, px.Member, held[px.Member])
			}
			return false, nil
		}))
		for h, n := range held {
			if n > int(params.Assembly.MaxProxies) {
				t.Fatalf("step %d: %s holds %d proxies", step, h, n)
			}
		}
		f.invariantsHold()
	}

	for step := 0; step < steps; step++ {
		var what string
		switch op := rng.Intn(100); {
		case op < 8 || len(open) == 0: // propose
			by := pick()
			kind := kinds[1+rng.Intn(5)]
			prop, err := types.NewMsgPropose(by.String(), kind, "zz", "", "", kindMsg[kind])
			require.NoError(t, err)
			if len(open) >= 8 {
				continue
			}
			res := r.Deliver(by, prop)
			what = fmt.Sprintf("%s proposes %s: %d", by.Name, kind, res.Code)
			require.False(t, res.Codespace == types.ModuleName && res.Code == types.ErrKindMismatch.ABCICode(),
				"every kind's sample message must be of its kind: %s", res.Log)
			if res.Code == 0 {
				id, err := k.ProposalSeq.Peek(r.Ctx())
				require.NoError(t, err)
				p, err := k.Proposals.Get(r.Ctx(), id)
				require.NoError(t, err)
				require.Equal(t, types.PROPOSAL_STATUS_VOTING, p.Status)
				n, err := r.App.MembershipKeeper.Count(r.Ctx())
				require.NoError(t, err)
				require.Equal(t, n, p.Eligible)
				open = append(open, id)
			}
		case op < 45: // vote
			who, id := pick(), open[rng.Intn(len(open))]
			o := []types.VoteOption{yes, no, abstain}[rng.Intn(3)]
			p, err := k.Proposals.Get(r.Ctx(), id)
			require.NoError(t, err)
			ok, since := member(who)
			res := r.Deliver(who, &types.MsgVote{Voter: who.String(), ProposalId: id, Option: o})
			what = fmt.Sprintf("%s votes %s on %d: %d", who.Name, o, id, res.Code)
			if eligible := ok && since <= p.VotingHeight; eligible != (res.Code == 0) {
				t.Fatalf("step %d: %s (member %v since %d, voting opened at %d) vote accepted=%v: %s", step, who.Name, ok, since, p.VotingHeight, res.Code == 0, res.Log)
			}
		case op < 70: // give
			a, b := pick(), pick()
			if blocked(a.Addr) {
				continue
			}
			kind := kinds[rng.Intn(len(kinds))]
			res := r.Deliver(a, &types.MsgGiveProxy{Member: a.String(), Holder: b.String(), Kind: kind})
			what = fmt.Sprintf("%s gives %s proxy to %s: %d %s", a.Name, kind, b.Name, res.Code, zzShort(res.Log))
		case op < 85: // take back
			a := pick()
			if blocked(a.Addr) {
				continue
			}
			kind := kinds[rng.Intn(len(kinds))]
			res := r.Deliver(a, &types.MsgTakeBackProxy{Member: a.String(), Kind: kind})
			what = fmt.Sprintf("%s takes back %s: %d", a.Name, kind, res.Code)
		case op < 93: // leave
			a := pick()
			if ok, _ := member(a); !ok {
				continue
			}
			if n, _ := r.App.MembershipKeeper.Count(r.Ctx()); n <= 4 {
				continue
			}
			if spare {
				skip := blocked(a.Addr)
				require.NoError(t, k.Proxies.Walk(r.Ctx(), nil, func(key collections.Pair[sdk.AccAddress, int32], px types.Proxy) (bool, error) {
					if px.Holder == a.String() && blocked(key.K1()) {
						skip = true
					}
					return false, nil
				}))
				if skip {
					continue
				}
			}
			res := r.Deliver(a, &membershiptypes.MsgLeaveRegion{Member: a.String()})
			require.Zero(t, res.Code, res.Log)
			what = fmt.Sprintf("%s leaves", a.Name)
		default: // (re)admit
			a := pick()
			if ok, _ := member(a); ok {
				continue
			}
			zzAdmit(t, r, a)
			what = fmt.Sprintf("%s admitted", a.Name)
			r.NextBlock(time.Second)
		}
		counts[strings.Fields(what + " x")[1]]++
		history = append(history, fmt.Sprintf("%d h=%d %s", step, r.Height, what))
		check(step, what)
	}
	t.Logf("seed %d: %d proposals in voting; ops %v", seed, len(open), counts)
}

func zzName(people []region.Account, addr string) string {
	for _, a := range people {
		if a.String() == addr {
			return a.Name
		}
	}
	return addr
}

func zzShort(s string) string {
	if len(s) > 160 {
		return s[:160]
	}
	return s
}

// ---------------------------------------------------------------------------------------
// Slots, cost, leavers.

// TestAttackLeaverKeepsProposals: a member who left keeps their open proposals (and the slots
// they take) and may still amend them.
func TestAttackLeaverKeepsProposals(t *testing.T) {
	f := newFixture(t, time.Hour)
	r, m := f.r, f.m
	id := r.AssemblyPropose(m[3], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["dave"].String()})
	r.MustDeliver(m[3], &membershiptypes.MsgLeaveRegion{Member: m[3].String()})
	am, err := types.NewMsgPropose(m[3].String(), types.PROPOSAL_KIND_MEMBERSHIP, "amended by a non-member", "", "",
		&membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["erin"].String()})
	require.NoError(t, err)
	res := r.Deliver(m[3], &types.MsgAmend{Proposer: m[3].String(), ProposalId: id, Kind: am.Kind, Title: am.Title, Messages: am.Messages})
	if res.Code != 0 {
		t.Logf("held: %s", res.Log)
		return
	}
	p := r.AssemblyProposal(id).Proposal
	t.Errorf("HOLE (low): %s left the region and then amended proposal %d (now %q, status %s); a leaver's proposals stay "+
		"open and keep their slots (no withdrawal exists)", m[3].Name, id, p.Title, p.Status)
}

// zzDeliverGas runs msgs signed by signer (direct mode) with a gas limit of gas, in the next
// block; it returns the result and the block's wall time.
func zzDeliverGas(t *testing.T, r *region.Region, signer region.Account, gas uint64, msgs ...sdk.Msg) (*abci.ExecTxResult, time.Duration) {
	t.Helper()
	cfg := r.App.TxConfig()
	b := cfg.NewTxBuilder()
	require.NoError(t, b.SetMsgs(msgs...))
	b.SetGasLimit(gas)
	ctx := r.Ctx()
	acc := r.App.AccountKeeper.GetAccount(ctx, signer.Addr)
	mode := signing.SignMode_SIGN_MODE_DIRECT
	require.NoError(t, b.SetSignatures(signing.SignatureV2{PubKey: signer.Priv.PubKey(), Data: &signing.SingleSignatureData{SignMode: mode}, Sequence: acc.GetSequence()}))
	sig, err := clienttx.SignWithPrivKey(ctx, mode, authsigning.SignerData{Address: signer.String(), ChainID: region.ChainID,
		AccountNumber: acc.GetAccountNumber(), Sequence: acc.GetSequence(), PubKey: signer.Priv.PubKey()}, b, signer.Priv, cfg, acc.GetSequence())
	require.NoError(t, err)
	require.NoError(t, b.SetSignatures(sig))
	bz, err := cfg.TxEncoder()(b.GetTx())
	require.NoError(t, err)
	start := time.Now()
	res := r.NextBlock(time.Second, bz)
	return res.TxResults[0], time.Since(start)
}

// ---------------------------------------------------------------------------------------
// changeProxy stops at the first proposal in voting where the member does not count.
//
// proxies.go changeProxy: `if counts, err := k.countsByProxy(ctx, p, member); err != nil ||
// !counts { return err }` returns (nil) from the whole loop instead of going on to the next
// proposal: every proposal in voting after the first one (in id order) where the member's
// holder changed but the member does not count there (voted themselves, or was admitted after
// it opened) keeps the old holder's count. The tests below are that one bug, seen from three
// sides.

// zzTwoOpen opens a (membership) proposal A, then a (general) proposal B.
func (f *fixture) zzTwoOpen() (a, b uint64) {
	f.t.Helper()
	r := f.r
	a = r.AssemblyPropose(f.m[8], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["erin"].String()})
	r.AssemblyOpen(a)
	b = r.AssemblyPropose(f.m[7], banktypes.NewMsgSend(types.Address, f.m[1].Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1))))
	r.AssemblyOpen(b)
	return a, b
}

func (f *fixture) zzBroken() string {
	f.t.Helper()
	msg, broken := keeper.TalliesInvariant(f.r.App.AssemblyKeeper)(f.r.Ctx())
	if !broken {
		return "invariant holds"
	}
	return strings.TrimSpace(msg)
}

func (f *fixture) zzTally(id uint64) types.Tally {
	f.t.Helper()
	t, err := f.r.App.AssemblyKeeper.Tallies.Get(f.r.Ctx(), id)
	require.NoError(f.t, err)
	return t
}

// TestAttackTakeBackThenVoteCountsTwice: m1 gives m0 their proxy; m1 votes on A, m0 on B (counting
// m1); m1 takes the proxy back (B is not updated) and votes on B: m1 is counted twice on B.
func TestAttackTakeBackThenVoteCountsTwice(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	f.proxy(m[1], m[0], 0)
	a, b := f.zzTwoOpen()
	f.vote(a, no, m[1])
	f.vote(b, yes, m[0])
	require.Equal(t, types.Tally{Yes: 2}, f.tally(b))
	r.MustDeliver(m[1], &types.MsgTakeBackProxy{Member: m[1].String()})
	afterTakeBack := f.zzTally(b)
	r.MustDeliver(m[1], &types.MsgVote{Voter: m[1].String(), ProposalId: b, Option: yes})
	got := f.zzTally(b)
	if got == (types.Tally{Yes: 2}) {
		return
	}
	t.Errorf("HOLE: after m1 took back their proxy B's tally stayed %v (want {1 0 0}); m1 then voted yes on B: tally %v "+
		"for 2 voters (want {2 0 0}): m1 counted twice. Invariant: %s", afterTakeBack, got, f.zzBroken())
}

// TestAttackLeaverStillCounted: m1 gives m0 their proxy, votes on A; m0 votes on B; m1 leaves the
// region: B still counts m1, and closes counting them.
func TestAttackLeaverStillCounted(t *testing.T) {
	f := newFixture(t, 0)
	r, m := f.r, f.m
	f.proxy(m[1], m[0], 0)
	a, b := f.zzTwoOpen()
	f.vote(a, abstain, m[1])
	f.vote(b, yes, m[0])
	r.MustDeliver(m[1], &membershiptypes.MsgLeaveRegion{Member: m[1].String()})
	got := f.zzTally(b)
	broken := f.zzBroken()
	r.AssemblyClose(a)
	closed := r.AssemblyClose(b)
	if got == (types.Tally{Yes: 1}) {
		return
	}
	t.Errorf("HOLE: m1 left the region; B's running tally stayed %v (want {1 0 0}) and B closed %s with %v: a member "+
		"who left is counted. Invariant: %s", got, closed.Status, closed.Tally, broken)
}

// TestAttackNewMemberProxyUndercountedThenStuck: dave is admitted after A opened and before B
// did; his proxy to m0 (who voted on B) is not added to B; once A closed, his take-back (and
// his leaving, and m0's) fails on B with ErrInvalidVote until B closes.
func TestAttackNewMemberProxyUndercountedThenStuck(t *testing.T) {
	f := newFixture(t, 0)
	r, m, dave := f.r, f.m, f.r.Accounts["dave"]
	a := r.AssemblyPropose(m[8], &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["erin"].String()})
	r.AssemblyOpen(a)
	zzAdmit(t, r, dave)
	r.NextBlock(30 * time.Minute) // B closes half an hour after A
	b := r.AssemblyPropose(m[7], banktypes.NewMsgSend(types.Address, m[1].Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1))))
	r.AssemblyOpen(b)
	f.vote(b, yes, m[0])
	f.proxy(dave, m[0], 0)
	under := f.zzTally(b)
	broken := f.zzBroken()
	ownVote := r.Deliver(dave, &types.MsgVote{Voter: dave.String(), ProposalId: b, Option: no})
	r.AssemblyClose(a)
	take := r.Deliver(dave, &types.MsgTakeBackProxy{Member: dave.String()})
	leave := r.Deliver(dave, &membershiptypes.MsgLeaveRegion{Member: dave.String()})
	holderLeaves := r.Deliver(m[0], &membershiptypes.MsgLeaveRegion{Member: m[0].String()})
	t.Logf("m0 leaving: %s; B now %v, status %s", holderLeaves.Log, f.zzTally(b), r.AssemblyProposal(b).Proposal.Status)
	if under == (types.Tally{Yes: 2}) && take.Code == 0 && ownVote.Code == 0 {
		return
	}
	t.Errorf("HOLE: dave (eligible on B) gave his proxy to m0, who voted yes on B: B's tally %v (want {2 0 0}; %s). "+
		"dave's own vote on B: code %d (%s): he cannot vote. After A closed: dave's take-back code %d, dave's "+
		"leaving code %d, m0's leaving code %d: proxies and leaving are blocked until B closes",
		under, broken, ownVote.Code, zzShort(ownVote.Log), take.Code, leave.Code, holderLeaves.Code)
}
