package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

// InitGenesis loads proposals, votes and proxies, and rebuilds the queues, the open
// proposals by proposer, the running tallies (from the exported proposals' tallies) and the
// cleanup set (closed proposals that still have votes).
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := k.ProposalSeq.Set(ctx, gs.NextProposalId-1); err != nil {
		return err
	}
	closed := map[uint64]bool{}
	for _, p := range gs.Proposals {
		tally := p.Tally
		if p.Status == types.PROPOSAL_STATUS_VOTING {
			p.Tally = types.Tally{} // an open proposal's tally runs in Tallies
		}
		if err := k.Proposals.Set(ctx, p.Id, p); err != nil {
			return err
		}
		proposer, err := k.address(p.Proposer, "proposer")
		if err != nil {
			return err
		}
		switch p.Status {
		case types.PROPOSAL_STATUS_DELIBERATION:
			err = k.DeliberationQueue.Set(ctx, collections.Join(p.DeliberationEnd, p.Id))
		case types.PROPOSAL_STATUS_VOTING:
			if err = k.VotingQueue.Set(ctx, collections.Join(p.VotingEnd, p.Id)); err == nil {
				err = k.Tallies.Set(ctx, p.Id, tally)
			}
		default:
			closed[p.Id] = true
		}
		if err != nil {
			return err
		}
		if p.Status.IsOpen() {
			if err := k.OpenBy.Set(ctx, collections.Join(proposer, p.Id)); err != nil {
				return err
			}
		}
	}
	for _, v := range gs.Votes {
		voter, err := k.address(v.Voter, "voter")
		if err != nil {
			return err
		}
		if err := k.Votes.Set(ctx, collections.Join(v.ProposalId, voter), v); err != nil {
			return err
		}
		if closed[v.ProposalId] {
			if err := k.Cleanup.Set(ctx, v.ProposalId); err != nil {
				return err
			}
		}
	}
	for _, p := range gs.Proxies {
		member, err := k.address(p.Member, "member")
		if err != nil {
			return err
		}
		if _, err := k.address(p.Holder, "holder"); err != nil {
			return err
		}
		if err := k.Proxies.Set(ctx, collections.Join(member, int32(p.Kind)), p); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis writes the assembly's state; an open proposal carries its running tally.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	last, err := k.ProposalSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{NextProposalId: last + 1}
	q := queryServer{k}
	if err := k.Proposals.Walk(ctx, nil, func(_ uint64, p types.Proposal) (bool, error) {
		p, err := q.withTally(ctx, p)
		gs.Proposals = append(gs.Proposals, p)
		return false, err
	}); err != nil {
		return nil, err
	}
	if err := k.Votes.Walk(ctx, nil, func(_ collections.Pair[uint64, sdk.AccAddress], v types.Vote) (bool, error) {
		gs.Votes = append(gs.Votes, v)
		return false, nil
	}); err != nil {
		return nil, err
	}
	err = k.Proxies.Walk(ctx, nil, func(_ ProxyKey, p types.Proxy) (bool, error) {
		gs.Proxies = append(gs.Proxies, p)
		return false, nil
	})
	return gs, err
}
