package region

import (
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	assemblykeeper "github.com/conductor-coop/conductor/x/assembly/keeper"
	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
)

// AssemblyPropose has proposer put msgs to the assembly, of the kind they need, and returns
// the proposal's id.
func (r *Region) AssemblyPropose(proposer Account, msgs ...sdk.Msg) uint64 {
	r.t.Helper()
	kind, err := r.App.AssemblyKeeper.KindOf(r.Ctx(), msgs)
	require.NoError(r.t, err)
	prop, err := assemblytypes.NewMsgPropose(proposer.String(), kind, "proposal", "test", "", msgs...)
	require.NoError(r.t, err)
	res := r.MustDeliver(proposer, prop)
	var out assemblytypes.MsgProposeResponse
	r.decodeResponse(res, &out)
	return out.ProposalId
}

// AssemblyProposal returns a proposal as the query shows it (with its running tally).
func (r *Region) AssemblyProposal(id uint64) *assemblytypes.QueryProposalResponse {
	r.t.Helper()
	res, err := assemblykeeper.NewQueryServerImpl(r.App.AssemblyKeeper).Proposal(r.Ctx(), &assemblytypes.QueryProposalRequest{ProposalId: id})
	require.NoError(r.t, err)
	return res
}

// AssemblyOpen commits blocks until voting on proposal id has opened.
func (r *Region) AssemblyOpen(id uint64) {
	r.t.Helper()
	p := r.AssemblyProposal(id).Proposal
	if p.Status == assemblytypes.PROPOSAL_STATUS_DELIBERATION {
		if p.DeliberationEnd.After(r.Time) {
			r.At(p.DeliberationEnd)
		} else {
			r.NextBlock(time.Second)
		}
	}
	require.Equal(r.t, assemblytypes.PROPOSAL_STATUS_VOTING, r.AssemblyProposal(id).Proposal.Status)
}

// AssemblyVote has each voter vote option on proposal id, each in its own block.
func (r *Region) AssemblyVote(id uint64, option assemblytypes.VoteOption, voters ...Account) {
	r.t.Helper()
	for _, v := range voters {
		r.MustDeliver(v, &assemblytypes.MsgVote{Voter: v.String(), ProposalId: id, Option: option})
	}
}

// AssemblyClose commits a block at proposal id's voting end and returns the closed proposal.
func (r *Region) AssemblyClose(id uint64) assemblytypes.Proposal {
	r.t.Helper()
	p := r.AssemblyProposal(id).Proposal
	require.Equal(r.t, assemblytypes.PROPOSAL_STATUS_VOTING, p.Status)
	if p.VotingEnd.After(r.Time) {
		r.At(p.VotingEnd)
	} else {
		r.NextBlock(time.Second)
	}
	return r.AssemblyProposal(id).Proposal
}

// AssemblyDecide has voters[0] propose msgs to the assembly, every voter vote yes once voting
// opens, and returns the proposal as it closed.
func (r *Region) AssemblyDecide(voters []Account, msgs ...sdk.Msg) assemblytypes.Proposal {
	r.t.Helper()
	id := r.AssemblyPropose(voters[0], msgs...)
	r.AssemblyOpen(id)
	r.AssemblyVote(id, assemblytypes.VOTE_OPTION_YES, voters...)
	return r.AssemblyClose(id)
}

// UnblockedModuleAccount stores a module account that x/bank does not block (as an SDK
// module with its own account might be), for tests that a module account is refused as a
// counterparty by the region's own rules, not only by x/bank's blocked list.
func (r *Region) UnblockedModuleAccount(name string) sdk.AccAddress {
	r.t.Helper()
	ctx := r.Ctx()
	acc := r.App.AccountKeeper.NewAccount(ctx, authtypes.NewEmptyModuleAccount(name))
	r.App.AccountKeeper.SetAccount(ctx, acc)
	require.False(r.t, r.App.BankKeeper.BlockedAddr(acc.GetAddress()))
	return acc.GetAddress()
}
