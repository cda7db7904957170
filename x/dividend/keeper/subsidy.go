package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// Subsidies. The assembly funds a regional company (the share of a school's cost tuition
// does not cover, any regional company's deficit) from the treasury by MsgSubsidize: a
// route with its own line on both sides, booked as the treasury's spending (the period's
// spending.subsidies, and totals.subsidies) and as the company's revenue (its market
// books, line subsidies), and recorded as a value flow. The subsidy comes out of what the
// treasury holds beyond what it reserves for the members (RequireUnreserved): the dividend
// is computed from the period's revenue alone, which a subsidy does not touch, and its
// reserve stays whole, so the dividend balances to the ursc whatever is spent.

// SetCompanyBooks gives the keeper the companies' books (x/market, built after it), where a
// subsidy is booked as the company's revenue.
func (k *Keeper) SetCompanyBooks(books types.CompanyBooks) { k.companies = books }

// RequireRegional returns ErrNotRegional unless company is a regional company (ErrDissolved
// for a dissolved company).
func (k Keeper) RequireRegional(ctx context.Context, company sdk.AccAddress) (membershiptypes.Agent, error) {
	agent, err := k.membership.GetAgent(ctx, company)
	switch {
	case errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent):
		return agent, errorsmod.Wrapf(types.ErrNotRegional, "%s is not registered", company)
	case err != nil:
		return agent, err
	case agent.Kind == membershiptypes.AGENT_KIND_DISSOLVED:
		return agent, errorsmod.Wrapf(types.ErrDissolved, "%s", agent.Address)
	case agent.Kind != membershiptypes.AGENT_KIND_REGIONAL_COMPANY:
		return agent, errorsmod.Wrapf(types.ErrNotRegional, "%s is %s", agent.Address, agent.Kind.Label())
	}
	return agent, nil
}

// Subsidize pays a regional company amount from the treasury, decided by the assembly
// (authority): the target is checked first (whoever asks, a subsidy to anything but a
// regional company is refused), then the signer, then the reserve. It returns the period
// the subsidy is booked to.
func (k Keeper) Subsidize(ctx context.Context, msg *types.MsgSubsidize) (uint64, error) {
	if err := msg.ValidateBasic(); err != nil {
		return 0, err
	}
	company, err := k.address(msg.Company, "company")
	if err != nil {
		return 0, err
	}
	if _, err := k.RequireRegional(ctx, company); err != nil {
		return 0, err
	}
	if err := k.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return 0, err
	}
	if k.companies == nil {
		return 0, errorsmod.Wrap(types.ErrNotRegional, "no company books to book the subsidy in")
	}
	if err := k.RequireUnreserved(ctx, msg.Amount); err != nil {
		return 0, err
	}
	proposal, err := k.membership.ExecutingProposal(ctx, msg.Authority, msg)
	if err != nil {
		return 0, err
	}
	p, err := k.open(ctx)
	if err != nil {
		return 0, err
	}
	p.Spending.Subsidies = orZero(p.Spending.Subsidies).Add(msg.Amount)
	if err := k.Periods.Set(ctx, p.Number, p); err != nil {
		return 0, err
	}
	totals, err := k.Totals.Get(ctx)
	if err != nil {
		return 0, err
	}
	totals.Subsidies = orZero(totals.Subsidies).Add(msg.Amount)
	if err := k.Totals.Set(ctx, totals); err != nil {
		return 0, err
	}
	if err := k.companies.BookSubsidy(ctx, company, msg.Amount); err != nil {
		return 0, err
	}
	if err := k.router.Pay(ctx, router.Payment{
		Route: router.Subsidy, From: k.treasury, Legs: router.To(company, msg.Amount),
		Link: valueflowstypes.Link("dividend/subsidy", p.Number), Note: msg.Reason,
	}); err != nil {
		return 0, err
	}
	return p.Number, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventSubsidy{
		Company: msg.Company, Amount: msg.Amount, Reason: msg.Reason, Period: p.Number, ProposalId: proposal,
	})
}

// orZero reads a line booked before the line existed as zero.
func orZero(i math.Int) math.Int {
	if i.IsNil() {
		return math.ZeroInt()
	}
	return i
}
