package keeper

import (
	"bytes"
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"

	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/membership/types"
)

// ExecutingProposal finds the proposal of a group policy that x/group is executing now and
// that carries exactly msg: the proposal of a MsgExec, or of a vote or submission with
// --exec try. x/group runs a proposal's messages only once its group decided it (ACCEPTED:
// by the tally at the end of its voting period, or by the tally MsgExec takes in memory,
// after pruning the votes, while the store still says SUBMITTED), and prunes it once it
// has run, so a module records the id while it runs. Returns 0 when msg did not come from
// the proposal x/group executes: a copy of the message proposed (not voted, voted short, or
// even accepted and not executed) and run by a manager with an authz grant is the
// manager's, and a decision runs once.
//
// For the assembly's account, it is the x/assembly proposal being executed: only a passed
// assembly proposal runs messages signed by that account.
func (k Keeper) ExecutingProposal(ctx context.Context, policy string, msg proto.Message) (uint64, error) {
	if assembly, err := k.Authority(ctx); err != nil || policy == assembly {
		return assemblytypes.Executing(ctx), err
	}
	running, ok := ctx.Value(executingKey{}).(executing)
	if !ok {
		return 0, nil
	}
	want, err := k.cdc.Marshal(msg)
	if err != nil {
		return 0, err
	}
	typeURL := sdk.MsgTypeURL(msg)
	var newest uint64 // with --exec try on submission: the policy's newest proposal
	newestCarries := false
	page := &query.PageRequest{Limit: 100}
	for {
		res, err := k.group.ProposalsByGroupPolicy(ctx, &group.QueryProposalsByGroupPolicyRequest{Address: policy, Pagination: page})
		if err != nil {
			return 0, err
		}
		for _, p := range res.Proposals {
			runnable := (p.Status == group.PROPOSAL_STATUS_SUBMITTED || p.Status == group.PROPOSAL_STATUS_ACCEPTED) &&
				p.ExecutorResult != group.PROPOSAL_EXECUTOR_RESULT_SUCCESS
			if running.proposal != 0 && p.Id == running.proposal {
				if runnable && carries(p, typeURL, want) {
					return p.Id, nil
				}
				return 0, nil
			}
			if running.policy == policy && p.Status == group.PROPOSAL_STATUS_SUBMITTED && p.Id > newest {
				newest, newestCarries = p.Id, runnable && carries(p, typeURL, want)
			}
		}
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			break
		}
		page = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 100}
	}
	if newestCarries {
		return newest, nil
	}
	return 0, nil
}

func carries(p *group.Proposal, typeURL string, want []byte) bool {
	for _, m := range p.Messages {
		if m.TypeUrl == typeURL && bytes.Equal(m.Value, want) {
			return true
		}
	}
	return false
}

type executingKey struct{}

// executing marks the context in which x/group runs a proposal's messages: the proposal it
// executes (MsgExec, MsgVote with --exec try), or the policy of a proposal submitted with
// --exec try (its id is not known before x/group creates it). Only the registry's guard of
// x/group's Msg service sets it, around x/group's own handler, so no other message of a tx
// runs under it.
type executing struct {
	proposal uint64
	policy   string
}

func withExecuting(ctx context.Context, e executing) context.Context {
	return sdk.UnwrapSDKContext(ctx).WithValue(executingKey{}, e)
}

// Exec is x/group's MsgExec, marked as executing its proposal (see ExecutingProposal).
func (g groupGuard) Exec(ctx context.Context, msg *group.MsgExec) (*group.MsgExecResponse, error) {
	return g.MsgServer.Exec(withExecuting(ctx, executing{proposal: msg.ProposalId}), msg)
}

// Vote is x/group's MsgVote; with --exec try, marked as executing its proposal.
func (g groupGuard) Vote(ctx context.Context, msg *group.MsgVote) (*group.MsgVoteResponse, error) {
	if msg.Exec == group.Exec_EXEC_TRY {
		ctx = withExecuting(ctx, executing{proposal: msg.ProposalId})
	}
	return g.MsgServer.Vote(ctx, msg)
}

// SubmitProposal is x/group's MsgSubmitProposal; with --exec try, marked as executing the
// policy's new proposal.
func (g groupGuard) SubmitProposal(ctx context.Context, msg *group.MsgSubmitProposal) (*group.MsgSubmitProposalResponse, error) {
	if msg.Exec == group.Exec_EXEC_TRY {
		ctx = withExecuting(ctx, executing{policy: msg.GroupPolicyAddress})
	}
	return g.MsgServer.SubmitProposal(ctx, msg)
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

// TxSigners returns the signers of the tx being run, as addresses: the manager of an authz
// MsgExec, or whoever executed a proposal (its executor, or the voter or proposer with
// --exec try). Empty outside a tx.
func (k Keeper) TxSigners(ctx context.Context) ([]string, error) {
	signers := types.TxSigners(ctx)
	out := make([]string, 0, len(signers))
	for _, s := range signers {
		a, err := k.addressCodec.BytesToString(s)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// InGroup tells whether addr has a vote in the group of the institution at agent: a worker
// of a company or regional company, a member of the bank's board, a representative of a
// pool. An address that is no institution has no group: false.
func (k Keeper) InGroup(ctx context.Context, agent sdk.AccAddress, addr string) (bool, error) {
	a, err := k.Agents.Get(ctx, agent)
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if a.GroupId == 0 {
		return false, nil
	}
	page := &query.PageRequest{Limit: 1000}
	for {
		res, err := k.group.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: a.GroupId, Pagination: page})
		if err != nil {
			return false, err
		}
		for _, m := range res.Members {
			if m.Member != nil && m.Member.Address == addr {
				return true, nil
			}
		}
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			return false, nil
		}
		page = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 1000}
	}
}
