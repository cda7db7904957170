package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/testutil/region"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	"github.com/conductor-coop/conductor/x/membership/types"
)

// TestApprovalNotSpoofed: the approval a module records (here a loan's decision, on
// MsgReject) names a proposal only when x/group executes it, which it does only for a
// proposal the group decided: MsgExec (also of a proposal accepted at the end of its voting
// period), the deciding vote with --exec try, a submission with --exec try. A manager who
// submits a copy of the message (not voted, voted short of the board's majority, or even
// accepted) and runs it with an authz grant is recorded as the manager.
func TestApprovalNotSpoofed(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, carol, dave := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"], r.Accounts["dave"]
	bank := r.AgentAddr("Regional Public Bank") // board: alice, bob, carol; majority
	asm := r.Assembly()
	r.Pass(asm, []region.Account{alice, bob}, &bankloanstypes.MsgSetProduct{Signer: asm, Product: bankloanstypes.Product{
		Bank: bank.String(), Name: "Workshop", MaxAmount: math.NewInt(100_000_000), MaxInstallments: 12,
		AnnualRate: math.LegacyZeroDec(), InstallmentPeriod: 730 * time.Hour, PenaltyRate: math.LegacyZeroDec(), DefaultAfter: 3,
	}})
	r.Grant(bank, []region.Account{alice, bob}, alice, &bankloanstypes.MsgReject{})
	apply := func() *bankloanstypes.MsgReject {
		r.MustDeliver(dave, &bankloanstypes.MsgApply{Borrower: dave.String(), ProductId: 1, Amount: math.NewInt(1_000_000), Installments: 1, Purpose: "tools"})
		id, err := r.App.BankLoansKeeper.LoanSeq.Peek(r.Ctx())
		require.NoError(t, err)
		return &bankloanstypes.MsgReject{Bank: bank.String(), LoanId: id, Reason: "no"}
	}
	decision := func(msg *bankloanstypes.MsgReject) *types.Approval {
		l, err := r.App.BankLoansKeeper.Loans.Get(r.Ctx(), msg.LoanId)
		require.NoError(t, err)
		require.Equal(t, bankloanstypes.LOAN_STATUS_REJECTED, l.Status)
		return l.Decision
	}
	manager := &types.Approval{Manager: alice.String()}

	t.Run("a copy proposed, not voted, run by the manager", func(t *testing.T) {
		msg := apply()
		id := r.Propose(alice, bank.String(), msg)
		r.Must(r.Manage(alice, msg))
		require.Equal(t, manager, decision(msg))
		p, err := r.App.GroupKeeper.Proposal(r.Ctx(), &group.QueryProposalRequest{ProposalId: id})
		require.NoError(t, err)
		require.Equal(t, group.PROPOSAL_STATUS_SUBMITTED, p.Proposal.Status, "the copy was never decided")
	})

	t.Run("a copy voted short of the majority, run by the manager", func(t *testing.T) {
		msg := apply()
		id := r.Propose(alice, bank.String(), msg)
		r.Vote(id, group.VOTE_OPTION_YES, alice) // 1 of 3
		r.Must(r.Manage(alice, msg))
		require.Equal(t, manager, decision(msg))
	})

	t.Run("the board's proposal, executed by MsgExec", func(t *testing.T) {
		msg := apply()
		id := r.Propose(alice, bank.String(), msg)
		r.Vote(id, group.VOTE_OPTION_YES, alice, bob)
		result, logs := r.Exec(id, carol)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
		require.Equal(t, &types.Approval{ProposalId: id}, decision(msg))
	})

	t.Run("the board's proposal, executed by the deciding vote (--exec try)", func(t *testing.T) {
		msg := apply()
		id := r.Propose(alice, bank.String(), msg)
		r.Vote(id, group.VOTE_OPTION_YES, alice)
		r.MustDeliver(bob, &group.MsgVote{ProposalId: id, Voter: bob.String(), Option: group.VOTE_OPTION_YES, Exec: group.Exec_EXEC_TRY})
		require.Equal(t, &types.Approval{ProposalId: id}, decision(msg))
	})

	t.Run("the board's proposal, submitted with --exec try", func(t *testing.T) {
		msg := apply()
		prop, err := group.NewMsgSubmitProposal(bank.String(), []string{alice.String(), bob.String()}, []sdk.Msg{msg}, "", group.Exec_EXEC_TRY, "reject", "")
		require.NoError(t, err)
		res := r.NextBlock(time.Second, r.Tx([]region.Account{alice, bob}, prop)).TxResults[0]
		r.Must(res)
		var data sdk.TxMsgData
		require.NoError(t, r.App.AppCodec().Unmarshal(res.Data, &data))
		var out group.MsgSubmitProposalResponse
		require.NoError(t, out.Unmarshal(data.MsgResponses[0].Value))
		require.Equal(t, &types.Approval{ProposalId: out.ProposalId}, decision(msg))
	})

	// accepted: the tally at the end of the voting period stores ACCEPTED.
	accepted := func(msg *bankloanstypes.MsgReject) uint64 {
		id := r.Propose(alice, bank.String(), msg)
		r.Vote(id, group.VOTE_OPTION_YES, alice, bob)
		p, err := r.App.GroupKeeper.Proposal(r.Ctx(), &group.QueryProposalRequest{ProposalId: id})
		require.NoError(t, err)
		r.At(p.Proposal.VotingPeriodEnd.Add(time.Second))
		p, err = r.App.GroupKeeper.Proposal(r.Ctx(), &group.QueryProposalRequest{ProposalId: id})
		require.NoError(t, err)
		require.Equal(t, group.PROPOSAL_STATUS_ACCEPTED, p.Proposal.Status)
		return id
	}

	t.Run("an accepted proposal, executed later by MsgExec", func(t *testing.T) {
		msg := apply()
		id := accepted(msg)
		result, logs := r.Exec(id, carol)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
		require.Equal(t, &types.Approval{ProposalId: id}, decision(msg))
	})

	t.Run("an accepted proposal's message run by the manager instead: the manager's, and it runs once", func(t *testing.T) {
		msg := apply()
		id := accepted(msg)
		r.Must(r.Manage(alice, msg))
		require.Equal(t, manager, decision(msg))
		result, logs := r.Exec(id, carol)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
		require.Contains(t, logs, bankloanstypes.ErrNotPending.Error())
	})
}
