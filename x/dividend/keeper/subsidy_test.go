package keeper_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/testutil/region"
	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/dividend/types"
	marketkeeper "github.com/conductor-coop/conductor/x/market/keeper"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

func (f *fixture) companyBooks(company sdk.AccAddress) *markettypes.QueryBooksResponse {
	res, err := marketkeeper.NewQueryServerImpl(f.r.App.MarketKeeper).Books(f.r.Ctx(), &markettypes.QueryBooksRequest{Company: company.String()})
	require.NoError(f.t, err)
	return res
}

func (f *fixture) underfunded() []types.Underfunded {
	res, err := f.q.Underfunded(f.r.Ctx(), &types.QueryUnderfundedRequest{})
	require.NoError(f.t, err)
	require.Empty(f.t, res.Next)
	return res.Companies
}

// subsidize has the assembly decide a subsidy and returns the executor result and log.
func (f *fixture) subsidize(company sdk.AccAddress, amount int64) (group.ProposalExecutorResult, string) {
	asm := f.r.Assembly()
	return f.r.Decide(asm, []region.Account{f.alice, f.bob}, &types.MsgSubsidize{Authority: asm, Company: company.String(), Amount: math.NewInt(amount), Reason: "the bus fleet"})
}

// TestSubsidy: the assembly funds a regional company from the treasury by proposal. The
// treasury's books show it as the period's spending (line subsidies) and the company's books
// as revenue (line subsidies), to the ursc; it is a recorded flow. The period's revenue, and
// so the dividend, is untouched: the members are paid exactly what they would be without it.
// Before, the company held nothing and was listed as out of money; after, it is not.
func TestSubsidy(t *testing.T) {
	f := setup(t)
	r := f.r
	f.sell(f.dave, 10) // 1 RSC of external sales tax: the period's revenue
	require.Len(t, f.underfunded(), 1)
	require.Equal(t, f.transit.String(), f.underfunded()[0].Company)
	require.Equal(t, "Regional Transit", f.underfunded()[0].Name)
	require.True(t, f.underfunded()[0].Balance.IsZero())

	treasury, transit := r.Balance(f.treasury), r.Balance(f.transit)
	open := f.period(0).Period
	amount := int64(100 * rsc)
	asm := r.Assembly()
	id := r.AssemblyPropose(f.alice, &types.MsgSubsidize{Authority: asm, Company: f.transit.String(), Amount: math.NewInt(amount), Reason: "the bus fleet"})
	r.AssemblyOpen(id)
	r.AssemblyVote(id, assemblytypes.VOTE_OPTION_YES, f.alice, f.bob)
	require.Equal(t, assemblytypes.PROPOSAL_STATUS_PASSED, r.AssemblyClose(id).Status)
	var event map[string]string
	for _, e := range r.Last.Events {
		if e.Type == "conductor.dividend.v1.EventSubsidy" {
			event = map[string]string{}
			for _, a := range e.Attributes {
				event[a.Key] = a.Value
			}
		}
	}
	require.NotNil(t, event, "EventSubsidy")
	require.Equal(t, fmt.Sprintf("%q", fmt.Sprint(id)), event["proposal_id"], "the decision is named")
	require.Equal(t, fmt.Sprintf("%q", fmt.Sprint(amount)), event["amount"])
	require.Equal(t, `"the bus fleet"`, event["reason"])

	require.Equal(t, treasury.SubRaw(amount).String(), r.Balance(f.treasury).String(), "the treasury, to the ursc")
	require.Equal(t, transit.AddRaw(amount).String(), r.Balance(f.transit).String(), "the company, to the ursc")
	rev := f.period(0)
	require.Equal(t, open.Number, rev.Period.Number)
	require.Equal(t, amount, rev.Period.Spending.Subsidies.Int64(), "the treasury's spending line")
	require.Equal(t, amount, rev.Totals.Subsidies.Int64())
	require.Equal(t, open.Total.String(), rev.Period.Total.String(), "the revenue is not touched")
	books := f.companyBooks(f.transit)
	require.Equal(t, amount, books.Books.Subsidies.Int64(), "the company's revenue line")
	require.True(t, books.Books.Revenue.IsZero(), "not a sale")
	require.True(t, books.Regional)
	require.NotNil(t, books.AtCostPrice)
	flow, n := r.RSCFlows(f.treasury.String(), f.transit.String(), "dividend/subsidy/")
	require.Equal(t, amount, flow.Int64())
	require.Equal(t, 1, n)
	require.Empty(t, f.underfunded(), "it has money now")

	// the period closes on its revenue alone: pool = floor(1 RSC x 0.5), 3 members
	f.endPeriod()
	closed := f.period(open.Number).Period
	require.Equal(t, int64(500_000), closed.Pool.Int64())
	require.Equal(t, int64(166_666), closed.PerMember.Int64())
	require.Equal(t, int64(2), closed.CarriedOut.Int64())
	require.Equal(t, int64(500_000), closed.Retained.Int64())
	require.Equal(t, amount, closed.Spending.Subsidies.Int64())
	require.True(t, f.period(0).Period.Spending.Subsidies.IsZero(), "the next period's line opens at zero")
	alice := r.Balance(f.alice.Addr)
	r.Must(r.Deliver(f.alice, &types.MsgClaim{Member: f.alice.String()}))
	require.Equal(t, alice.AddRaw(166_666).String(), r.Balance(f.alice.Addr).String(), "the dividend, to the ursc")
	f.invariantHolds()
}

