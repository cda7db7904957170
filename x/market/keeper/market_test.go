package keeper_test

import (
	"math/big"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/market/keeper"
	"github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

var dec = math.LegacyMustNewDecFromStr

// marketMsgs are the market messages a company's manager is granted.
var marketMsgs = []sdk.Msg{&types.MsgCreateListing{}, &types.MsgUpdateListing{}, &types.MsgDelist{}, &types.MsgPurchase{}}

type abciResult = abci.ExecTxResult

type fixture struct {
	t                             *testing.T
	r                             *region.Region
	alice, bob, carol, dave, erin region.Account
	bakery, mill, transit, bank   sdk.AccAddress
	treasury                      sdk.AccAddress
	q                             types.QueryServer
}

// setup: the Bakery Co-op (alice, bob) and the Mill Co-op (carol) are companies; Regional
// Transit (alice, carol) is a regional company; dave and erin are not members, erin has
// 1 RSC. Sales tax: 5% inside the region, 8% outside. alice manages the Bakery's and
// Transit's market actions (authz grants), carol the Mill's.
func setup(t *testing.T) *fixture {
	cfg := region.DefaultConfig()
	cfg.NonMembers = append(cfg.NonMembers, "erin")
	cfg.Balances = map[string]int64{"erin": 1_000_000}
	cfg.Institutions = append(cfg.Institutions,
		region.Institution{Name: "Mill Co-op", Kind: membershiptypes.AGENT_KIND_COMPANY, Workers: []string{"carol"}},
		region.Institution{Name: "Regional Transit", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"alice", "carol"}},
	)
	r := region.New(t, cfg)
	f := &fixture{
		t: t, r: r, alice: r.Accounts["alice"], bob: r.Accounts["bob"], carol: r.Accounts["carol"], dave: r.Accounts["dave"], erin: r.Accounts["erin"],
		bakery: r.AgentAddr("Bakery Co-op"), mill: r.AgentAddr("Mill Co-op"), transit: r.AgentAddr("Regional Transit"),
		bank: r.AgentAddr("Regional Public Bank"), treasury: r.AgentAddr("Regional treasury"),
		q: keeper.NewQueryServerImpl(r.App.MarketKeeper),
	}
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	params.InternalSalesTaxRate, params.ExternalSalesTaxRate = dec("0.05"), dec("0.08")
	r.Pass(r.Assembly(), []region.Account{f.alice, f.bob}, &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	f.r.Grant(f.bakery, []region.Account{f.alice, f.bob}, f.alice, marketMsgs...)
	f.r.Grant(f.mill, []region.Account{f.carol}, f.carol, marketMsgs...)
	f.r.Grant(f.transit, []region.Account{f.alice, f.carol}, f.alice, marketMsgs...)
	return f
}

// fund gives a company money by a Conductor route, as its sales would.
func (f *fixture) fund(company sdk.AccAddress, ursc int64) {
	require.NoError(f.t, region.Pay(f.r.Ctx(), f.r.App, router.Purchase, f.dave.Addr, company, math.NewInt(ursc)))
}

// list has the manager list a product of company and returns its id.
func (f *fixture) list(manager region.Account, company sdk.AccAddress, price int64, stock string) uint64 {
	res := f.r.Manage(manager, &types.MsgCreateListing{
		Seller: company.String(), Kind: types.LISTING_KIND_PRODUCT, Name: "Rye bread", Description: "sourdough, 1 kg",
		Unit: "loaf", UnitPrice: math.NewInt(price), Stock: stock,
	})
	require.Zero(f.t, res.Code, res.Log)
	last, err := f.r.App.MarketKeeper.ListingSeq.Peek(f.r.Ctx())
	require.NoError(f.t, err)
	return last
}

func (f *fixture) listing(id uint64) types.Listing {
	res, err := f.q.Listing(f.r.Ctx(), &types.QueryListingRequest{Id: id})
	require.NoError(f.t, err)
	return res.Listing
}

func (f *fixture) lastOrder() types.Order {
	res, err := f.q.Orders(f.r.Ctx(), &types.QueryOrdersRequest{})
	require.NoError(f.t, err)
	require.NotEmpty(f.t, res.Orders)
	return res.Orders[0]
}

func (f *fixture) books(company sdk.AccAddress) *types.QueryBooksResponse {
	res, err := f.q.Books(f.r.Ctx(), &types.QueryBooksRequest{Company: company.String()})
	require.NoError(f.t, err)
	return res
}

func (f *fixture) invariantsHold() {
	for _, inv := range []sdk.Invariant{keeper.OrdersReconcileInvariant(f.r.App.MarketKeeper), keeper.IntakeEmptyInvariant(f.r.App.MarketKeeper)} {
		msg, broken := inv(f.r.Ctx())
		require.False(f.t, broken, msg)
	}
}

// TestPurchaseTax: the buyer pays exactly price x quantity to the seller plus the sales tax
// (rounded down) to the treasury, at the internal rate for members and companies and the
// external rate for others; the stock goes down and the order records it all.
func TestPurchaseTax(t *testing.T) {
	f := setup(t)
	r := f.r
	listing := f.list(f.alice, f.bakery, 333_333, "100")
	f.fund(f.mill, 100_000_000)
	cases := []struct {
		name     string
		buyer    sdk.AccAddress
		buy      func(msg *types.MsgPurchase) *abciResult
		quantity uint64
		tax      int64
		external bool
	}{
		{"member pays the internal rate", f.carol.Addr, func(m *types.MsgPurchase) *abciResult { return r.Deliver(f.carol, m) }, 3, 49_999, false},        // 999,999 x 5% = 49,999.95
		{"non-member pays the external rate", f.dave.Addr, func(m *types.MsgPurchase) *abciResult { return r.Deliver(f.dave, m) }, 3, 79_999, true},       // 999,999 x 8% = 79,999.92
		{"company buys inputs at the internal rate", f.mill, func(m *types.MsgPurchase) *abciResult { return f.r.Manage(f.carol, m) }, 7, 116_666, false}, // 2,333,331 x 5% = 116,666.55
		{"one unit", f.carol.Addr, func(m *types.MsgPurchase) *abciResult { return r.Deliver(f.carol, m) }, 1, 16_666, false},                             // 333,333 x 5% = 16,666.65
	}
	stock := uint64(100)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			buyerBefore, sellerBefore, treasuryBefore := r.Balance(c.buyer), r.Balance(f.bakery), r.Balance(f.treasury)
			res := c.buy(&types.MsgPurchase{Buyer: c.buyer.String(), ListingId: listing, Quantity: c.quantity})
			require.Zero(t, res.Code, res.Log)
			amount := math.NewInt(333_333 * int64(c.quantity))
			require.Equal(t, buyerBefore.Sub(amount).SubRaw(c.tax), r.Balance(c.buyer), "the buyer pays amount + tax exactly")
			require.Equal(t, sellerBefore.Add(amount), r.Balance(f.bakery))
			require.Equal(t, treasuryBefore.AddRaw(c.tax), r.Balance(f.treasury))
			stock -= c.quantity
			require.Equal(t, stock, f.listing(listing).Stock)
			o := f.lastOrder()
			require.Equal(t, c.buyer.String(), o.Buyer)
			require.Equal(t, f.bakery.String(), o.Seller)
			require.Equal(t, c.quantity, o.Quantity)
			require.Equal(t, amount, o.Amount)
			require.Equal(t, int64(c.tax), o.Tax.Int64())
			require.Equal(t, c.external, o.External)
			require.Equal(t, r.Height, o.Height)
			require.Equal(t, app.Denom, o.Denom)
		})
	}
	mine, err := f.q.Orders(r.Ctx(), &types.QueryOrdersRequest{Buyer: f.carol.String()})
	require.NoError(t, err)
	require.Len(t, mine.Orders, 2)
	sold, err := f.q.Orders(r.Ctx(), &types.QueryOrdersRequest{Seller: f.bakery.String()})
	require.NoError(t, err)
	require.Len(t, sold.Orders, 4)
	b := f.books(f.bakery)
	require.Equal(t, int64(333_333*14), b.Books.Revenue.Int64())
	require.Equal(t, uint64(14), b.Books.UnitsSold)
	require.Equal(t, int64(333_333*7+116_666), f.books(f.mill).Books.InputCosts.Int64(), "a company's inputs are its costs")
	f.invariantsHold()
}

