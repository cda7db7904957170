package keeper

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

// maxStagesPerBlock bounds the proposals one block opens or closes (each close runs its
// messages); the rest follow in the next blocks.
const maxStagesPerBlock = 10

// EndBlocker closes the proposals whose voting ended, opens voting on those whose
// deliberation ended, and deletes a bounded number of closed proposals' votes. A failure
// is logged and left for the next block: nothing here halts the chain.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	steps := []struct {
		name string
		run  func(sdk.Context) error
	}{{"close", k.closeDue}, {"open", k.openDue}, {"cleanup", k.cleanup}}
	for _, s := range steps {
		cache, write := sdkCtx.CacheContext()
		if err := recovered(func() error { return s.run(cache) }); err != nil {
			k.Logger(ctx).Error("assembly: "+s.name+" failed; retried next block", "err", err)
			continue
		}
		write()
	}
	return nil
}

// recovered runs f, turning a panic into an error.
func recovered(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// due returns up to maxStagesPerBlock proposals of q due by the block time.
func due(ctx sdk.Context, q collections.KeySet[collections.Pair[time.Time, uint64]]) ([]collections.Pair[time.Time, uint64], error) {
	rng := new(collections.Range[collections.Pair[time.Time, uint64]]).EndInclusive(collections.Join(ctx.BlockTime(), ^uint64(0)))
	it, err := q.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []collections.Pair[time.Time, uint64]
	for ; it.Valid() && len(out) < maxStagesPerBlock; it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, err
		}
		out = append(out, key)
	}
	return out, nil
}

// openDue opens voting: the members now are the eligible ones; the kind's rule in force
// now decides it (a change of the rules applies to proposals that open after it).
func (k Keeper) openDue(ctx sdk.Context) error {
	keys, err := due(ctx, k.DeliberationQueue)
	if err != nil || len(keys) == 0 {
		return err
	}
	rules, err := k.rules(ctx)
	if err != nil {
		return err
	}
	eligible, err := k.members.Count(ctx)
	if err != nil {
		return err
	}
	for _, key := range keys {
		p, err := k.proposal(ctx, key.K2())
		if err != nil {
			return err
		}
		rule, err := rules.Rule(p.Kind)
		if err != nil {
			return err
		}
		p.Status, p.VotingHeight, p.Eligible = types.PROPOSAL_STATUS_VOTING, ctx.BlockHeight(), eligible
		p.Quorum, p.Threshold, p.VotingEnd = rule.Quorum, rule.Threshold, ctx.BlockTime().Add(rule.VotingPeriod)
		if err := k.Proposals.Set(ctx, p.Id, p); err != nil {
			return err
		}
		if err := k.DeliberationQueue.Remove(ctx, key); err != nil {
			return err
		}
		if err := k.VotingQueue.Set(ctx, collections.Join(p.VotingEnd, p.Id)); err != nil {
			return err
		}
		if err := k.Tallies.Set(ctx, p.Id, types.Tally{}); err != nil {
			return err
		}
		if err := ctx.EventManager().EmitTypedEvent(&types.EventVotingOpened{ProposalId: p.Id, Eligible: eligible}); err != nil {
			return err
		}
	}
	return nil
}

// closeDue closes the proposals whose voting ended: O(1) each, from the running tally, each
// in its own branch of the state, so that one that cannot close (logged, retried next block)
// does not hold back the others.
func (k Keeper) closeDue(ctx sdk.Context) error {
	keys, err := due(ctx, k.VotingQueue)
	if err != nil {
		return err
	}
	for _, key := range keys {
		cache, write := ctx.CacheContext()
		if err := recovered(func() error {
			if err := k.close(cache, key.K2()); err != nil {
				return err
			}
			return k.VotingQueue.Remove(cache, key)
		}); err != nil {
			k.Logger(ctx).Error("assembly: a proposal could not close; retried next block", "proposal", key.K2(), "err", err)
			continue
		}
		write()
	}
	return nil
}

