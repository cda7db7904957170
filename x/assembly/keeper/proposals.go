package keeper

import (
	"context"

	"cosmossdk.io/collections"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// propose opens a proposal in deliberation; voting opens when the kind's deliberation period
// has passed (at the end of a block, so that the members counted as eligible are exactly
// those admitted by then).
func (k Keeper) propose(ctx context.Context, msg *types.MsgPropose) (uint64, error) {
	proposer, err := k.address(msg.Proposer, "proposer")
	if err != nil {
		return 0, err
	}
	if err := k.requireMember(ctx, proposer, "proposer"); err != nil {
		return 0, err
	}
	rules, err := k.rules(ctx)
	if err != nil {
		return 0, err
	}
	if err := k.checkOpen(ctx, proposer, rules.MaxOpenProposals, rules.MaxOpenPerMember); err != nil {
		return 0, err
	}
	if err := k.checkContent(ctx, msg.Kind, msg.Messages); err != nil {
		return 0, err
	}
	rule, err := rules.Rule(msg.Kind)
	if err != nil {
		return 0, err
	}
	id, err := modulekit.NextID(ctx, k.ProposalSeq)
	if err != nil {
		return 0, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	p := types.Proposal{
		Id: id, Proposer: msg.Proposer, Kind: msg.Kind, Title: msg.Title, Summary: msg.Summary, Metadata: msg.Metadata,
		Messages: msg.Messages, Status: types.PROPOSAL_STATUS_DELIBERATION, SubmitTime: now,
		DeliberationEnd: now.Add(rule.DeliberationPeriod),
	}
	if err := k.Proposals.Set(ctx, id, p); err != nil {
		return 0, err
	}
	if err := k.DeliberationQueue.Set(ctx, collections.Join(p.DeliberationEnd, id)); err != nil {
		return 0, err
	}
	if err := k.OpenBy.Set(ctx, collections.Join(proposer, id)); err != nil {
		return 0, err
	}
	return id, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventProposed{ProposalId: id, Proposer: msg.Proposer, Kind: msg.Kind})
}

// amend replaces a proposal's content while it is in deliberation; its proposer only. The
// deliberation does not restart, but lasts at least the new kind's period from submission:
// a proposal amended into a kind deliberated longer is deliberated as long as that kind.
func (k Keeper) amend(ctx context.Context, msg *types.MsgAmend) error {
	p, err := k.proposal(ctx, msg.ProposalId)
	if err != nil {
		return err
	}
	if p.Proposer != msg.Proposer {
		return types.ErrNotProposer.Wrapf("proposal %d was proposed by %s", p.Id, p.Proposer)
	}
	if p.Status != types.PROPOSAL_STATUS_DELIBERATION {
		return types.ErrNotDeliberation.Wrapf("proposal %d is %s", p.Id, p.Status)
	}
	proposer, err := k.address(msg.Proposer, "proposer")
	if err != nil {
		return err
	}
	if err := k.requireMember(ctx, proposer, "proposer"); err != nil {
		return err
	}
	if err := k.checkContent(ctx, msg.Kind, msg.Messages); err != nil {
		return err
	}
	rules, err := k.rules(ctx)
	if err != nil {
		return err
	}
	rule, err := rules.Rule(msg.Kind)
	if err != nil {
		return err
	}
	if end := p.SubmitTime.Add(rule.DeliberationPeriod); end.After(p.DeliberationEnd) {
		if err := k.DeliberationQueue.Remove(ctx, collections.Join(p.DeliberationEnd, p.Id)); err != nil {
			return err
		}
		if err := k.DeliberationQueue.Set(ctx, collections.Join(end, p.Id)); err != nil {
			return err
		}
		p.DeliberationEnd = end
	}
	p.Kind, p.Title, p.Summary, p.Metadata, p.Messages = msg.Kind, msg.Title, msg.Summary, msg.Metadata, msg.Messages
	if err := k.Proposals.Set(ctx, p.Id, p); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAmended{ProposalId: p.Id})
}

func (k Keeper) checkContent(ctx context.Context, kind types.ProposalKind, anys []*codectypes.Any) error {
	msgs, err := types.Msgs(anys)
	if err != nil {
		return err
	}
	return k.checkMessages(ctx, kind, msgs)
}

// checkOpen bounds the open proposals: of the region (max_open_proposals, which bounds the
// steps of a proxy change) and of one proposer.
func (k Keeper) checkOpen(ctx context.Context, proposer sdk.AccAddress, maxOpen, maxPerMember uint32) error {
	mine := uint32(0)
	if err := k.OpenBy.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](proposer), func(collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		mine++
		return mine >= maxPerMember, nil
	}); err != nil {
		return err
	}
	if mine >= maxPerMember {
		return types.ErrTooManyOpen.Wrapf("%s has %d open proposals, at most %d", proposer, mine, maxPerMember)
	}
	open := uint32(0)
	for _, status := range []types.ProposalStatus{types.PROPOSAL_STATUS_DELIBERATION, types.PROPOSAL_STATUS_VOTING} {
		it, err := k.Proposals.Indexes.Status.MatchExact(ctx, int32(status))
		if err != nil {
			return err
		}
		for ; it.Valid() && open < maxOpen; it.Next() {
			open++
		}
		it.Close()
	}
	if open >= maxOpen {
		return types.ErrTooManyOpen.Wrapf("the region has %d open proposals, at most %d", open, maxOpen)
	}
	return nil
}
