package keeper_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/housing/keeper"
	"github.com/conductor-coop/conductor/x/housing/types"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

var dec = math.LegacyMustNewDecFromStr

const rsc = 1_000_000

type fixture struct {
	t                             *testing.T
	r                             *region.Region
	alice, bob, carol, dave, erin region.Account
	agency, bakery, treasury      sdk.AccAddress
	q                             types.QueryServer
	params                        gptypes.Params
	// members vote in the assembly (all of them: a majority)
	members []region.Account
}

// setup: the Housing Agency (a regional company; carol manages it) keeps the region's
// units; members pay 5% above cost, non-members 20%; the wait-list threshold is 2. erin,
// not a member, has 10 RSC.
func setup(t *testing.T) *fixture { return setupWith(t, nil) }

// setupWith is setup with the region's configuration changed by edit first.
func setupWith(t *testing.T, edit func(*region.Config)) *fixture {
	cfg := region.DefaultConfig()
	cfg.NonMembers = append(cfg.NonMembers, "erin")
	cfg.Balances = map[string]int64{"erin": 10 * rsc}
	if edit != nil {
		edit(&cfg)
	}
	cfg.Institutions = append(cfg.Institutions, region.Institution{Name: "Housing Agency", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}})
	r := region.New(t, cfg)
	f := &fixture{
		t: t, r: r, alice: r.Accounts["alice"], bob: r.Accounts["bob"], carol: r.Accounts["carol"], dave: r.Accounts["dave"], erin: r.Accounts["erin"],
		agency: r.AgentAddr("Housing Agency"), bakery: r.AgentAddr("Bakery Co-op"), treasury: r.AgentAddr("Regional treasury"),
		q: keeper.NewQueryServerImpl(r.App.HousingKeeper),
	}
	for _, m := range cfg.Members {
		f.members = append(f.members, r.Accounts[m])
	}
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	params.MemberRentMarkup, params.NonMemberRentMarkup, params.WaitlistThreshold = dec("0.05"), dec("0.20"), 2
	r.Pass(r.Assembly(), f.members, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	f.params = params
	f.r.Grant(f.agency, []region.Account{f.carol}, f.carol, &types.MsgRegisterUnit{}, &types.MsgEndLease{})
	f.r.Grant(f.bakery, []region.Account{f.alice, f.bob}, f.alice, &types.MsgJoinWaitlist{}, &types.MsgAcceptOffer{})
	return f
}

// unit registers a unit kept by the agency: costs 600,000 + 300,000 + 100,000 = 1 RSC a month.
func (f *fixture) unit(kind types.UnitKind, location string, area uint32) uint64 {
	f.r.Must(f.r.Manage(f.carol, &types.MsgRegisterUnit{Signer: f.agency.String(), Unit: types.Unit{
		Kind: kind, Name: "unit", Location: location, Area: area, Agency: f.agency.String(),
		PropertyTax: math.NewInt(600_000), Maintenance: math.NewInt(300_000), Administration: math.NewInt(100_000),
	}}))
	id, err := f.r.App.HousingKeeper.UnitSeq.Peek(f.r.Ctx())
	require.NoError(f.t, err)
	return id
}

func (f *fixture) join(who region.Account, kind types.UnitKind, location string, area uint32) uint64 {
	f.r.Must(f.r.Deliver(who, &types.MsgJoinWaitlist{Applicant: who.String(), Kind: kind, Location: location, MinArea: area}))
	id, err := f.r.App.HousingKeeper.EntrySeq.Peek(f.r.Ctx())
	require.NoError(f.t, err)
	return id
}

func (f *fixture) getUnit(id uint64) types.Unit {
	u, err := f.r.App.HousingKeeper.Units.Get(f.r.Ctx(), id)
	require.NoError(f.t, err)
	return u
}

func (f *fixture) lease(id uint64) types.Lease {
	l, err := f.r.App.HousingKeeper.Leases.Get(f.r.Ctx(), id)
	require.NoError(f.t, err)
	return l
}

func (f *fixture) invariantHolds() {
	msg, broken := keeper.UnitsLeasedOnceInvariant(f.r.App.HousingKeeper)(f.r.Ctx())
	require.False(f.t, broken, msg)
}

