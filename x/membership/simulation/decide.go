package simulation

import (
	"fmt"
	"math/rand"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/group"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
)

// Deliver signs msg by signer and delivers it in the current simulated block, for module.
func Deliver(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, k Keepers, module string, signer simtypes.Account, msg sdk.Msg) (simtypes.OperationMsg, error) {
	return DeliverSpending(r, app, ctx, k, module, signer, msg, nil)
}

// DeliverSpending is Deliver for a msg that spends coins of the signer: the random fee is
// drawn from what is left.
func DeliverSpending(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, k Keepers, module string, signer simtypes.Account, msg sdk.Msg, spent sdk.Coins) (simtypes.OperationMsg, error) {
	op, _, err := simulation.GenAndDeliverTxWithRandFees(simulation.OperationInput{
		R: r, App: app, TxGen: k.TxConfig, Msg: msg, Context: ctx, SimAccount: signer,
		AccountKeeper: k.Account, Bankkeeper: k.Bank, ModuleName: module, CoinsSpentInMsg: spent,
	})
	return op, err
}

// Decide has voters[0] propose msgs to the group policy and the other voters vote yes, each
// trying to execute the proposal, all in the current block (simulated block times jump
// further than any voting period). It returns the proposal's operation message.
//
// For the assembly, a voter puts the proposal to the members: it is deliberated and voted in
// the blocks that follow (x/assembly's vote operations), and runs if it passes.
func Decide(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, k Keepers, module, policy string, voters []simtypes.Account, msgs ...sdk.Msg) (simtypes.OperationMsg, error) {
	if assembly, err := k.Membership.Authority(ctx); err != nil || policy == assembly {
		if err != nil {
			return simtypes.NoOpMsg(module, sdk.MsgTypeURL(msgs[0]), err.Error()), err
		}
		kind, err := k.Assembly.KindOf(ctx, msgs)
		if err != nil {
			return simtypes.NoOpMsg(module, sdk.MsgTypeURL(msgs[0]), err.Error()), nil
		}
		// the first voter who may propose now (a member has at most max_open_per_member open)
		var last error
		for _, proposer := range voters {
			prop, err := assemblytypes.NewMsgPropose(proposer.Address.String(), kind, "decision", "simulated", "", msgs...)
			if err != nil {
				return simtypes.NoOpMsg(module, sdk.MsgTypeURL(msgs[0]), err.Error()), err
			}
			if last = k.Assembly.CheckProposal(ctx, prop); last == nil {
				return Deliver(r, app, ctx, k, module, proposer, prop)
			}
		}
		return simtypes.NoOpMsg(module, sdk.MsgTypeURL(msgs[0]), fmt.Sprint(last)), nil
	}
	prop, err := group.NewMsgSubmitProposal(policy, []string{voters[0].Address.String()}, msgs, "", group.Exec_EXEC_TRY, "decision", "simulated")
	if err != nil {
		return simtypes.NoOpMsg(module, sdk.MsgTypeURL(msgs[0]), err.Error()), err
	}
	op, err := Deliver(r, app, ctx, k, module, voters[0], prop)
	if err != nil || !op.OK {
		return op, err
	}
	id, open := openProposal(ctx, k, policy)
	for _, voter := range voters[1:] {
		if !open {
			break
		}
		vote := &group.MsgVote{ProposalId: id, Voter: voter.Address.String(), Option: group.VOTE_OPTION_YES, Exec: group.Exec_EXEC_TRY}
		if _, err := Deliver(r, app, ctx, k, module, voter, vote); err != nil {
			return op, err
		}
		_, open = openProposal(ctx, k, policy)
	}
	return op, nil
}

// openProposal returns the policy's newest proposal still open for votes.
func openProposal(ctx sdk.Context, k Keepers, policy string) (uint64, bool) {
	res, err := k.Groups.ProposalsByGroupPolicy(ctx, &group.QueryProposalsByGroupPolicyRequest{Address: policy, Pagination: &query.PageRequest{Limit: 1000}})
	if err != nil {
		return 0, false
	}
	for i := len(res.Proposals) - 1; i >= 0; i-- {
		if p := res.Proposals[i]; p.Status == group.PROPOSAL_STATUS_SUBMITTED {
			return p.Id, true
		}
	}
	return 0, false
}

// DeliverRefused signs msg by signer and delivers it, as a member's wallet would, on a path
// the region's rules close: the tx must fail with want. If it goes through, or fails for
// another reason, the simulation fails.
func DeliverRefused(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, chainID string, k Keepers, module string, signer simtypes.Account, msg sdk.Msg, want *errorsmod.Error) (simtypes.OperationMsg, error) {
	acc := k.Account.GetAccount(ctx, signer.Address)
	if acc == nil {
		return simtypes.NoOpMsg(module, sdk.MsgTypeURL(msg), "no account"), nil
	}
	tx, err := simtestutil.GenSignedMockTx(r, k.TxConfig, []sdk.Msg{msg}, sdk.NewCoins(), simtestutil.DefaultGenTxGas, chainID,
		[]uint64{acc.GetAccountNumber()}, []uint64{acc.GetSequence()}, signer.PrivKey)
	if err != nil {
		return simtypes.NoOpMsg(module, sdk.MsgTypeURL(msg), err.Error()), err
	}
	if _, _, err = app.SimDeliver(k.TxConfig.TxEncoder(), tx); !errorsmod.IsOf(err, want) {
		return simtypes.NoOpMsg(module, sdk.MsgTypeURL(msg), "a closed path"), fmt.Errorf("%s by %s gave %v, not %q", sdk.MsgTypeURL(msg), signer.Address, err, want)
	}
	return simtypes.NewOperationMsg(msg, true, "refused: "+want.Error()), nil
}
