package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/x/bankloans/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the bankloans Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// FundBank gives a bank lending capital from the treasury.
func (m msgServer) FundBank(ctx context.Context, msg *types.MsgFundBank) (*types.MsgFundBankResponse, error) {
	if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	bank, err := m.address(msg.Bank, "bank")
	if err != nil {
		return nil, err
	}
	if err := m.requireBank(ctx, bank); err != nil {
		return nil, err
	}
	if msg.Amount.IsNil() || !msg.Amount.IsPositive() {
		return nil, types.ErrInvalidAmount
	}
	if err := m.books.RequireUnreserved(ctx, msg.Amount); err != nil {
		return nil, err
	}
	if err := m.router.Pay(ctx, router.Payment{
		Route: router.LoanFunding, From: authtypes.NewModuleAddress(m.treasury), Legs: router.To(m.router.Module(ctx, types.ModuleName), msg.Amount),
		Link: "bankloans/bank/" + msg.Bank, Note: "the treasury funds the bank's lending",
	}); err != nil {
		return nil, err
	}
	return &types.MsgFundBankResponse{}, m.updatePortfolio(ctx, msg.Bank, func(p *types.Portfolio) {
		p.Provided = p.Provided.Add(msg.Amount)
		p.Capital = p.Capital.Add(msg.Amount)
	})
}

// SetProduct creates or replaces a loan product: the assembly, or the bank itself.
func (m msgServer) SetProduct(ctx context.Context, msg *types.MsgSetProduct) (*types.MsgSetProductResponse, error) {
	p := msg.Product
	bank, err := m.address(p.Bank, "bank")
	if err != nil {
		return nil, err
	}
	if err := m.requireBank(ctx, bank); err != nil {
		return nil, err
	}
	if msg.Signer != p.Bank {
		if err := m.membership.CheckAuthority(ctx, msg.Signer); err != nil {
			return nil, errorsmod.Wrap(types.ErrNotBank, "a product is set by the assembly or its bank")
		}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.Id == 0 {
		id, err := m.ProductSeq.Next(ctx)
		if err != nil {
			return nil, err
		}
		p.Id = id + 1
	} else if old, err := m.product(ctx, p.Id); err != nil {
		return nil, err
	} else if old.Bank != p.Bank {
		return nil, errorsmod.Wrapf(types.ErrNotBank, "product %d is %s's", p.Id, old.Bank)
	}
	return &types.MsgSetProductResponse{Id: p.Id}, m.Products.Set(ctx, p.Id, p)
}

// Apply records an application with its terms: the installment is fixed now, so the
// applicant sees it before the bank decides.
func (m msgServer) Apply(ctx context.Context, msg *types.MsgApply) (*types.MsgApplyResponse, error) {
	borrower, err := m.address(msg.Borrower, "borrower")
	if err != nil {
		return nil, err
	}
	if err := m.requireBorrower(ctx, borrower); err != nil {
		return nil, err
	}
	p, err := m.product(ctx, msg.ProductId)
	if err != nil {
		return nil, err
	}
	switch {
	case msg.Amount.IsNil() || !msg.Amount.IsPositive():
		return nil, types.ErrInvalidAmount
	case msg.Amount.GT(p.MaxAmount):
		return nil, errorsmod.Wrapf(types.ErrAboveLimit, "%s > %s", msg.Amount, p.MaxAmount)
	case msg.Installments == 0 || msg.Installments > p.MaxInstallments:
		return nil, errorsmod.Wrapf(types.ErrInvalidTerm, "%d installments, at most %d", msg.Installments, p.MaxInstallments)
	case len(msg.Purpose) > 256:
		return nil, types.ErrInvalidPurpose
	}
	id, err := m.LoanSeq.Next(ctx)
	if err != nil {
		return nil, err
	}
	rate := types.PeriodRate(p.AnnualRate, p.InstallmentPeriod)
	z := math.ZeroInt()
	l := types.Loan{
		Id: id + 1, Bank: p.Bank, Borrower: msg.Borrower, ProductId: p.Id, Principal: msg.Amount, Installments: msg.Installments,
		Purpose: msg.Purpose, Status: types.LOAN_STATUS_APPLIED, PeriodRate: rate, InstallmentPeriod: p.InstallmentPeriod,
		PenaltyRate: p.PenaltyRate, DefaultAfter: p.DefaultAfter, Installment: types.InstallmentAmount(msg.Amount, rate, msg.Installments),
		AppliedAt: sdk.UnwrapSDKContext(ctx).BlockTime(), Remaining: z, ArrearsPrincipal: z, ArrearsInterest: z,
		PrincipalPaid: z, InterestPaid: z, WrittenOff: z,
	}
	bank, err := m.address(p.Bank, "bank")
	if err != nil {
		return nil, err
	}
	if err := m.LoansByBorrower.Set(ctx, collections.Join(borrower, l.Id)); err != nil {
		return nil, err
	}
	if err := m.LoansByBank.Set(ctx, collections.Join(bank, l.Id)); err != nil {
		return nil, err
	}
	return &types.MsgApplyResponse{LoanId: l.Id}, m.setLoan(ctx, nil, l)
}

// requireBorrower: persons, companies and regional companies borrow.
func (k Keeper) requireBorrower(ctx context.Context, addr sdk.AccAddress) error {
	agent, err := k.membership.GetAgent(ctx, addr)
	if errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return nil // a person the region has not registered
	}
	if err != nil {
		return err
	}
	if agent.Kind == membershiptypes.AGENT_KIND_PERSON || agent.Kind.IsCompany() {
		return nil
	}
	return errorsmod.Wrapf(types.ErrNotBorrower, "%s is %s", agent.Address, agent.Kind.Label())
}