// TestRent: rent = cost x (1 + markup), the markup rounded down; a member pays the members'
// markup (to the agency), a non-member the non-members' (to the treasury, booked for the
// dividend); the first month at once, the next ones collected monthly without a transaction.
func TestRent(t *testing.T) {
	f := setup(t)
	r := f.r
	home1, home2 := f.unit(types.UNIT_KIND_APARTMENT, "north", 60), f.unit(types.UNIT_KIND_APARTMENT, "north", 60)
	alice, erin, agency, treasury := r.Balance(f.alice.Addr), r.Balance(f.erin.Addr), r.Balance(f.agency), r.Balance(f.treasury)
	a := f.join(f.alice, types.UNIT_KIND_APARTMENT, "", 0)
	e := f.join(f.erin, types.UNIT_KIND_APARTMENT, "north", 50)
	require.Equal(t, a, f.getUnit(home1).OfferedTo)
	require.Equal(t, e, f.getUnit(home2).OfferedTo)
	f.r.Must(r.Deliver(f.alice, &types.MsgAcceptOffer{Applicant: f.alice.String(), EntryId: a}))
	f.r.Must(r.Deliver(f.erin, &types.MsgAcceptOffer{Applicant: f.erin.String(), EntryId: e}))
	require.Equal(t, alice.SubRaw(1_050_000), r.Balance(f.alice.Addr), "member: 1 RSC + 5%")
	require.Equal(t, erin.SubRaw(1_200_000), r.Balance(f.erin.Addr), "non-member: 1 RSC + 20%")
	require.Equal(t, agency.AddRaw(2*rsc+50_000), r.Balance(f.agency), "the cost, and the members' markup")
	require.Equal(t, treasury.AddRaw(200_000), r.Balance(f.treasury), "the non-members' markup")
	rev, err := r.App.DividendKeeper.Periods.Get(r.Ctx(), 1)
	require.NoError(t, err)
	require.Equal(t, int64(200_000), rev.Revenue.NonMemberServices.Int64(), "booked for the dividend")
	require.Equal(t, types.UNIT_STATUS_LEASED, f.getUnit(home1).Status)

	// erin keeps 0.7 RSC: less than her next month.
	left := r.Balance(f.erin.Addr)
	f.r.Must(r.Deliver(f.erin, banktypes.NewMsgSend(f.erin.Addr, f.dave.Addr, sdk.NewCoins(sdk.NewCoin(app.Denom, left.SubRaw(700_000))))))
	require.Equal(t, int64(700_000), r.Balance(f.erin.Addr).Int64())

	// The next month is collected without a transaction.
	l, l2 := f.lease(1), f.lease(2)
	r.At(*l.NextDue)
	require.Equal(t, alice.SubRaw(2*1_050_000), r.Balance(f.alice.Addr))
	r.At(*l2.NextDue)
	books, err := f.q.Books(r.Ctx(), &types.QueryBooksRequest{Agency: f.agency.String()})
	require.NoError(t, err)
	require.Equal(t, int64(3*rsc+700_000), books.Books.CostCollected.Int64())
	require.Equal(t, int64(100_000), books.Books.MemberMarkup.Int64())
	require.Equal(t, int64(200_000), books.Books.NonMemberMarkup.Int64())

	// erin could not pay in full: she paid what she had, cost first; the rest is arrears.
	l2 = f.lease(2)
	require.True(t, r.Balance(f.erin.Addr).IsZero())
	require.Equal(t, int64(300_000), l2.ArrearsCost.Int64())
	require.Equal(t, int64(200_000), l2.ArrearsMarkup.Int64())
	require.Equal(t, uint32(1), l2.Missed)
	// The next month, with money, the arrears are paid with it.
	f.r.Must(r.Deliver(f.dave, banktypes.NewMsgSend(f.dave.Addr, f.erin.Addr, sdk.NewCoins(sdk.NewCoin(app.Denom, math.NewInt(2*rsc))))))
	r.At(*l2.NextDue)
	l2 = f.lease(2)
	require.True(t, l2.ArrearsCost.IsZero() && l2.ArrearsMarkup.IsZero())
	require.Equal(t, int64(2*rsc-500_000-1_200_000), r.Balance(f.erin.Addr).Int64())
	// every payment is recorded as RSC flows (x/valueflows): to the agency and, her markup,
	// to the treasury; each month as a use of the home
	toAgency, n := r.RSCFlows(f.erin.String(), f.agency.String(), "housing/lease/2")
	toTreasury, _ := r.RSCFlows(f.erin.String(), f.treasury.String(), "housing/lease/2")
	require.Equal(t, int64(1_200_000+700_000+500_000+1_200_000), toAgency.Add(toTreasury).Int64())
	require.Equal(t, 3, n, "three payments to the agency")
	f.invariantHolds()
}

