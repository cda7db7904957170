package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the market Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// CreateListing lists a product or service of a company or regional company; a regional
// company's listing sells at cost.
func (m msgServer) CreateListing(ctx context.Context, msg *types.MsgCreateListing) (*types.MsgCreateListingResponse, error) {
	seller, err := m.address(msg.Seller, "seller")
	if err != nil {
		return nil, err
	}
	agent, err := m.membership.GetAgent(ctx, seller)
	if err != nil && !errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return nil, err
	}
	if err != nil || !agent.Kind.IsCompany() {
		return nil, errorsmod.Wrapf(types.ErrNotSeller, "%s is not a company", msg.Seller)
	}
	stock, err := types.ParseStock(msg.Stock, false)
	if err != nil {
		return nil, err
	}
	l := types.Listing{
		Seller: msg.Seller, Kind: msg.Kind, Name: msg.Name, Description: msg.Description, Unit: msg.Unit,
		UnitPrice: msg.UnitPrice, Active: true, AtCost: agent.Kind == membershiptypes.AGENT_KIND_REGIONAL_COMPANY,
		CreatedHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(), ResourceId: msg.ResourceId,
	}
	stock.Apply(&l)
	if err := l.Validate(); err != nil {
		return nil, err
	}
	if l.ResourceId != 0 {
		if err := m.flows.SaleResource(ctx, l.ResourceId, l.Seller, l.Unit); err != nil {
			return nil, err
		}
	}
	id, err := m.ListingSeq.Next(ctx)
	if err != nil {
		return nil, err
	}
	l.Id = id + 1
	if err := m.setListing(ctx, l, seller); err != nil {
		return nil, err
	}
	return &types.MsgCreateListingResponse{ListingId: l.Id}, nil
}

// UpdateListing changes a listing's price (not an at-cost one's) or stock.
func (m msgServer) UpdateListing(ctx context.Context, msg *types.MsgUpdateListing) (*types.MsgUpdateListingResponse, error) {
	l, seller, err := m.ownListing(ctx, msg.Seller, msg.ListingId)
	if err != nil {
		return nil, err
	}
	stock, err := types.ParseStock(msg.Stock, true)
	if err != nil {
		return nil, err
	}
	if !msg.UnitPrice.IsNil() && !msg.UnitPrice.IsZero() {
		if l.AtCost {
			return nil, types.ErrAtCost
		}
		l.UnitPrice = msg.UnitPrice
	}
	stock.Apply(&l)
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return &types.MsgUpdateListingResponse{}, m.setListing(ctx, l, seller)
}

// Delist withdraws a listing; it is kept, inactive, for its orders.
func (m msgServer) Delist(ctx context.Context, msg *types.MsgDelist) (*types.MsgDelistResponse, error) {
	l, seller, err := m.ownListing(ctx, msg.Seller, msg.ListingId)
	if err != nil {
		return nil, err
	}
	l.Active = false
	return &types.MsgDelistResponse{}, m.setListing(ctx, l, seller)
}

// Purchase buys from a listing. A company's purchase records who approved it.
func (m msgServer) Purchase(ctx context.Context, msg *types.MsgPurchase) (*types.MsgPurchaseResponse, error) {
	buyer, err := m.address(msg.Buyer, "buyer")
	if err != nil {
		return nil, err
	}
	external, company, err := m.Buyer(ctx, buyer)
	if err != nil {
		return nil, err
	}
	o := order{
		buyer: msg.Buyer, payer: buyer, listingID: msg.ListingId, quantity: msg.Quantity, maxUnitPrice: msg.MaxUnitPrice,
		external: external, company: company, denom: membershiptypes.Denom,
	}
	if company {
		if o.approval, err = m.membership.Approval(ctx, msg.Buyer, msg); err != nil {
			return nil, err
		}
	}
	ord, err := m.purchase(ctx, o)
	if err != nil {
		return nil, err
	}
	return &types.MsgPurchaseResponse{OrderId: ord.Id, Amount: ord.Amount, Tax: ord.Tax}, nil
}

// ownListing returns an active listing of the signer.
func (m msgServer) ownListing(ctx context.Context, signer string, id uint64) (types.Listing, sdk.AccAddress, error) {
	seller, err := m.address(signer, "seller")
	if err != nil {
		return types.Listing{}, nil, err
	}
	l, err := m.Listing(ctx, id)
	if err != nil {
		return l, nil, err
	}
	if l.Seller != signer {
		return l, nil, errorsmod.Wrapf(types.ErrNotYourListing, "listing %d is %s's", id, l.Seller)
	}
	if !l.Active {
		return l, nil, errorsmod.Wrapf(types.ErrUnknownListing, "%d was delisted", id)
	}
	return l, seller, nil
}

// setListing stores a listing and its seller index, and emits EventListed.
func (k Keeper) setListing(ctx context.Context, l types.Listing, seller sdk.AccAddress) error {
	if err := k.Listings.Set(ctx, l.Id, l); err != nil {
		return err
	}
	if err := k.ListingsBySeller.Set(ctx, collections.Join(seller, l.Id)); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventListed{
		ListingId: l.Id, Seller: l.Seller, UnitPrice: l.UnitPrice, Stock: l.Stock, Unlimited: l.Unlimited, Active: l.Active,
	})
}

// CloseListings delists every listing of a seller (a company wound up in bankruptcy).
func (k Keeper) CloseListings(ctx context.Context, seller sdk.AccAddress) error {
	var open []types.Listing
	err := k.ListingsBySeller.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](seller), func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		l, err := k.Listings.Get(ctx, key.K2())
		if err == nil && l.Active {
			open = append(open, l)
		}
		return false, err
	})
	if err != nil {
		return err
	}
	for _, l := range open {
		l.Active = false
		if err := k.setListing(ctx, l, seller); err != nil {
			return err
		}
	}
	return nil
}