// TestQuote prices a purchase as Purchase charges it, by the buyer's rate.
func TestQuote(t *testing.T) {
	f := setup(t)
	listing := f.list(f.alice, f.bakery, 1_000_001, "unlimited")
	for _, c := range []struct {
		buyer    string
		tax      int64
		external bool
	}{{f.alice.String(), 250_000, false}, {f.dave.String(), 400_000, true}, {"", 400_000, true}} {
		q, err := f.q.Quote(f.r.Ctx(), &types.QueryQuoteRequest{ListingId: listing, Quantity: 5, Buyer: c.buyer})
		require.NoError(t, err)
		require.Equal(t, int64(5_000_005), q.Amount.Int64())
		require.Equal(t, c.tax, q.Tax.Int64())
		require.Equal(t, c.external, q.External)
		require.Equal(t, q.Amount.Add(q.Tax), q.Total)
	}
	_, err := f.q.Quote(f.r.Ctx(), &types.QueryQuoteRequest{ListingId: listing, Quantity: 0})
	require.ErrorIs(t, err, types.ErrInvalidQuantity)
	_, err = f.q.Quote(f.r.Ctx(), &types.QueryQuoteRequest{ListingId: listing, Quantity: 1, Buyer: f.bank.String()})
	require.ErrorIs(t, err, types.ErrBuyerNotAllowed)
}