// TestWaitlist: entries are served in order among those a unit suits; a declined offer
// sends the entry to the back and the unit to the next; ending a lease hands the unit on;
// the wait-list's length passes the threshold and says so.
func TestWaitlist(t *testing.T) {
	f := setup(t)
	r := f.r
	south := f.join(f.bob, types.UNIT_KIND_APARTMENT, "south", 0)
	big := f.join(f.carol, types.UNIT_KIND_APARTMENT, "", 100)
	any1 := f.join(f.dave, types.UNIT_KIND_APARTMENT, "", 0)
	waitlist, err := f.q.Waitlist(r.Ctx(), &types.QueryWaitlistRequest{})
	require.NoError(t, err)
	require.Equal(t, uint64(3), waitlist.Total)
	require.True(t, waitlist.OverThreshold, "3 waiting, threshold 2")
	pos, err := f.q.MyPosition(r.Ctx(), &types.QueryMyPositionRequest{Applicant: f.dave.String()})
	require.NoError(t, err)
	require.Equal(t, uint64(2), pos.Positions[0].Ahead)

	home := f.unit(types.UNIT_KIND_APARTMENT, "north", 60) // not south, not 100 m²: dave's
	require.Equal(t, any1, f.getUnit(home).OfferedTo)
	back := r.Deliver(f.dave, &types.MsgDeclineOffer{Applicant: f.dave.String(), EntryId: any1})
	f.r.Must(back)
	require.Equal(t, types.UNIT_STATUS_VACANT, f.getUnit(home).Status, "nobody else matches")
	pos, err = f.q.MyPosition(r.Ctx(), &types.QueryMyPositionRequest{Applicant: f.dave.String()})
	require.NoError(t, err)
	require.Greater(t, pos.Positions[0].Entry.Id, big, "dave went to the back")

	southern := f.unit(types.UNIT_KIND_APARTMENT, "south", 120) // bob first: he joined first
	require.Equal(t, south, f.getUnit(southern).OfferedTo)
	f.r.Must(r.Deliver(f.bob, &types.MsgAcceptOffer{Applicant: f.bob.String(), EntryId: south}))
	// bob leaves: the unit goes to carol (100 m², any location).
	f.r.Must(r.Deliver(f.bob, &types.MsgEndLease{Signer: f.bob.String(), LeaseId: 1}))
	require.Equal(t, big, f.getUnit(southern).OfferedTo)
	require.False(t, f.lease(1).Active)
	f.invariantHolds()
}

// TestFacilities: companies wait for facilities and equipment, persons for homes.
func TestFacilities(t *testing.T) {
	f := setup(t)
	r := f.r
	require.NoError(t, region.Pay(r.Ctx(), r.App, router.Purchase, f.dave.Addr, f.bakery, math.NewInt(5*rsc)))
	oven := f.unit(types.UNIT_KIND_EQUIPMENT, "", 1)
	f.r.Must(f.r.Manage(f.alice, &types.MsgJoinWaitlist{Applicant: f.bakery.String(), Kind: types.UNIT_KIND_EQUIPMENT}))
	entry := f.getUnit(oven).OfferedTo
	f.r.Must(f.r.Manage(f.alice, &types.MsgAcceptOffer{Applicant: f.bakery.String(), EntryId: entry}))
	require.Equal(t, int64(5*rsc-1_050_000), r.Balance(f.bakery).Int64(), "a company of the region pays the members' markup")
	f.invariantHolds()
}

