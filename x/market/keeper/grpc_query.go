package keeper

import (
	"context"
	"errors"
	"strings"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the market Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

// priced returns l with the price in force.
func (q queryServer) priced(ctx context.Context, l types.Listing) (types.Listing, error) {
	if !l.AtCost {
		return l, nil
	}
	params, err := q.params.GetParams(ctx)
	if err != nil {
		return l, err
	}
	seller, err := q.address(l.Seller, "seller")
	if err != nil {
		return l, err
	}
	b, err := q.openBooks(ctx, seller, params.DividendPeriod)
	if err != nil {
		return l, err
	}
	l.UnitPrice, err = q.unitPrice(ctx, l, b)
	return l, err
}

func (q queryServer) Listings(ctx context.Context, req *types.QueryListingsRequest) (*types.QueryListingsResponse, error) {
	text := strings.ToLower(req.Text)
	match := func(l types.Listing) bool {
		return l.Active && (req.Kind == types.LISTING_KIND_UNSPECIFIED || l.Kind == req.Kind) &&
			(text == "" || strings.Contains(strings.ToLower(l.Name), text) || strings.Contains(strings.ToLower(l.Description), text))
	}
	var (
		list []types.Listing
		page *query.PageResponse
		err  error
	)
	if req.Seller != "" {
		seller, aerr := q.address(req.Seller, "seller")
		if aerr != nil {
			return nil, aerr
		}
		list, page, err = query.CollectionFilteredPaginate(ctx, q.ListingsBySeller, req.Pagination,
			func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (bool, error) {
				l, err := q.Keeper.Listings.Get(ctx, key.K2())
				return err == nil && match(l), err
			},
			func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Listing, error) {
				l, err := q.Keeper.Listings.Get(ctx, key.K2())
				if err != nil {
					return l, err
				}
				return q.priced(ctx, l)
			},
			query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](seller))
	} else {
		list, page, err = query.CollectionFilteredPaginate(ctx, q.Keeper.Listings, req.Pagination,
			func(_ uint64, l types.Listing) (bool, error) { return match(l), nil },
			func(_ uint64, l types.Listing) (types.Listing, error) { return q.priced(ctx, l) })
	}
	return &types.QueryListingsResponse{Listings: list, Pagination: page}, err
}

func (q queryServer) Listing(ctx context.Context, req *types.QueryListingRequest) (*types.QueryListingResponse, error) {
	l, err := q.Keeper.Listing(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	l, err = q.priced(ctx, l)
	return &types.QueryListingResponse{Listing: l}, err
}

func (q queryServer) Quote(ctx context.Context, req *types.QueryQuoteRequest) (*types.QueryQuoteResponse, error) {
	if req.Quantity == 0 {
		return nil, types.ErrInvalidQuantity
	}
	external := true
	if req.Buyer != "" {
		buyer, err := q.address(req.Buyer, "buyer")
		if err != nil {
			return nil, err
		}
		if external, _, err = q.Buyer(ctx, buyer); err != nil {
			return nil, err
		}
	}
	l, err := q.Keeper.Listing(ctx, req.ListingId)
	if err != nil {
		return nil, err
	}
	if l, err = q.priced(ctx, l); err != nil {
		return nil, err
	}
	params, err := q.params.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	rate := taxRate(params, external)
	amount, tax, err := types.Price(l.UnitPrice, req.Quantity, rate)
	if err != nil {
		return nil, err
	}
	return &types.QueryQuoteResponse{UnitPrice: l.UnitPrice, Amount: amount, Tax: tax, TaxRate: rate, External: external, Total: amount.Add(tax)}, nil
}

func (q queryServer) Orders(ctx context.Context, req *types.QueryOrdersRequest) (*types.QueryOrdersResponse, error) {
	if req.Pagination == nil {
		req.Pagination = &query.PageRequest{}
	}
	req.Pagination.Reverse = true
	var (
		list []types.Order
		page *query.PageResponse
		err  error
	)
	// a buyer's or a seller's orders are found by the value flows their purchases recorded
	agent, asSeller := req.Buyer, false
	if req.Buyer == "" && req.Seller != "" {
		if _, err := q.address(req.Seller, "seller"); err != nil {
			return nil, err
		}
		agent, asSeller = req.Seller, true
	}
	switch {
	case agent != "":
		var ids []uint64
		if ids, page, err = q.flows.Linked(ctx, agent, asSeller, "market/order/", req.Pagination); err != nil {
			return nil, err
		}
		for _, id := range ids {
			o, err := q.Keeper.Orders.Get(ctx, id)
			if errors.Is(err, collections.ErrNotFound) {
				continue // folded into its seller's statement, its value flow not yet
			}
			if err != nil {
				return nil, err
			}
			list = append(list, o)
		}
	default:
		list, page, err = query.CollectionPaginate(ctx, q.Keeper.Orders, req.Pagination,
			func(_ uint64, o types.Order) (types.Order, error) { return o, nil })
	}
	res := &types.QueryOrdersResponse{Orders: list, Pagination: page}
	if err == nil && asSeller && len(req.Pagination.Key) == 0 && req.Pagination.Offset == 0 {
		seller, _ := q.address(req.Seller, "seller") // checked above
		res.Statements, err = q.StatementsOf(ctx, seller)
	}
	return res, err
}

func (q queryServer) Order(ctx context.Context, req *types.QueryOrderRequest) (*types.QueryOrderResponse, error) {
	o, err := modulekit.Get(ctx, q.Keeper.Orders, req.Id, types.ErrUnknownOrder)
	if err != nil {
		return nil, err
	}
	return &types.QueryOrderResponse{Order: o}, nil
}

// Books returns a company's books with every line (zero for one its books predate), its
// balance and deficit, and a regional company's at-cost price.
func (q queryServer) Books(ctx context.Context, req *types.QueryBooksRequest) (*types.QueryBooksResponse, error) {
	company, err := q.address(req.Company, "company")
	if err != nil {
		return nil, err
	}
	params, err := q.params.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	b, err := q.openBooks(ctx, company, params.DividendPeriod)
	if err != nil {
		return nil, err
	}
	for _, line := range []*math.Int{&b.Tuition, &b.Refunds, &b.Subsidies} {
		*line = orZero(*line)
	}
	res := &types.QueryBooksResponse{Books: b, Balance: q.bank.GetBalance(ctx, company, membershiptypes.Denom).Amount, Deficit: Deficit(b)}
	// the at-cost price is a regional company's: a worker co-op prices its own listings
	if agent, err := q.membership.GetAgent(ctx, company); err == nil && agent.Kind == membershiptypes.AGENT_KIND_REGIONAL_COMPANY {
		price := b.UnitCost
		res.AtCostPrice, res.Regional = &price, true
	} else if err != nil && !errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return nil, err
	}
	return res, nil
}