// TestListings: who may list, what a listing must say, updating and delisting, and the
// listing queries' filters.
func TestListings(t *testing.T) {
	f := setup(t)
	r := f.r
	bread := f.list(f.alice, f.bakery, 5_000_000, "10")
	good := func(m *types.MsgCreateListing) *types.MsgCreateListing {
		out := &types.MsgCreateListing{Seller: f.bakery.String(), Kind: types.LISTING_KIND_SERVICE, Name: "Catering", Unit: "hour", UnitPrice: math.NewInt(1), Stock: "unlimited"}
		if m != nil {
			if m.Name != "" {
				out.Name = m.Name
			}
			if m.Unit != "" {
				out.Unit = m.Unit
			}
			if m.Stock != "" {
				out.Stock = m.Stock
			}
			if !m.UnitPrice.IsNil() {
				out.UnitPrice = m.UnitPrice
			}
			if m.Kind != 0 {
				out.Kind = m.Kind
			}
		}
		return out
	}
	noKind := good(nil)
	noKind.Kind = types.LISTING_KIND_UNSPECIFIED
	noStock := good(nil)
	noStock.Stock = ""
	long := make([]byte, 65)
	for i := range long {
		long[i] = 'x'
	}
	cases := []struct {
		name string
		run  func() *abciResult
		err  *errorsmod.Error
	}{
		{"a person cannot list", func() *abciResult {
			m := good(nil)
			m.Seller = f.dave.String()
			return r.Deliver(f.dave, m)
		}, types.ErrNotSeller},
		{"no grant, no listing for the company", func() *abciResult {
			return f.r.Manage(f.dave, good(nil))
		}, authz.ErrNoAuthorizationFound},
		{"kind required", func() *abciResult { return f.r.Manage(f.alice, noKind) }, types.ErrInvalidListing},
		{"name too long", func() *abciResult { return f.r.Manage(f.alice, good(&types.MsgCreateListing{Name: string(long)})) }, types.ErrInvalidListing},
		{"zero price", func() *abciResult {
			return f.r.Manage(f.alice, good(&types.MsgCreateListing{UnitPrice: math.ZeroInt()}))
		}, types.ErrInvalidListing},
		{"negative price", func() *abciResult {
			return f.r.Manage(f.alice, good(&types.MsgCreateListing{UnitPrice: math.NewInt(-5)}))
		}, types.ErrInvalidListing},
		{"stock not a number", func() *abciResult { return f.r.Manage(f.alice, good(&types.MsgCreateListing{Stock: "lots"})) }, types.ErrInvalidListing},
		{"stock required", func() *abciResult { return f.r.Manage(f.alice, noStock) }, types.ErrInvalidListing},
		{"update by another company", func() *abciResult {
			return f.r.Manage(f.carol, &types.MsgUpdateListing{Seller: f.mill.String(), ListingId: bread, UnitPrice: math.NewInt(1)})
		}, types.ErrNotYourListing},
		{"update an unknown listing", func() *abciResult {
			return f.r.Manage(f.alice, &types.MsgUpdateListing{Seller: f.bakery.String(), ListingId: 999, UnitPrice: math.NewInt(1)})
		}, types.ErrUnknownListing},
		{"update to a negative price", func() *abciResult {
			return f.r.Manage(f.alice, &types.MsgUpdateListing{Seller: f.bakery.String(), ListingId: bread, UnitPrice: math.NewInt(-1)})
		}, types.ErrInvalidListing},
		{"delist another's listing", func() *abciResult {
			return f.r.Manage(f.carol, &types.MsgDelist{Seller: f.mill.String(), ListingId: bread})
		}, types.ErrNotYourListing},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			region.RequireError(t, c.err, c.run())
		})
	}
	bankListing := good(nil)
	bankListing.Seller = f.bank.String()
	result, logs := r.Decide(f.bank.String(), []region.Account{f.alice, f.bob}, bankListing)
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
	require.Contains(t, logs, types.ErrNotSeller.Error(), "the bank does not sell")
	f.invariantsHold()

	// A service with unlimited stock, then the filters.
	require.Zero(t, f.r.Manage(f.alice, good(nil)).Code)
	require.Zero(t, f.r.Manage(f.carol, &types.MsgCreateListing{Seller: f.mill.String(), Kind: types.LISTING_KIND_PRODUCT, Name: "Flour", Description: "stone-ground rye", Unit: "kg", UnitPrice: math.NewInt(900_000), Stock: "500"}).Code)
	count := func(req *types.QueryListingsRequest) int {
		res, err := f.q.Listings(r.Ctx(), req)
		require.NoError(t, err)
		return len(res.Listings)
	}
	require.Equal(t, 3, count(&types.QueryListingsRequest{}))
	require.Equal(t, 2, count(&types.QueryListingsRequest{Seller: f.bakery.String()}))
	require.Equal(t, 1, count(&types.QueryListingsRequest{Kind: types.LISTING_KIND_SERVICE}))
	require.Equal(t, 2, count(&types.QueryListingsRequest{Text: "RYE"}), "name or description, any case")
	require.Equal(t, 1, count(&types.QueryListingsRequest{Seller: f.bakery.String(), Text: "rye"}))

	// Update price and stock; "" keeps the stock, 0 keeps the price.
	require.Zero(t, f.r.Manage(f.alice, &types.MsgUpdateListing{Seller: f.bakery.String(), ListingId: bread, UnitPrice: math.NewInt(6_000_000), Stock: ""}).Code)
	require.Equal(t, int64(6_000_000), f.listing(bread).UnitPrice.Int64())
	require.Equal(t, uint64(10), f.listing(bread).Stock)
	require.Zero(t, f.r.Manage(f.alice, &types.MsgUpdateListing{Seller: f.bakery.String(), ListingId: bread, Stock: "25"}).Code)
	require.Equal(t, int64(6_000_000), f.listing(bread).UnitPrice.Int64())
	require.Equal(t, uint64(25), f.listing(bread).Stock)

	// Delisted: gone from the list, kept for its orders, cannot be bought or updated.
	require.Zero(t, f.r.Manage(f.alice, &types.MsgDelist{Seller: f.bakery.String(), ListingId: bread}).Code)
	require.Equal(t, 1, count(&types.QueryListingsRequest{Seller: f.bakery.String()}))
	require.False(t, f.listing(bread).Active)
	region.RequireError(t, types.ErrUnknownListing, r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: bread, Quantity: 1}))
	region.RequireError(t, types.ErrUnknownListing, f.r.Manage(f.alice, &types.MsgUpdateListing{Seller: f.bakery.String(), ListingId: bread, Stock: "1"}))
}