// TestBadInput: each rule refuses with its registered error.
func TestBadInput(t *testing.T) {
	f := setup(t)
	r := f.r
	home := f.unit(types.UNIT_KIND_APARTMENT, "", 50)
	entry := f.join(f.dave, types.UNIT_KIND_APARTMENT, "", 0)
	f.r.Must(r.Deliver(f.dave, &types.MsgAcceptOffer{Applicant: f.dave.String(), EntryId: entry}))
	negative := types.Unit{Kind: types.UNIT_KIND_APARTMENT, Name: "x", Area: 1, Agency: f.agency.String(),
		PropertyTax: math.NewInt(-1), Maintenance: math.NewInt(2), Administration: math.NewInt(0)}
	cases := []struct {
		name string
		run  func() *abci.ExecTxResult
		err  *errorsmod.Error
	}{
		{"negative cost", func() *abci.ExecTxResult {
			return f.r.Manage(f.carol, &types.MsgRegisterUnit{Signer: f.agency.String(), Unit: negative})
		}, types.ErrInvalidUnit},
		{"kept by a company", func() *abci.ExecTxResult {
			u := negative
			u.Agency, u.PropertyTax = f.bakery.String(), math.NewInt(1)
			return f.r.Manage(f.carol, &types.MsgRegisterUnit{Signer: f.agency.String(), Unit: u})
		}, types.ErrNotAgency},
		{"registered by a person", func() *abci.ExecTxResult {
			u := negative
			u.PropertyTax = math.NewInt(1)
			return r.Deliver(f.dave, &types.MsgRegisterUnit{Signer: f.dave.String(), Unit: u})
		}, types.ErrNotAgency},
		{"joining twice", func() *abci.ExecTxResult {
			return r.Deliver(f.bob, &types.MsgJoinWaitlist{Applicant: f.bob.String(), Kind: types.UNIT_KIND_APARTMENT})
		}, nil},
		{"joining twice, again", func() *abci.ExecTxResult {
			return r.Deliver(f.bob, &types.MsgJoinWaitlist{Applicant: f.bob.String(), Kind: types.UNIT_KIND_APARTMENT})
		}, types.ErrAlreadyWaiting},
		{"a company on the housing wait-list", func() *abci.ExecTxResult {
			return f.r.Manage(f.alice, &types.MsgJoinWaitlist{Applicant: f.bakery.String(), Kind: types.UNIT_KIND_APARTMENT})
		}, types.ErrWrongWaitlist},
		{"a person on the facility wait-list", func() *abci.ExecTxResult {
			return r.Deliver(f.erin, &types.MsgJoinWaitlist{Applicant: f.erin.String(), Kind: types.UNIT_KIND_FACILITY})
		}, types.ErrWrongWaitlist},
		{"accepting without an offer", func() *abci.ExecTxResult {
			return r.Deliver(f.erin, &types.MsgAcceptOffer{Applicant: f.erin.String(), EntryId: 99})
		}, types.ErrUnknownEntry},
		{"someone else's lease", func() *abci.ExecTxResult {
			return r.Deliver(f.erin, &types.MsgEndLease{Signer: f.erin.String(), LeaseId: 1})
		}, types.ErrNotParty},
		{"an unknown lease", func() *abci.ExecTxResult {
			return r.Deliver(f.erin, &types.MsgEndLease{Signer: f.erin.String(), LeaseId: 7})
		}, types.ErrUnknownLease},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := c.run()
			if c.err == nil {
				require.Zero(t, res.Code, res.Log)
				return
			}
			region.RequireError(t, c.err, res)
		})
	}
	require.Equal(t, types.UNIT_STATUS_LEASED, f.getUnit(home).Status, "a leased unit is not offered again")
	f.invariantHolds()
}

// TestInvariantBreaks: a unit marked vacant under an active lease, or an offer that would
// never lapse, breaks the invariant.
func TestInvariantBreaks(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(f *fixture, home, entry uint64)
	}{
		{"a leased unit marked vacant", func(f *fixture, home, entry uint64) {
			f.r.Must(f.r.Deliver(f.dave, &types.MsgAcceptOffer{Applicant: f.dave.String(), EntryId: entry}))
			f.invariantHolds()
			u := f.getUnit(home)
			u.Status = types.UNIT_STATUS_VACANT
			require.NoError(f.t, f.r.App.HousingKeeper.Units.Set(f.r.Ctx(), home, u))
		}},
		{"an offer out of the lapse queue", func(f *fixture, home, entry uint64) {
			e, err := f.r.App.HousingKeeper.Entries.Get(f.r.Ctx(), entry)
			require.NoError(f.t, err)
			require.NoError(f.t, f.r.App.HousingKeeper.OffersDue.Remove(f.r.Ctx(), collections.Join(*e.OfferExpires, entry)))
		}},
		{"an offer without a lapse", func(f *fixture, home, entry uint64) {
			e, err := f.r.App.HousingKeeper.Entries.Get(f.r.Ctx(), entry)
			require.NoError(f.t, err)
			e.OfferExpires = nil
			require.NoError(f.t, f.r.App.HousingKeeper.Entries.Set(f.r.Ctx(), entry, e))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			home := f.unit(types.UNIT_KIND_APARTMENT, "", 50)
			entry := f.join(f.dave, types.UNIT_KIND_APARTMENT, "", 0)
			f.invariantHolds()
			tc.spoil(f, home, entry)
			_, broken := keeper.UnitsLeasedOnceInvariant(f.r.App.HousingKeeper)(f.r.Ctx())
			require.True(t, broken)
		})
	}
}

