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
)

// windUp is a company's bankruptcy. Its funds go to its creditors in order:
//  1. its workers: every employment ends (work done paid or owed), then the wage claims are
//     paid oldest first, as far as the funds go, the last one in part; while a claim is
//     left, nothing goes to anyone else;
//  2. the regional bank: each of its open loans, oldest first, interest then principal; the
//     principal left unpaid is written off;
//  3. its other creditors, pro rata: the housing agencies it owes rent arrears (each is paid
//     floor(funds x its debt / all the debts), and the ursc the floors leave go to the
//     largest remainders; at most its debt); its leases end and the regional facilities and
//     equipment go back to the wait-lists;
//  4. what is left goes to the region (the treasury): if the bank funded the company its
//     assets are the region's, and otherwise every creditor has been paid in full and a
//     co-op's profit is never paid out to its workers.
//
// Then its listings close and the company is dissolved: from then on no flow reaches it.
func (k Keeper) windUp(ctx context.Context, company sdk.AccAddress, reason string) error {
	agent, err := k.membership.GetAgent(ctx, company)
	if err != nil {
		return err
	}
	switch agent.Kind {
	case membershiptypes.AGENT_KIND_COMPANY:
	case membershiptypes.AGENT_KIND_DISSOLVED:
		return errorsmod.Wrapf(membershiptypes.ErrDissolved, "%s", agent.Address)
	default:
		return errorsmod.Wrapf(membershiptypes.ErrInvalidKind, "%s is %s: only a company goes bankrupt", agent.Address, agent.Kind.Label())
	}
	balance := func() math.Int { return k.bank.GetBalance(ctx, company, membershiptypes.Denom).Amount }
	funds := balance()
	if err := k.payroll.CloseEmployer(ctx, company, reason); err != nil {
		return err
	}
	toWages := funds.Sub(balance())

	var loans []uint64
	if err := k.LoansByBorrower.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](company), func(key addrID) (bool, error) {
		loans = append(loans, key.K2())
		return false, nil
	}); err != nil {
		return err
	}
	bankFunded, toBank, rc := false, math.ZeroInt(), newReceipts()
	for _, id := range loans {
		l, err := k.Loan(ctx, id)
		if err != nil {
			return err
		}
		bankFunded = bankFunded || l.DisbursedAt != nil
		if !l.Status.Open() {
			continue
		}
		old := l
		l.ArrearsPrincipal, l.Remaining = l.ArrearsPrincipal.Add(l.Remaining), math.ZeroInt() // all due now
		principal, paidInterest, err := k.take(ctx, &l, company, math.MinInt(balance(), l.Owed()), false, rc)
		if err != nil {
			return err
		}
		toBank = toBank.Add(principal).Add(paidInterest)
		if err := k.record(ctx, &l, types.Payment{Kind: types.PAYMENT_KIND_BANKRUPTCY, Principal: principal, Interest: paidInterest, Due: old.Owed()}); err != nil {
			return err
		}
		if err := k.writeOff(ctx, &l, types.LOAN_STATUS_BANKRUPT); err != nil {
			return err
		}
		if err := k.setLoan(ctx, &old, l); err != nil {
			return err
		}
	}
	if err := k.book(ctx, rc); err != nil {
		return err
	}
	toOthers, err := k.payOthers(ctx, company, balance())
	if err != nil {
		return err
	}
	toRegion := balance()
	if toRegion.IsPositive() {
		treasury := authtypes.NewModuleAddress(k.treasury)
		if err := k.router.Pay(ctx, router.Payment{
			Route: router.BankruptcyDistribution, From: company, Legs: router.To(treasury, toRegion),
			Link: "bankloans/bankruptcy", Note: "what is left of a bankrupt co-op returns to the region",
		}); err != nil {
			return err
		}
	}
	if err := k.market.CloseListings(ctx, company); err != nil {
		return err
	}
	if err := k.membership.Dissolve(ctx, company); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventBankruptcy{
		Company: agent.Address, Funds: funds, ToWages: toWages, ToBank: toBank, ToOthers: toOthers, ToRegion: toRegion, BankFunded: bankFunded,
	})
}

// payOthers pays the company's other creditors pro rata from funds (types.ProRata: every
// ursc to a creditor still owed before any goes to the region) and winds up its leases.
func (k Keeper) payOthers(ctx context.Context, company sdk.AccAddress, funds math.Int) (math.Int, error) {
	debts, err := k.housing.Debts(ctx, company)
	if err != nil {
		return math.ZeroInt(), err
	}
	owed := make([]math.Int, len(debts))
	for i, d := range debts {
		owed[i] = d.Amount
	}
	amounts, paid := types.ProRata(funds, owed), math.ZeroInt()
	for _, a := range amounts {
		paid = paid.Add(a)
	}
	return paid, k.housing.CloseTenant(ctx, company, debts, amounts)
}