// TestSubsidyRefused: a subsidy goes to a regional company only, from what the treasury does
// not reserve for the members, by the assembly; anything else is refused with its error and
// moves nothing.
func TestSubsidyRefused(t *testing.T) {
	f := setup(t)
	r := f.r
	mill := region.NewAccount("a dissolved co-op").Addr
	require.NoError(t, r.App.MembershipKeeper.SetAgent(r.Ctx(), membershiptypes.Agent{Address: mill.String(), Kind: membershiptypes.AGENT_KIND_COMPANY, Name: "Mill"}))
	require.NoError(t, r.App.MembershipKeeper.Dissolve(r.Ctx(), mill))
	treasury := r.Balance(f.treasury)
	for _, c := range []struct {
		name   string
		target sdk.AccAddress
		err    error
	}{
		{"a member", f.alice.Addr, types.ErrNotRegional},
		{"a person who is not a member", f.dave.Addr, types.ErrNotRegional},
		{"a worker co-op", f.bakery, types.ErrNotRegional},
		{"the bank", r.AgentAddr("Regional Public Bank"), types.ErrNotRegional},
		{"the treasury", f.treasury, types.ErrNotRegional},
		{"an unregistered account", region.NewAccount("nobody").Addr, types.ErrNotRegional},
		{"a dissolved company", mill, types.ErrDissolved},
	} {
		t.Run(c.name, func(t *testing.T) {
			result, logs := f.subsidize(c.target, rsc)
			require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
			require.Contains(t, logs, c.err.Error())
		})
	}
	t.Run("more than the treasury does not reserve", func(t *testing.T) {
		f.sell(f.dave, 10)
		reserved, err := r.App.DividendKeeper.Reserved(r.Ctx())
		require.NoError(t, err)
		require.True(t, reserved.IsPositive())
		held := r.Balance(f.treasury)
		result, logs := f.subsidize(f.transit, held.Sub(reserved).AddRaw(1).Int64())
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
		require.Contains(t, logs, types.ErrReserved.Error())
		treasury = held
	})
	t.Run("without the assembly", func(t *testing.T) {
		region.RequireError(t, membershiptypes.ErrUnauthorized, r.Deliver(f.alice,
			&types.MsgSubsidize{Authority: f.alice.String(), Company: f.transit.String(), Amount: math.NewInt(rsc), Reason: "mine"}))
		// the target is checked first: a co-op is refused whoever asks
		region.RequireError(t, types.ErrNotRegional, r.Deliver(f.alice,
			&types.MsgSubsidize{Authority: f.alice.String(), Company: f.bakery.String(), Amount: math.NewInt(rsc), Reason: "mine"}))
	})
	t.Run("no amount, no reason: refused at submission", func(t *testing.T) {
		asm := r.Assembly()
		for _, msg := range []*types.MsgSubsidize{
			{Authority: asm, Company: f.transit.String(), Amount: math.ZeroInt(), Reason: "x"},
			{Authority: asm, Company: f.transit.String(), Amount: math.NewInt(-1), Reason: "x"},
			{Authority: asm, Company: f.transit.String(), Amount: math.NewInt(1)},
		} {
			prop, err := group.NewMsgSubmitProposal(asm, []string{f.alice.String()}, []sdk.Msg{msg}, "", group.Exec_EXEC_UNSPECIFIED, "subsidy", "")
			require.NoError(t, err)
			region.RequireError(t, types.ErrInvalidSubsidy, r.Deliver(f.alice, prop))
		}
	})
	require.Equal(t, treasury.String(), r.Balance(f.treasury).String(), "nothing moved")
	require.True(t, f.period(0).Totals.Subsidies.IsZero())
	require.True(t, f.companyBooks(f.transit).Books.Subsidies.IsZero())
	f.invariantHolds()
}

// TestAtCostOnlyRegional: a worker co-op's books carry no at-cost price (it prices its own
// listings); a regional company's do.
func TestAtCostOnlyRegional(t *testing.T) {
	f := setup(t)
	coop := f.companyBooks(f.bakery)
	require.Nil(t, coop.AtCostPrice)
	require.False(t, coop.Regional)
	regional := f.companyBooks(f.transit)
	require.NotNil(t, regional.AtCostPrice)
	require.True(t, regional.Regional)
}