// purchase is the agency's purchase of a home from seller, signed by signer (the agency, or
// the assembly).
func (f *fixture) purchase(signer string, seller sdk.AccAddress, price int64, name string) *types.MsgRegisterUnit {
	return &types.MsgRegisterUnit{Signer: signer, Seller: seller.String(), Price: math.NewInt(price), Unit: types.Unit{
		Kind: types.UNIT_KIND_APARTMENT, Name: name, Area: 90, Agency: f.agency.String(),
		PropertyTax: math.NewInt(rsc), Maintenance: math.ZeroInt(), Administration: math.ZeroInt(),
	}}
}

// fundAgency gives the agency money to buy homes with (as rents would).
func (f *fixture) fundAgency(amount int64) {
	require.NoError(f.t, region.Pay(f.r.Ctx(), f.r.App, router.Purchase, f.dave.Addr, f.agency, math.NewInt(amount)))
}

// TestBuyHome: the region buys a person's home, decided by the agency's own proposal (of its
// workers) or by the assembly: the agency pays the seller, and the home is registered and
// offered to the wait-list. It pays only what it holds.
func TestBuyHome(t *testing.T) {
	f := setup(t)
	r := f.r
	f.fundAgency(100 * rsc)
	entry := f.join(f.bob, types.UNIT_KIND_APARTMENT, "", 0)
	erin := r.Balance(f.erin.Addr)
	r.Pass(f.agency.String(), []region.Account{f.carol}, f.purchase(f.agency.String(), f.erin.Addr, 80*rsc, "erin's house"))
	require.Equal(t, erin.AddRaw(80*rsc), r.Balance(f.erin.Addr))
	flow, n := r.RSCFlows(f.agency.String(), f.erin.String(), "housing/unit/1")
	require.Equal(t, []any{math.NewInt(80 * rsc), 1}, []any{flow, n}, "the home purchase is a value flow")
	require.Equal(t, int64(20*rsc), r.Balance(f.agency).Int64())
	require.Equal(t, entry, f.getUnit(1).OfferedTo)

	dave := r.Balance(f.dave.Addr)
	r.Pass(r.Assembly(), []region.Account{f.alice, f.bob}, f.purchase(r.Assembly(), f.dave.Addr, 20*rsc, "dave's house"))
	require.Equal(t, dave.AddRaw(20*rsc), r.Balance(f.dave.Addr), "the assembly decides for the agency")
	require.True(t, r.Balance(f.agency).IsZero())
	require.Equal(t, "dave's house", f.getUnit(2).Name)
	books, err := f.q.Books(r.Ctx(), &types.QueryBooksRequest{Agency: f.agency.String()})
	require.NoError(t, err)
	require.Equal(t, int64(100*rsc), books.Books.Bought.Int64())

	result, logs := r.Decide(f.agency.String(), []region.Account{f.carol}, f.purchase(f.agency.String(), f.erin.Addr, 80*rsc, "another"))
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
	require.Contains(t, logs, sdkerrors.ErrInsufficientFunds.Error())
	f.invariantHolds()
}