func (k Keeper) close(ctx sdk.Context, id uint64) error {
	p, err := k.proposal(ctx, id)
	if err != nil {
		return err
	}
	if p.Tally, err = k.Tallies.Get(ctx, id); err != nil {
		return err
	}
	_, _, passes := types.Outcome(p.Tally, p.Eligible, p.Quorum, p.Threshold)
	p.Status = types.PROPOSAL_STATUS_REJECTED
	if passes {
		p.Status = types.PROPOSAL_STATUS_PASSED
		if err := k.execute(ctx, p); err != nil {
			p.Status, p.ResultLog = types.PROPOSAL_STATUS_FAILED, err.Error()
		}
	}
	p.ClosedHeight = ctx.BlockHeight()
	proposer, err := k.address(p.Proposer, "proposer")
	if err != nil {
		return err
	}
	if err := k.OpenBy.Remove(ctx, collections.Join(proposer, id)); err != nil {
		return err
	}
	if err := k.Tallies.Remove(ctx, id); err != nil {
		return err
	}
	if err := k.Proposals.Set(ctx, id, p); err != nil {
		return err
	}
	if err := k.Cleanup.Set(ctx, id); err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventClosed{ProposalId: id, Status: p.Status, Tally: p.Tally, Eligible: p.Eligible, ResultLog: p.ResultLog})
}

// execute runs a passed proposal's messages, signed by the assembly's account, all or none:
// in a branch of the state written only if every message succeeds. The kinds are checked
// again against the state now. A panic in a handler is a failure, not a halt.
func (k Keeper) execute(ctx sdk.Context, p types.Proposal) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = types.ErrExecutionFailed.Wrapf("panic: %v", r)
		}
	}()
	msgs, err := types.Msgs(p.Messages)
	if err != nil {
		return err
	}
	if err := k.checkMessages(ctx, p.Kind, msgs); err != nil {
		return err
	}
	cache, write := ctx.CacheContext()
	cache = sdk.UnwrapSDKContext(types.WithExecuting(cache, p.Id))
	for i, msg := range msgs {
		res, err := k.router.Handler(msg)(cache, msg)
		if err != nil {
			return types.ErrExecutionFailed.Wrapf("message %d (%s): %s", i, sdk.MsgTypeURL(msg), err)
		}
		if res != nil {
			cache.EventManager().EmitEvents(res.GetEvents())
		}
	}
	write()
	return nil
}

// cleanup deletes the votes of closed proposals, max_vote_deletions_per_block a block: the
// cost of a closed proposal's 300,000 votes is spread over blocks instead of falling on one.
func (k Keeper) cleanup(ctx sdk.Context) error {
	rules, err := k.rules(ctx)
	if err != nil {
		return err
	}
	budget := int(rules.MaxVoteDeletionsPerBlock)
	for budget > 0 {
		id, found, err := first(ctx, k.Cleanup)
		if err != nil || !found {
			return err
		}
		var keys []collections.Pair[uint64, sdk.AccAddress]
		rng := collections.NewPrefixedPairRange[uint64, sdk.AccAddress](id)
		err = k.Votes.Walk(ctx, rng, func(key collections.Pair[uint64, sdk.AccAddress], _ types.Vote) (bool, error) {
			keys = append(keys, key)
			return len(keys) > budget, nil
		})
		if err != nil {
			return err
		}
		done := len(keys) <= budget
		if !done {
			keys = keys[:budget]
		}
		for _, key := range keys {
			if err := k.Votes.Remove(ctx, key); err != nil {
				return err
			}
		}
		budget -= len(keys)
		if !done {
			return nil
		}
		if err := k.Cleanup.Remove(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func first(ctx context.Context, s collections.KeySet[uint64]) (uint64, bool, error) {
	it, err := s.Iterate(ctx, nil)
	if err != nil {
		return 0, false, err
	}
	defer it.Close()
	if !it.Valid() {
		return 0, false, nil
	}
	id, err := it.Key()
	if err != nil {
		return 0, false, fmt.Errorf("cleanup queue: %w", err)
	}
	return id, true, nil
}
