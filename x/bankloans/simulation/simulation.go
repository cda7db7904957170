// Package simulation gives x/bankloans operations: the assembly funds the regional bank and
// sets a loan product, persons apply, the bank's board decides, borrowers repay; the
// installments are collected in EndBlock as simulated time passes.
package simulation

import (
	"math/rand"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/conductor-coop/conductor/x/bankloans/keeper"
	"github.com/conductor-coop/conductor/x/bankloans/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// WeightedOperations are the bankloans operations.
func WeightedOperations(k membershipsim.Keepers, bk keeper.Keeper) simulation.WeightedOperations {
	s := sim{k: k, bk: bk}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(10, s.fund),
		simulation.NewWeightedOperation(40, s.lend),
		simulation.NewWeightedOperation(20, s.repay),
	}
}

type sim struct {
	k  membershipsim.Keepers
	bk keeper.Keeper
}

func noop(msg sdk.Msg, why string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), why), nil, nil
}

// fund has the assembly give the bank capital and a loan product with random terms.
func (s sim) fund(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	bank, _, ok := membershipsim.RandomInstitution(r, ctx, s.k, accs, membershiptypes.AGENT_KIND_BANK)
	if !ok {
		return noop(&types.MsgFundBank{}, "no bank")
	}
	assembly, err := s.k.Membership.Authority(ctx)
	members := membershipsim.Members(ctx, s.k.Membership, accs)
	if err != nil || len(members) == 0 {
		return noop(&types.MsgFundBank{}, "no assembly")
	}
	treasury := s.k.Bank.SpendableCoins(ctx, authtypes.NewModuleAddress(membershiptypes.TreasuryName)).AmountOf(membershiptypes.Denom)
	if !treasury.IsPositive() {
		return noop(&types.MsgFundBank{}, "the treasury is empty")
	}
	amount := math.NewInt(1 + r.Int63n(treasury.Int64()/2+1))
	product := types.Product{
		Bank: bank, Name: simtypes.RandStringOfLength(r, 8), MaxAmount: math.NewInt(1_000_000 + r.Int63n(1_000_000_000)),
		MaxInstallments: uint32(1 + r.Intn(24)), AnnualRate: math.LegacyNewDecWithPrec(int64(r.Intn(30)), 2),
		InstallmentPeriod: time.Duration(1+r.Intn(48)) * time.Hour, PenaltyRate: math.LegacyNewDecWithPrec(int64(r.Intn(5)), 2),
		DefaultAfter: uint32(1 + r.Intn(4)),
	}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, assembly, members,
		&types.MsgFundBank{Authority: assembly, Bank: bank, Amount: amount}, &types.MsgSetProduct{Signer: assembly, Product: product})
	return op, nil, err
}

// lend has a random account apply for a loan of a random product and the bank's board
// approve or reject it.
func (s sim) lend(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	last, err := s.bk.ProductSeq.Peek(ctx)
	if err != nil || last == 0 {
		return noop(&types.MsgApply{}, "no product")
	}
	p, err := s.bk.Products.Get(ctx, uint64(1+r.Intn(int(last))))
	if err != nil {
		return noop(&types.MsgApply{}, "no product")
	}
	borrower, _ := simtypes.RandomAcc(r, accs)
	apply := &types.MsgApply{
		Borrower: borrower.Address.String(), ProductId: p.Id, Amount: math.NewInt(1 + r.Int63n(p.MaxAmount.Int64())),
		Installments: uint32(1 + r.Intn(int(p.MaxInstallments))), Purpose: "simulated",
	}
	if op, err := membershipsim.Deliver(r, app, ctx, s.k, types.ModuleName, borrower, apply); err != nil || !op.OK {
		return op, nil, err
	}
	id, err := s.bk.LoanSeq.Peek(ctx)
	if err != nil {
		return noop(apply, err.Error())
	}
	_, board, ok := membershipsim.RandomInstitution(r, ctx, s.k, accs, membershiptypes.AGENT_KIND_BANK)
	if !ok {
		return noop(apply, "no bank board")
	}
	var decision sdk.Msg = &types.MsgApprove{Bank: p.Bank, LoanId: id}
	if r.Intn(4) == 0 {
		decision = &types.MsgReject{Bank: p.Bank, LoanId: id, Reason: "simulated"}
	}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, p.Bank, board, decision)
	return op, nil, err
}

// repay has a borrower repay part of an outstanding loan.
func (s sim) repay(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	borrower, _ := simtypes.RandomAcc(r, accs)
	var loan *types.Loan
	_ = s.bk.LoansByBorrower.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](borrower.Address), func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		l, err := s.bk.Loans.Get(ctx, key.K2())
		if err == nil && l.Status.Open() {
			loan = &l
		}
		return loan != nil, nil
	})
	if loan == nil {
		return noop(&types.MsgRepay{}, "no open loan")
	}
	spendable := s.k.Bank.SpendableCoins(ctx, borrower.Address).AmountOf(membershiptypes.Denom)
	amount := math.MinInt(loan.Owed(), spendable.QuoRaw(2))
	if !amount.IsPositive() {
		return noop(&types.MsgRepay{}, "nothing to repay with")
	}
	amount = math.NewInt(1 + r.Int63n(amount.Int64()))
	op, err := membershipsim.DeliverSpending(r, app, ctx, s.k, types.ModuleName, borrower,
		&types.MsgRepay{Borrower: borrower.Address.String(), LoanId: loan.Id, Amount: amount}, sdk.NewCoins(sdk.NewCoin(membershiptypes.Denom, amount)))
	return op, nil, err
}