// TestPurchaseBadInput: each bad purchase fails with its registered error and moves nothing.
func TestPurchaseBadInput(t *testing.T) {
	f := setup(t)
	r := f.r
	bread := f.list(f.alice, f.bakery, 5_000_000, "2")
	delisted := f.list(f.alice, f.bakery, 5_000_000, "2")
	require.Zero(t, f.r.Manage(f.alice, &types.MsgDelist{Seller: f.bakery.String(), ListingId: delisted}).Code)
	huge := math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 190)) // 2^190 ursc a unit
	require.Zero(t, f.r.Manage(f.alice, &types.MsgCreateListing{Seller: f.bakery.String(), Kind: types.LISTING_KIND_SERVICE,
		Name: "Everything", Unit: "lot", UnitPrice: huge, Stock: "unlimited"}).Code)
	priceless, err := f.r.App.MarketKeeper.ListingSeq.Peek(r.Ctx())
	require.NoError(t, err)
	_, err = f.q.Quote(r.Ctx(), &types.QueryQuoteRequest{ListingId: priceless, Quantity: 1 << 20})
	require.ErrorIs(t, err, types.ErrOverflow, "a quote too large is a registered error, not a panic")
	cases := []struct {
		name string
		run  func() *abciResult
		err  *errorsmod.Error
	}{
		{"zero quantity", func() *abciResult {
			return r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: bread, Quantity: 0})
		}, types.ErrInvalidQuantity},
		{"unknown listing", func() *abciResult {
			return r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: 404, Quantity: 1})
		}, types.ErrUnknownListing},
		{"delisted", func() *abciResult {
			return r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: delisted, Quantity: 1})
		}, types.ErrUnknownListing},
		{"over the stock", func() *abciResult {
			return r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: bread, Quantity: 3})
		}, types.ErrOutOfStock},
		{"buying from oneself", func() *abciResult {
			return f.r.Manage(f.alice, &types.MsgPurchase{Buyer: f.bakery.String(), ListingId: bread, Quantity: 1})
		}, types.ErrSelfPurchase},
		{"not enough money", func() *abciResult {
			return r.Deliver(f.erin, &types.MsgPurchase{Buyer: f.erin.String(), ListingId: bread, Quantity: 1})
		}, types.ErrInsufficientFund},
		{"a company without money", func() *abciResult {
			return f.r.Manage(f.carol, &types.MsgPurchase{Buyer: f.mill.String(), ListingId: bread, Quantity: 1})
		}, types.ErrInsufficientFund},
		{"price x quantity beyond any region's money", func() *abciResult {
			return r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: priceless, Quantity: 1 << 20})
		}, types.ErrOverflow},
		{"price above the buyer's maximum", func() *abciResult {
			return r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: bread, Quantity: 1, MaxUnitPrice: math.NewInt(4_999_999)})
		}, types.ErrPriceAboveMax},
	}
	supply := r.App.BankKeeper.GetSupply(r.Ctx(), app.Denom)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seller, treasury := r.Balance(f.bakery), r.Balance(f.treasury)
			region.RequireError(t, c.err, c.run())
			require.Equal(t, seller, r.Balance(f.bakery))
			require.Equal(t, treasury, r.Balance(f.treasury))
			require.Equal(t, uint64(2), f.listing(bread).Stock)
		})
	}
	require.Equal(t, supply, r.App.BankKeeper.GetSupply(r.Ctx(), app.Denom))
	// The bank, the treasury and the assembly do not buy.
	result, logs := r.Decide(f.bank.String(), []region.Account{f.alice, f.bob}, &types.MsgPurchase{Buyer: f.bank.String(), ListingId: bread, Quantity: 1})
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
	require.Contains(t, logs, types.ErrBuyerNotAllowed.Error())
	f.invariantsHold()
}

