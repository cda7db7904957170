package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

// vote casts or changes voter's vote on a proposal in voting and updates its running tally:
// O(1) reads and writes for a change of vote or a member who holds no proxies, and one read
// per proxy held (at most max_proxies) for a holder's first vote. No vote is ever recounted.
func (k Keeper) vote(ctx context.Context, msg *types.MsgVote) error {
	voter, err := k.address(msg.Voter, "voter")
	if err != nil {
		return err
	}
	p, err := k.votingProposal(ctx, msg.ProposalId)
	if err != nil {
		return err
	}
	if ok, err := k.eligible(ctx, p, voter); err != nil {
		return err
	} else if !ok {
		if err := k.requireMember(ctx, voter, "voter"); err != nil {
			return err
		}
		return types.ErrNotEligible.Wrapf("proposal %d opened at height %d", p.Id, p.VotingHeight)
	}
	key := collections.Join(p.Id, voter)
	v, err := k.Votes.Get(ctx, key)
	fresh := errors.Is(err, collections.ErrNotFound)
	if err != nil && !fresh {
		return err
	}
	if fresh {
		v = types.Vote{ProposalId: p.Id, Voter: msg.Voter, Weight: 1}
		// the members whose vote the voter holds, unless they voted themselves
		if err := k.constituents(ctx, voter, p.Kind, func(member sdk.AccAddress) error {
			counts, err := k.countsByProxy(ctx, p, member)
			if counts {
				v.Weight++
			}
			return err
		}); err != nil {
			return err
		}
		// the voter's own vote replaces their proxy holder's for this proposal
		holder, err := k.holder(ctx, voter, p.Kind)
		if err != nil {
			return err
		}
		if err := k.reweigh(ctx, p.Id, holder, nil); err != nil {
			return err
		}
	}
	tally, err := k.Tallies.Get(ctx, p.Id)
	if err != nil {
		return err
	}
	if !fresh { // a change of vote: the same members move to the new option
		if err := tally.Sub(v.Option, v.Weight); err != nil {
			return err
		}
	}
	v.Option = msg.Option
	tally.Add(v.Option, v.Weight)
	if err := k.Votes.Set(ctx, key, v); err != nil {
		return err
	}
	if err := k.Tallies.Set(ctx, p.Id, tally); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventVoted{ProposalId: p.Id, Voter: msg.Voter, Option: msg.Option})
}

// votingProposal returns a proposal open for votes at this block's time.
func (k Keeper) votingProposal(ctx context.Context, id uint64) (types.Proposal, error) {
	p, err := k.proposal(ctx, id)
	if err != nil {
		return p, err
	}
	if p.Status != types.PROPOSAL_STATUS_VOTING || !sdk.UnwrapSDKContext(ctx).BlockTime().Before(p.VotingEnd) {
		return p, types.ErrNotVoting.Wrapf("proposal %d is %s", id, p.Status)
	}
	return p, nil
}

func (k Keeper) proposal(ctx context.Context, id uint64) (types.Proposal, error) {
	p, err := k.Proposals.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return p, types.ErrUnknownProposal.Wrapf("%d", id)
	}
	return p, err
}