// application returns a loan of the signing bank still waiting for its decision.
func (m msgServer) application(ctx context.Context, bank string, id uint64) (types.Loan, error) {
	l, err := m.Loan(ctx, id)
	if err != nil {
		return l, err
	}
	if l.Bank != bank {
		return l, errorsmod.Wrapf(types.ErrNotBank, "loan %d is %s's", id, l.Bank)
	}
	if l.Status != types.LOAN_STATUS_APPLIED {
		return l, errorsmod.Wrapf(types.ErrNotPending, "loan %d is %s", id, l.Status)
	}
	return l, nil
}

// Approve disburses a loan from the bank's capital (to a company's account too: the loan
// is a Conductor route); the first installment falls due a period later.
func (m msgServer) Approve(ctx context.Context, msg *types.MsgApprove) (*types.MsgApproveResponse, error) {
	l, err := m.application(ctx, msg.Bank, msg.LoanId)
	if err != nil {
		return nil, err
	}
	borrower, err := m.address(l.Borrower, "borrower")
	if err != nil {
		return nil, err
	}
	if err := m.requireBorrower(ctx, borrower); err != nil {
		return nil, err
	}
	bank, err := m.address(l.Bank, "bank")
	if err != nil {
		return nil, err
	}
	p, err := m.portfolio(ctx, bank)
	if err != nil {
		return nil, err
	}
	if p.Capital.LT(l.Principal) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientCapital, "%s to lend, %s asked", p.Capital, l.Principal)
	}
	if l.Decision, err = m.membership.Approval(ctx, msg.Bank, msg); err != nil {
		return nil, err
	}
	if err := m.requireImpartial(ctx, l, borrower); err != nil {
		return nil, err
	}
	if err := m.router.Pay(ctx, router.Payment{
		Route: router.LoanDisbursement, From: authtypes.NewModuleAddress(types.ModuleName), Legs: router.To(borrower, l.Principal),
		Record: func(ctx context.Context) error {
			loan := valueflowstypes.RSCTransfer(l.Bank, l.Borrower, l.Principal, valueflowstypes.Link("bankloans/loan", l.Id), 0)
			loan.Note = "loan disbursed"
			_, err := m.flows.Record(ctx, loan)
			return err
		},
	}); err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	due := now.Add(l.InstallmentPeriod)
	l.DisbursedAt, l.NextDue, l.Remaining = &now, &due, l.Principal
	if err := m.updatePortfolio(ctx, l.Bank, func(p *types.Portfolio) {
		p.Capital = p.Capital.Sub(l.Principal)
		p.Outstanding = p.Outstanding.Add(l.Principal)
		p.Lent = p.Lent.Add(l.Principal)
	}); err != nil {
		return nil, err
	}
	if err := m.record(ctx, &l, types.Payment{Kind: types.PAYMENT_KIND_DISBURSEMENT, Principal: l.Principal, Interest: math.ZeroInt(), Due: math.ZeroInt()}); err != nil {
		return nil, err
	}
	if err := m.setStatus(ctx, &l, types.LOAN_STATUS_ACTIVE); err != nil {
		return nil, err
	}
	return &types.MsgApproveResponse{}, m.setLoan(ctx, nil, l)
}

// requireImpartial refuses an officer's decision on a loan (no proposal of the bank's
// board: a manager's authz grant) when a signer of the tx is the borrower or works in the
// borrowing company. The board decides those loans together, by proposal.
func (m msgServer) requireImpartial(ctx context.Context, l types.Loan, borrower sdk.AccAddress) error {
	if l.Decision != nil && l.Decision.ProposalId != 0 {
		return nil
	}
	officers, err := m.membership.TxSigners(ctx)
	if err != nil {
		return err
	}
	for _, o := range officers {
		if o == l.Bank {
			continue
		}
		if o == l.Borrower {
			return errorsmod.Wrapf(types.ErrSelfDealing, "%s decides on loan %d, their own", o, l.Id)
		}
		works, err := m.membership.InGroup(ctx, borrower, o)
		if err != nil {
			return err
		}
		if works {
			return errorsmod.Wrapf(types.ErrSelfDealing, "%s decides on loan %d of %s, where they work", o, l.Id, l.Borrower)
		}
	}
	return nil
}