// TestCompanyPurchaseApproval: a company buys inputs from another, the legal company-to-
// company route, and the order records who approved it: the proposal of its workers, or
// the manager who ran it with an authz grant.
func TestCompanyPurchaseApproval(t *testing.T) {
	f := setup(t)
	r := f.r
	flour := f.list(f.carol, f.mill, 900_000, "1000")
	f.fund(f.bakery, 100_000_000)

	require.Zero(t, f.r.Manage(f.alice, &types.MsgPurchase{Buyer: f.bakery.String(), ListingId: flour, Quantity: 10}).Code)
	o := f.lastOrder()
	require.Equal(t, f.bakery.String(), o.Buyer)
	require.Equal(t, &membershiptypes.Approval{Manager: f.alice.String()}, o.Approval)

	id := r.Propose(f.bob, f.bakery.String(), &types.MsgPurchase{Buyer: f.bakery.String(), ListingId: flour, Quantity: 20})
	r.Vote(id, group.VOTE_OPTION_YES, f.alice, f.bob)
	result, logs := r.Exec(id, f.bob)
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
	o = f.lastOrder()
	require.Equal(t, uint64(20), o.Quantity)
	require.Equal(t, &membershiptypes.Approval{ProposalId: id}, o.Approval)

	// A plain send between the two companies is still refused (in a cache: the bank keeper
	// debits before it applies the send restriction, and a tx would be rolled back).
	cache, _ := r.Ctx().CacheContext()
	require.ErrorIs(t, r.App.BankKeeper.SendCoins(cache, f.bakery, f.mill, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1))), membershiptypes.ErrDirectTransfer)
	b := f.books(f.bakery)
	require.Equal(t, int64(30*900_000*105/100), b.Books.InputCosts.Int64())
	require.Equal(t, int64(100_000_000-30*900_000*105/100), b.Balance.Int64())
	f.invariantsHold()
}

