package keeper

import (
	"bytes"
	"context"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// ExecutingProposal finds the proposal of a group policy now executing msg: an open proposal
// of the policy that carries exactly this message and has not yet run successfully. x/group
// prunes a proposal once it has run, so a module records the id while it runs. Returns 0
// when msg did not come from a proposal.
func (k Keeper) ExecutingProposal(ctx context.Context, policy string, msg proto.Message) (uint64, error) {
	want, err := k.cdc.Marshal(msg)
	if err != nil {
		return 0, err
	}
	typeURL := sdk.MsgTypeURL(msg)
	page := &query.PageRequest{Limit: 100}
	for {
		res, err := k.group.ProposalsByGroupPolicy(ctx, &group.QueryProposalsByGroupPolicyRequest{Address: policy, Pagination: page})
		if err != nil {
			return 0, err
		}
		for _, p := range res.Proposals {
			if p.ExecutorResult == group.PROPOSAL_EXECUTOR_RESULT_SUCCESS || p.Status == group.PROPOSAL_STATUS_REJECTED || p.Status == group.PROPOSAL_STATUS_ABORTED || p.Status == group.PROPOSAL_STATUS_WITHDRAWN {
				continue
			}
			for _, m := range p.Messages {
				if m.TypeUrl == typeURL && bytes.Equal(m.Value, want) {
					return p.Id, nil
				}
			}
		}
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			return 0, nil
		}
		page = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 100}
	}
}

// Approval tells who decided msg, signed by the policy account of a company: the proposal
// of its group now executing it, or else the manager who signed the tx (a grantee of the
// company running it with authz MsgExec).
func (k Keeper) Approval(ctx context.Context, policy string, msg proto.Message) (*types.Approval, error) {
	id, err := k.ExecutingProposal(ctx, policy, msg)
	if err != nil || id != 0 {
		return &types.Approval{ProposalId: id}, err
	}
	for _, signer := range types.TxSigners(ctx) {
		manager, err := k.addressCodec.BytesToString(signer)
		if err != nil {
			return nil, err
		}
		if manager != policy {
			return &types.Approval{Manager: manager}, nil
		}
	}
	return &types.Approval{}, nil
}