// Reject turns an application down, with the bank's reason.
func (m msgServer) Reject(ctx context.Context, msg *types.MsgReject) (*types.MsgRejectResponse, error) {
	l, err := m.application(ctx, msg.Bank, msg.LoanId)
	if err != nil {
		return nil, err
	}
	if l.Decision, err = m.membership.Approval(ctx, msg.Bank, msg); err != nil {
		return nil, err
	}
	l.Note = msg.Reason
	if err := m.setStatus(ctx, &l, types.LOAN_STATUS_REJECTED); err != nil {
		return nil, err
	}
	return &types.MsgRejectResponse{}, m.setLoan(ctx, nil, l)
}

// Repay pays a loan from the borrower's account: arrears first, then principal ahead of
// schedule (no interest is charged on it; the installments stay the same, so the loan ends
// sooner). Only the borrower repays its loan.
func (m msgServer) Repay(ctx context.Context, msg *types.MsgRepay) (*types.MsgRepayResponse, error) {
	l, err := m.Loan(ctx, msg.LoanId)
	if err != nil {
		return nil, err
	}
	if l.Borrower != msg.Borrower {
		return nil, errorsmod.Wrapf(types.ErrNotBorrower, "loan %d is %s's", l.Id, l.Borrower)
	}
	if !l.Status.Open() {
		return nil, errorsmod.Wrapf(types.ErrNotOpen, "loan %d is %s", l.Id, l.Status)
	}
	if msg.Amount.IsNil() || !msg.Amount.IsPositive() {
		return nil, types.ErrInvalidAmount
	}
	old := l
	borrower, err := m.address(l.Borrower, "borrower")
	if err != nil {
		return nil, err
	}
	rc := newReceipts()
	principal, interest, err := m.take(ctx, &l, borrower, msg.Amount, true, rc)
	if err != nil {
		return nil, err
	}
	if err := m.book(ctx, rc); err != nil {
		return nil, err
	}
	if err := m.record(ctx, &l, types.Payment{Kind: types.PAYMENT_KIND_REPAYMENT, Principal: principal, Interest: interest, Due: old.Owed()}); err != nil {
		return nil, err
	}
	if err := m.settleStatus(ctx, &l); err != nil {
		return nil, err
	}
	if err := m.setLoan(ctx, &old, l); err != nil {
		return nil, err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(PaymentEvent(l, types.PAYMENT_KIND_REPAYMENT, principal, interest))
	return &types.MsgRepayResponse{Principal: principal, Interest: interest}, nil
}

// openLoanOfBank returns an outstanding loan of the signing bank.
func (m msgServer) openLoanOfBank(ctx context.Context, bank string, id uint64) (types.Loan, error) {
	l, err := m.Loan(ctx, id)
	if err != nil {
		return l, err
	}
	if l.Bank != bank {
		return l, errorsmod.Wrapf(types.ErrNotBank, "loan %d is %s's", id, l.Bank)
	}
	if !l.Status.Open() {
		return l, errorsmod.Wrapf(types.ErrNotOpen, "loan %d is %s", id, l.Status)
	}
	return l, nil
}

// Forgive writes off what a loan owes, recording who decided and why.
func (m msgServer) Forgive(ctx context.Context, msg *types.MsgForgive) (*types.MsgForgiveResponse, error) {
	l, err := m.openLoanOfBank(ctx, msg.Bank, msg.LoanId)
	if err != nil {
		return nil, err
	}
	old := l
	if l.Decision, err = m.membership.Approval(ctx, msg.Bank, msg); err != nil {
		return nil, err
	}
	borrower, err := m.address(l.Borrower, "borrower")
	if err != nil {
		return nil, err
	}
	if err := m.requireImpartial(ctx, l, borrower); err != nil {
		return nil, err
	}
	l.Note = msg.Reason
	if err := m.writeOff(ctx, &l, types.LOAN_STATUS_FORGIVEN); err != nil {
		return nil, err
	}
	return &types.MsgForgiveResponse{}, m.setLoan(ctx, &old, l)
}

// DeclareBankruptcy: a company winds itself up.
func (m msgServer) DeclareBankruptcy(ctx context.Context, msg *types.MsgDeclareBankruptcy) (*types.MsgDeclareBankruptcyResponse, error) {
	company, err := m.address(msg.Company, "company")
	if err != nil {
		return nil, err
	}
	return &types.MsgDeclareBankruptcyResponse{}, m.windUp(ctx, company, "bankruptcy declared")
}

// ForceBankruptcy: a bank winds up a company whose loan defaulted.
func (m msgServer) ForceBankruptcy(ctx context.Context, msg *types.MsgForceBankruptcy) (*types.MsgForceBankruptcyResponse, error) {
	l, err := m.openLoanOfBank(ctx, msg.Bank, msg.LoanId)
	if err != nil {
		return nil, err
	}
	if l.Status != types.LOAN_STATUS_DEFAULTED {
		return nil, errorsmod.Wrapf(types.ErrNotDefaulted, "loan %d is %s", l.Id, l.Status)
	}
	company, err := m.address(l.Borrower, "borrower")
	if err != nil {
		return nil, err
	}
	return &types.MsgForceBankruptcyResponse{}, m.windUp(ctx, company, "bankruptcy forced by the bank")
}