// TestBuyHomeRefused: a home purchase pays the agency's money to a person, so a manager's
// grant alone cannot decide it (not even with a copy of the message proposed and not voted,
// or accepted and left for x/group to execute),
// and the seller is never the signer, the agency, a signer of the tx, a worker of the agency,
// a module account (blocked or not), the market's IBC intake, a company or the treasury.
// Nothing is paid and no unit is registered.
func TestBuyHomeRefused(t *testing.T) {
	f := setup(t)
	r := f.r
	f.fundAgency(100 * rsc)
	agency, asm := f.agency.String(), r.Assembly()
	byAgency := func(f *fixture, msg *types.MsgRegisterUnit) (group.ProposalExecutorResult, string) {
		return f.r.Decide(agency, []region.Account{f.carol}, msg)
	}
	byAssembly := func(f *fixture, msg *types.MsgRegisterUnit) (group.ProposalExecutorResult, string) {
		return f.r.Decide(asm, []region.Account{f.alice, f.bob}, msg)
	}
	byGrant := func(f *fixture, msg *types.MsgRegisterUnit) (group.ProposalExecutorResult, string) {
		if res := f.r.Manage(f.carol, msg); res.Code != 0 {
			return group.PROPOSAL_EXECUTOR_RESULT_FAILURE, res.Log
		}
		return group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, ""
	}
	moduleAcc := r.UnblockedModuleAccount("unblocked")
	feeCollector := r.App.AccountKeeper.GetModuleAddress(authtypes.FeeCollectorName)
	require.True(t, r.App.BankKeeper.BlockedAddr(feeCollector))
	require.False(t, r.App.BankKeeper.BlockedAddr(moduleAcc), "a module account that is not blocked")
	cases := []struct {
		name   string
		signer string
		seller sdk.AccAddress
		decide func(*fixture, *types.MsgRegisterUnit) (group.ProposalExecutorResult, string)
		err    *errorsmod.Error
	}{
		{"a manager's grant alone", agency, f.erin.Addr, byGrant, types.ErrNotDecided},
		{"a manager's grant, with a copy proposed and not voted", agency, f.erin.Addr, func(f *fixture, msg *types.MsgRegisterUnit) (group.ProposalExecutorResult, string) {
			f.r.Propose(f.carol, agency, msg)
			return byGrant(f, msg)
		}, types.ErrNotDecided},
		{"a manager's grant, running the agency's accepted proposal instead of x/group", agency, f.erin.Addr, func(f *fixture, msg *types.MsgRegisterUnit) (group.ProposalExecutorResult, string) {
			id := f.r.Propose(f.carol, agency, msg)
			f.r.Vote(id, group.VOTE_OPTION_YES, f.carol)
			p, err := f.r.App.GroupKeeper.Proposal(f.r.Ctx(), &group.QueryProposalRequest{ProposalId: id})
			require.NoError(f.t, err)
			f.r.At(p.Proposal.VotingPeriodEnd.Add(time.Second)) // the tally stores ACCEPTED
			// if the grant counted, the seller would be paid again when x/group runs the proposal
			return byGrant(f, msg)
		}, types.ErrNotDecided},
		{"the seller is the signer", asm, sdk.MustAccAddressFromBech32(asm), byAssembly, types.ErrSelfDealing},
		{"the seller is the agency", agency, f.agency, byAgency, types.ErrSelfDealing},
		{"the seller signed the tx (executed the agency's proposal)", agency, f.alice.Addr, func(f *fixture, msg *types.MsgRegisterUnit) (group.ProposalExecutorResult, string) {
			id := f.r.Propose(f.carol, agency, msg)
			f.r.Vote(id, group.VOTE_OPTION_YES, f.carol)
			return f.r.Exec(id, f.alice) // anyone may execute an accepted x/group proposal
		}, types.ErrSelfDealing},
		{"the seller works for the agency", asm, f.carol.Addr, byAssembly, types.ErrSelfDealing},
		{"the seller is the bankloans module account", agency, authtypes.NewModuleAddress(bankloanstypes.ModuleName), byAgency, types.ErrInvalidSeller},
		{"the seller is the market's IBC intake", agency, markettypes.IntakeAddress, byAgency, types.ErrInvalidSeller},
		{"the seller is the fee collector (blocked)", agency, feeCollector, byAgency, types.ErrInvalidSeller},
		{"the seller is a module account x/bank does not block", asm, moduleAcc, byAssembly, types.ErrInvalidSeller},
		{"the seller is a company", agency, f.bakery, byAgency, types.ErrInvalidSeller},
		{"the seller is the treasury", asm, f.treasury, byAssembly, types.ErrInvalidSeller},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			units, err := r.App.HousingKeeper.UnitSeq.Peek(r.Ctx())
			require.NoError(t, err)
			held, sellerHeld := r.Balance(f.agency), r.Balance(c.seller)
			result, logs := c.decide(f, f.purchase(c.signer, c.seller, 10*rsc, "a home"))
			require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
			require.Contains(t, logs, c.err.Error())
			require.Equal(t, held, r.Balance(f.agency), "the agency paid nothing")
			require.Equal(t, sellerHeld, r.Balance(c.seller), "the seller got nothing")
			after, err := r.App.HousingKeeper.UnitSeq.Peek(r.Ctx())
			require.NoError(t, err)
			require.Equal(t, units, after, "no unit registered")
		})
	}
	books, err := f.q.Books(r.Ctx(), &types.QueryBooksRequest{Agency: agency})
	require.NoError(t, err)
	require.True(t, books.Books.Bought.IsZero())
	f.invariantHolds()
}

