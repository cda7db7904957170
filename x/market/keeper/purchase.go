package keeper

import (
	"context"
	"strconv"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// order is a purchase to run.
type order struct {
	// buyer is recorded on the order; payer is the account that pays (the buyer, or the
	// account a purchase over IBC arrived in).
	buyer        string
	payer        sdk.AccAddress
	listingID    uint64
	quantity     uint64
	maxUnitPrice math.Int
	// external buyers pay the external sales tax; a company buyer books an input cost.
	external, company bool
	denom             string
	approval          *membershiptypes.Approval
	channel           string
	// total, when set (a purchase over IBC), is what arrived: it must be the exact total.
	total math.Int
}

// Buyer classifies a local buyer: a member, a company or a regional company buys inside the
// region (the internal sales tax); a non-member person, or an account the region has not
// registered, buys from outside it (the external rate). The bank, the treasury and the
// assembly do not buy.
func (k Keeper) Buyer(ctx context.Context, addr sdk.AccAddress) (external, company bool, err error) {
	agent, found, err := k.membership.FindAgent(ctx, addr)
	if err != nil {
		return false, false, err
	}
	if !found {
		return true, false, nil
	}
	if agent.Kind == membershiptypes.AGENT_KIND_PERSON || agent.Kind.IsCompany() {
		return !agent.InRegion(), agent.Kind.IsCompany(), nil
	}
	return false, false, errorsmod.Wrapf(types.ErrBuyerNotAllowed, "%s is the %s", agent.Address, agent.Kind.Label())
}

func taxRate(p gptypes.Params, external bool) math.LegacyDec {
	if external {
		return p.ExternalSalesTaxRate
	}
	return p.InternalSalesTaxRate
}

// purchase runs a purchase: the buyer pays price x quantity to the seller and the sales tax
// to the treasury in one transfer; the stock goes down; the order is stored; the seller's
// revenue and a company buyer's input costs are booked.
func (k Keeper) purchase(ctx context.Context, o order) (types.Order, error) {
	if o.quantity == 0 {
		return types.Order{}, types.ErrInvalidQuantity
	}
	l, err := k.Listing(ctx, o.listingID)
	if err != nil {
		return types.Order{}, err
	}
	if !l.Active {
		return types.Order{}, errorsmod.Wrapf(types.ErrUnknownListing, "%d was delisted", l.Id)
	}
	seller, err := k.address(l.Seller, "seller")
	if err != nil {
		return types.Order{}, err
	}
	if seller.Equals(o.payer) {
		return types.Order{}, types.ErrSelfPurchase
	}
	if !l.Unlimited && o.quantity > l.Stock {
		return types.Order{}, errorsmod.Wrapf(types.ErrOutOfStock, "%d %s wanted, %d left", o.quantity, l.Unit, l.Stock)
	}
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return types.Order{}, err
	}
	sellerBooks, err := k.openBooks(ctx, seller, params.DividendPeriod)
	if err != nil {
		return types.Order{}, err
	}
	price, err := k.unitPrice(ctx, l, sellerBooks)
	if err != nil {
		return types.Order{}, err
	}
	if !o.maxUnitPrice.IsNil() && o.maxUnitPrice.IsPositive() && price.GT(o.maxUnitPrice) {
		return types.Order{}, errorsmod.Wrapf(types.ErrPriceAboveMax, "%s > %s", price, o.maxUnitPrice)
	}
	rate := taxRate(params, o.external)
	amount, tax, err := types.Price(price, o.quantity, rate)
	if err != nil {
		return types.Order{}, err
	}
	if !o.total.IsNil() && !o.total.Equal(amount.Add(tax)) {
		return types.Order{}, errorsmod.Wrapf(types.ErrWrongAmount, "sent %s, the total is %s (%s + tax %s)", o.total, amount.Add(tax), amount, tax)
	}
	if !l.Unlimited {
		l.Stock -= o.quantity
		if err := k.Listings.Set(ctx, l.Id, l); err != nil {
			return types.Order{}, err
		}
	}
	sellerBooks.Revenue = sellerBooks.Revenue.Add(amount)
	sellerBooks.UnitsSold += o.quantity
	sellerBooks.PeriodUnits += o.quantity
	if err := k.Books.Set(ctx, seller, sellerBooks); err != nil {
		return types.Order{}, err
	}
	if o.company {
		b, err := k.openBooks(ctx, o.payer, params.DividendPeriod)
		if err != nil {
			return types.Order{}, err
		}
		b.InputCosts = b.InputCosts.Add(amount).Add(tax)
		b.PeriodCosts = b.PeriodCosts.Add(amount).Add(tax)
		if err := k.Books.Set(ctx, o.payer, b); err != nil {
			return types.Order{}, err
		}
	}

	id, err := k.OrderSeq.Next(ctx)
	if err != nil {
		return types.Order{}, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	ord := types.Order{
		Id: id + 1, ListingId: l.Id, Buyer: o.buyer, Seller: l.Seller, Quantity: o.quantity, UnitPrice: price,
		Amount: amount, Tax: tax, TaxRate: rate, External: o.external, Denom: o.denom,
		Height: sdkCtx.BlockHeight(), Time: sdkCtx.BlockTime(), Approval: o.approval, SourceChannel: o.channel,
	}
	if err := k.Orders.Set(ctx, ord.Id, ord); err != nil {
		return types.Order{}, err
	}
	taxRoute := router.SalesTax
	if o.external {
		taxRoute = router.ExternalSalesTax
	}
	if err := k.router.Pay(ctx, router.Payment{
		Route: router.Purchase, From: o.payer, Denom: o.denom,
		Legs:   []router.Leg{{To: seller, Amount: amount}, {Route: taxRoute, To: k.treasury, Amount: tax}},
		Record: func(ctx context.Context) error { return k.recordFlows(ctx, l, ord) },
	}); err != nil {
		if errorsmod.IsOf(err, sdkerrors.ErrInsufficientFunds) {
			return types.Order{}, errorsmod.Wrapf(types.ErrInsufficientFund, "%s%s + tax %s%s: %s", amount, o.denom, tax, o.denom, err)
		}
		return types.Order{}, err
	}
	sdkCtx.EventManager().EmitEvent(PurchaseEvent(ord))
	return ord, nil
}

// recordFlows records a purchase as one economic event: the goods (or service) passing from
// seller to buyer, out of the listing's resource if it has one, valued at what the buyer
// paid, with the RSC that settled it (the price to the seller, the sales tax to the
// treasury) kept in it. A purchase in another region's RSC records it in that denom.
func (k Keeper) recordFlows(ctx context.Context, l types.Listing, o types.Order) error {
	link := valueflowstypes.Link("market/order", o.Id)
	q := math.LegacyNewDecFromInt(math.NewIntFromUint64(o.Quantity))
	paid := math.LegacyNewDecFromInt(o.Amount.Add(o.Tax))
	paidBy := []valueflowstypes.Settlement{{Receiver: l.Seller, Amount: o.Amount, Denom: o.Denom, Note: "price"}}
	if o.Tax.IsPositive() {
		paidBy = append(paidBy, valueflowstypes.Settlement{Receiver: k.treasury.String(), Amount: o.Tax, Denom: o.Denom, Note: "sales tax"})
	}
	if l.ResourceId != 0 {
		return k.flows.Sell(ctx, l.ResourceId, o.Buyer, q, paid, link, paidBy)
	}
	action := valueflowstypes.ACTION_TRANSFER
	if l.Kind == types.LISTING_KIND_SERVICE {
		action = valueflowstypes.ACTION_DELIVER_SERVICE
	}
	_, err := k.flows.Record(ctx, valueflowstypes.EconomicEvent{
		Action: action, Provider: l.Seller, Receiver: o.Buyer, Quantity: q, Unit: l.Unit, Value: paid, Link: link, Note: l.Name, SettledBy: paidBy,
	})
	return err
}

// PurchaseEvent is types.EventPurchase of an order as an ABCI event, exactly as
// EmitTypedEvent would encode it (clients parse it with sdk.ParseTypedEvent), built without
// JSON reflection, which would cost a purchase a fifth of its execution time.
func PurchaseEvent(o types.Order) sdk.Event {
	q := func(s string) string { return `"` + s + `"` }
	return sdk.NewEvent("conductor.market.v1.EventPurchase",
		sdk.NewAttribute("amount", q(o.Amount.String())),
		sdk.NewAttribute("buyer", q(o.Buyer)),
		sdk.NewAttribute("denom", q(o.Denom)),
		sdk.NewAttribute("external", strconv.FormatBool(o.External)),
		sdk.NewAttribute("listing_id", q(strconv.FormatUint(o.ListingId, 10))),
		sdk.NewAttribute("order_id", q(strconv.FormatUint(o.Id, 10))),
		sdk.NewAttribute("quantity", q(strconv.FormatUint(o.Quantity, 10))),
		sdk.NewAttribute("seller", q(o.Seller)),
		sdk.NewAttribute("tax", q(o.Tax.String())),
	)
}