// TestAtCost: a regional company's listing sells at its unit cost. In the first costing
// period it sells at its opening price while its costs (inputs bought, wages earned) and
// units sold are gathered; from the next period on, at ceil(costs / units). A period
// without sales carries its costs forward. Its price cannot be set by hand.
func TestAtCost(t *testing.T) {
	f := setup(t)
	r := f.r
	ride := f.list(f.alice, f.transit, 2_000_000, "unlimited")
	require.True(t, f.listing(ride).AtCost)
	region.RequireError(t, types.ErrAtCost, f.r.Manage(f.alice, &types.MsgUpdateListing{Seller: f.transit.String(), ListingId: ride, UnitPrice: math.NewInt(1)}))
	require.Zero(t, f.r.Manage(f.alice, &types.MsgUpdateListing{Seller: f.transit.String(), ListingId: ride, Stock: "unlimited"}).Code, "stock may change")

	// Period 1: fuel bought from the Mill, wages earned, 3 rides sold at the opening price.
	fuel := f.list(f.carol, f.mill, 1_000_000, "100")
	f.fund(f.transit, 50_000_000)
	require.Zero(t, f.r.Manage(f.alice, &types.MsgPurchase{Buyer: f.transit.String(), ListingId: fuel, Quantity: 10}).Code)
	require.NoError(t, r.App.MarketKeeper.BookWages(r.Ctx(), f.transit, math.NewInt(4_000_001)))
	for range 3 {
		require.Zero(t, r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: ride, Quantity: 1}).Code)
		require.Equal(t, int64(2_000_000), f.lastOrder().UnitPrice.Int64())
	}
	costs := int64(10_500_000 + 4_000_001) // fuel with 5% tax, and wages
	b := f.books(f.transit).Books
	require.Equal(t, costs, b.PeriodCosts.Int64())
	require.Equal(t, uint64(3), b.PeriodUnits)

	// Period 2: the price is the first period's cost per ride, rounded up.
	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(t, err)
	r.At(r.Time.Add(params.DividendPeriod))
	unitCost := (costs + 2) / 3
	require.Equal(t, unitCost, f.listing(ride).UnitPrice.Int64(), "the listing shows the price in force")
	require.Equal(t, unitCost, f.books(f.transit).AtCostPrice.Int64())
	before := r.Balance(f.dave.Addr)
	require.Zero(t, r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: ride, Quantity: 2}).Code)
	require.Equal(t, unitCost, f.lastOrder().UnitPrice.Int64())
	amount := 2 * unitCost
	require.Equal(t, before.SubRaw(amount+amount*8/100), r.Balance(f.dave.Addr))

	// Period 2 also costs 7 of wages: it closes with 2 rides, so period 3 prices at ceil(7/2).
	// Period 3 costs 7 and sells nothing: period 4 carries its costs and keeps the price.
	require.NoError(t, r.App.MarketKeeper.BookWages(r.Ctx(), f.transit, math.NewInt(7)))
	r.At(r.Time.Add(params.DividendPeriod))
	require.NoError(t, r.App.MarketKeeper.BookWages(r.Ctx(), f.transit, math.NewInt(7)))
	r.At(r.Time.Add(params.DividendPeriod))
	require.Equal(t, int64(4), f.listing(ride).UnitPrice.Int64())
	r.At(r.Time.Add(params.DividendPeriod))
	b = f.books(f.transit).Books
	require.Equal(t, int64(7), b.PeriodCosts.Int64(), "a period without sales carries its costs")
	require.Equal(t, int64(4), b.UnitCost.Int64())

	books := f.books(f.transit)
	require.Equal(t, int64(3*2_000_000+amount), books.Books.Revenue.Int64())
	require.Equal(t, int64(10_500_000), books.Books.InputCosts.Int64())
	require.Equal(t, int64(4_000_001+14), books.Books.WageCosts.Int64())
	require.Equal(t, r.Balance(f.transit), books.Balance)
	f.invariantsHold()
}