// TestOfferLapses: an offer not answered within the region's offer_window counts as
// declined, without a transaction: the entry goes to the back of the wait-list and the unit
// to the next match, whose own window starts then. An offer answered, declined or given up
// in time does not lapse.
func TestOfferLapses(t *testing.T) {
	const window = time.Hour
	cases := []struct {
		name  string
		act   func(f *fixture, dave uint64) // what dave does with his offer, in time
		lapse bool
	}{
		{"unanswered", func(*fixture, uint64) {}, true},
		{"accepted", func(f *fixture, dave uint64) {
			f.r.Must(f.r.Deliver(f.dave, &types.MsgAcceptOffer{Applicant: f.dave.String(), EntryId: dave}))
		}, false},
		{"declined", func(f *fixture, dave uint64) {
			f.r.Must(f.r.Deliver(f.dave, &types.MsgDeclineOffer{Applicant: f.dave.String(), EntryId: dave}))
		}, false},
		{"left the wait-list", func(f *fixture, dave uint64) {
			f.r.Must(f.r.Deliver(f.dave, &types.MsgLeaveWaitlist{Applicant: f.dave.String(), EntryId: dave}))
		}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			r := f.r
			f.params.OfferWindow = window
			r.Pass(r.Assembly(), []region.Account{f.alice, f.bob}, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: f.params})
			dave := f.join(f.dave, types.UNIT_KIND_APARTMENT, "", 0)
			erin := f.join(f.erin, types.UNIT_KIND_APARTMENT, "", 0)
			home := f.unit(types.UNIT_KIND_APARTMENT, "", 50)
			offered := r.Time
			require.Equal(t, dave, f.getUnit(home).OfferedTo)
			entry, err := r.App.HousingKeeper.Entries.Get(r.Ctx(), dave)
			require.NoError(t, err)
			require.Equal(t, offered.Add(window), *entry.OfferExpires, "the offer lapses a window after it was made")

			r.NextBlock(time.Minute)
			tc.act(f, dave)
			r.At(offered.Add(window - time.Second))
			if tc.lapse {
				require.Equal(t, dave, f.getUnit(home).OfferedTo, "not before the window closes")
			}
			res := r.NextBlock(2 * time.Second)
			var lapsed []*types.EventOfferExpired
			for _, ev := range res.Events {
				if ev.Type == "conductor.housing.v1.EventOfferExpired" {
					ev.Attributes = ev.Attributes[:len(ev.Attributes)-1] // the block's "mode": EndBlock
					parsed, err := sdk.ParseTypedEvent(ev)
					require.NoError(t, err)
					lapsed = append(lapsed, parsed.(*types.EventOfferExpired))
				}
			}
			f.invariantHolds()
			if !tc.lapse {
				require.Empty(t, lapsed)
				if tc.name != "accepted" { // declined or left: erin was offered the home then, for her own window
					require.Equal(t, erin, f.getUnit(home).OfferedTo)
				}
				return
			}
			require.Len(t, lapsed, 1)
			require.Equal(t, types.EventOfferExpired{UnitId: home, EntryId: dave, Applicant: f.dave.String(), NewEntryId: lapsed[0].NewEntryId}, *lapsed[0])
			require.Equal(t, erin, f.getUnit(home).OfferedTo, "the home went to the next entry")
			back, err := r.App.HousingKeeper.Entries.Get(r.Ctx(), lapsed[0].NewEntryId)
			require.NoError(t, err)
			require.Greater(t, back.Id, erin, "dave went to the back")
			require.Zero(t, back.Offered)
			require.Nil(t, back.OfferExpires)
			has, err := r.App.HousingKeeper.Entries.Has(r.Ctx(), dave)
			require.NoError(t, err)
			require.False(t, has)
			next, err := r.App.HousingKeeper.Entries.Get(r.Ctx(), erin)
			require.NoError(t, err)
			require.Equal(t, r.Time.Add(window), *next.OfferExpires, "erin's window starts with her offer")
		})
	}
}
