// Package simulation gives the assembly's operations to the SDK's simulation: members vote,
// change their votes, give and take back proxies, and try what the rules refuse. Proposals
// come from the other modules' operations (membershipsim.Decide).
package simulation

import (
	"math/rand"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/conductor-coop/conductor/x/assembly/keeper"
	"github.com/conductor-coop/conductor/x/assembly/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
)

type sim struct {
	k  membershipsim.Keepers
	ak keeper.Keeper
}

// WeightedOperations are the assembly's operations.
func WeightedOperations(k membershipsim.Keepers, ak keeper.Keeper) simulation.WeightedOperations {
	s := sim{k, ak}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(300, s.vote),
		simulation.NewWeightedOperation(10, s.giveProxy),
		simulation.NewWeightedOperation(5, s.takeBackProxy),
		simulation.NewWeightedOperation(5, s.refused),
	}
}

// openVoting picks a proposal in voting.
func (s sim) openVoting(r *rand.Rand, ctx sdk.Context) (types.Proposal, bool) {
	var open []types.Proposal
	_ = s.ak.Proposals.Walk(ctx, nil, func(_ uint64, p types.Proposal) (bool, error) {
		if p.Status == types.PROPOSAL_STATUS_VOTING && ctx.BlockTime().Before(p.VotingEnd) {
			open = append(open, p)
		}
		return false, nil
	})
	if len(open) == 0 {
		return types.Proposal{}, false
	}
	return open[r.Intn(len(open))], true
}

func (s sim) eligible(ctx sdk.Context, p types.Proposal, accs []simtypes.Account) []simtypes.Account {
	var out []simtypes.Account
	for _, a := range membershipsim.Members(ctx, s.k.Membership, accs) {
		if member, since, err := s.k.Membership.MemberSince(ctx, a.Address); err == nil && member && since <= p.VotingHeight {
			out = append(out, a)
		}
	}
	return out
}

// vote: an eligible member votes (mostly yes) or changes their vote.
func (s sim) vote(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	typeURL := sdk.MsgTypeURL(&types.MsgVote{})
	p, ok := s.openVoting(r, ctx)
	if !ok {
		return simtypes.NoOpMsg(types.ModuleName, typeURL, "no proposal in voting"), nil, nil
	}
	voters := s.eligible(ctx, p, accs)
	if len(voters) == 0 {
		return simtypes.NoOpMsg(types.ModuleName, typeURL, "no eligible member"), nil, nil
	}
	option := types.VOTE_OPTION_YES
	switch n := r.Intn(10); {
	case n >= 9:
		option = types.VOTE_OPTION_ABSTAIN
	case n >= 8:
		option = types.VOTE_OPTION_NO
	}
	voter := voters[r.Intn(len(voters))]
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, voter, &types.MsgVote{Voter: voter.Address.String(), ProposalId: p.Id, Option: option})
	return op, nil, err
}

// giveProxy: a member who holds no proxies gives their vote to one who gave none, on every
// kind or one, when the holder has room.
func (s sim) giveProxy(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	typeURL := sdk.MsgTypeURL(&types.MsgGiveProxy{})
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	if len(members) < 2 {
		return simtypes.NoOpMsg(types.ModuleName, typeURL, "too few members"), nil, nil
	}
	member, holder := members[r.Intn(len(members))], members[r.Intn(len(members))]
	msg := &types.MsgGiveProxy{Member: member.Address.String(), Holder: holder.Address.String(), Kind: types.ProposalKind(r.Intn(len(types.ProposalKind_name)))}
	cache, _ := ctx.CacheContext()
	if _, err := keeper.NewMsgServerImpl(s.ak).GiveProxy(cache, msg); err != nil {
		return simtypes.NoOpMsg(types.ModuleName, typeURL, err.Error()), nil, nil
	}
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, member, msg)
	return op, nil, err
}

// takeBackProxy: a member takes back a proxy they gave.
func (s sim) takeBackProxy(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	typeURL := sdk.MsgTypeURL(&types.MsgTakeBackProxy{})
	var given []types.Proxy
	_ = s.ak.Proxies.Walk(ctx, nil, func(_ keeper.ProxyKey, p types.Proxy) (bool, error) {
		given = append(given, p)
		return false, nil
	})
	if len(given) == 0 {
		return simtypes.NoOpMsg(types.ModuleName, typeURL, "no proxy"), nil, nil
	}
	p := given[r.Intn(len(given))]
	acc, ok := account(accs, p.Member)
	if !ok {
		return simtypes.NoOpMsg(types.ModuleName, typeURL, "not a simulated account"), nil, nil
	}
	op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, acc, &types.MsgTakeBackProxy{Member: p.Member, Kind: p.Kind})
	return op, nil, err
}

// refused tries what the rules close; each must fail with its own error, or the simulation
// fails: a non-member votes, a member votes on a proposal not in voting or gives their
// proxy to themselves, a member proposes a send of the treasury's money as a general
// decision signed by themselves, and a member proposes to change the assembly's rules
// under the parameters kind.
func (s sim) refused(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	if len(members) == 0 {
		return simtypes.NoOpMsg(types.ModuleName, "refused", "no members"), nil, nil
	}
	member := members[r.Intn(len(members))]
	var outsider *simtypes.Account
	for i := range accs {
		if !s.k.Membership.IsMember(ctx, accs[i].Address) {
			outsider = &accs[i]
			break
		}
	}
	var latest uint64
	_ = s.ak.Proposals.Walk(ctx, new(collections.Range[uint64]).Descending(), func(id uint64, _ types.Proposal) (bool, error) {
		latest = id
		return true, nil
	})
	cases := []struct {
		signer simtypes.Account
		msg    sdk.Msg
		want   *errorsmod.Error
	}{
		{member, &types.MsgGiveProxy{Member: member.Address.String(), Holder: member.Address.String()}, types.ErrSelfProxy},
		{member, &types.MsgVote{Voter: member.Address.String(), ProposalId: latest + 1, Option: types.VOTE_OPTION_YES}, types.ErrUnknownProposal},
	}
	if p, ok := s.openVoting(r, ctx); ok && outsider != nil {
		cases = append(cases, struct {
			signer simtypes.Account
			msg    sdk.Msg
			want   *errorsmod.Error
		}{*outsider, &types.MsgVote{Voter: outsider.Address.String(), ProposalId: p.Id, Option: types.VOTE_OPTION_YES}, types.ErrNotMember})
	}
	send := banktypes.NewMsgSend(member.Address, member.Address, sdk.NewCoins(sdk.NewInt64Coin("ursc", 1)))
	if prop, err := types.NewMsgPropose(member.Address.String(), types.PROPOSAL_KIND_GENERAL, "not ours", "", "", send); err == nil {
		cases = append(cases, struct {
			signer simtypes.Account
			msg    sdk.Msg
			want   *errorsmod.Error
		}{member, prop, types.ErrWrongSigner})
	}
	c := cases[r.Intn(len(cases))]
	op, err := membershipsim.DeliverRefused(r, app, ctx, chainID, s.k, types.ModuleName, c.signer, c.msg, c.want)
	return op, nil, err
}

func account(accs []simtypes.Account, address string) (simtypes.Account, bool) {
	for _, a := range accs {
		if a.Address.String() == address {
			return a, true
		}
	}
	return simtypes.Account{}, false
}