// TestOrdersReconcileInvariant breaks when the books disagree with the orders.
func TestOrdersReconcileInvariant(t *testing.T) {
	f := setup(t)
	listing := f.list(f.alice, f.bakery, 1_000, "unlimited")
	require.Zero(t, f.r.Deliver(f.dave, &types.MsgPurchase{Buyer: f.dave.String(), ListingId: listing, Quantity: 2}).Code)
	f.invariantsHold()
	k := f.r.App.MarketKeeper
	ctx := f.r.Ctx()
	b, err := k.Books.Get(ctx, f.bakery)
	require.NoError(t, err)
	b.Revenue = b.Revenue.AddRaw(1)
	require.NoError(t, k.Books.Set(ctx, f.bakery, b))
	_, broken := keeper.OrdersReconcileInvariant(k)(ctx)
	require.True(t, broken)
}

// TestBooksQueryBadInput: a bad address is a registered error.
func TestBooksQueryBadInput(t *testing.T) {
	f := setup(t)
	_, err := f.q.Books(f.r.Ctx(), &types.QueryBooksRequest{Company: "nope"})
	require.ErrorIs(t, err, types.ErrInvalidAddress)
	_, err = f.q.Order(f.r.Ctx(), &types.QueryOrderRequest{Id: 9})
	require.ErrorIs(t, err, types.ErrUnknownOrder)
	_, err = f.q.Listing(f.r.Ctx(), &types.QueryListingRequest{Id: 9})
	require.ErrorIs(t, err, types.ErrUnknownListing)
}
