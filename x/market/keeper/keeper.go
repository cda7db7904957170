package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/market/types"
	"github.com/conductor-coop/conductor/x/router"
)

// Keeper holds the listings, the orders and the companies' books, and runs purchases: the
// one route by which money moves from a buyer to a company.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	membership   types.MembershipKeeper
	params       types.ParamsKeeper
	bank         types.BankKeeper
	router       *router.Router
	treasury     sdk.AccAddress
	directory    types.Directory
	flows        types.Flows

	Schema           collections.Schema
	Listings         collections.Map[uint64, types.Listing]
	ListingSeq       collections.Sequence
	ListingsBySeller collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	Orders           collections.Map[uint64, types.Order]
	OrderSeq         collections.Sequence
	Books            collections.Map[sdk.AccAddress, types.Books]
	// Statements are the orders folded out of the state, per seller and month; FoldCursor
	// is the next order id the fold looks at.
	Statements collections.Map[collections.Pair[sdk.AccAddress, uint32], types.Statement]
	FoldCursor collections.Item[uint64]
}

// NewKeeper returns the market keeper; treasury receives the sales tax (books records it).
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec,
	membership types.MembershipKeeper, params types.ParamsKeeper, bank types.BankKeeper, router *router.Router, treasury sdk.AccAddress, directory types.Directory, flows types.Flows,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	addrID := collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)
	k := Keeper{
		cdc: cdc, addressCodec: addressCodec, membership: membership, params: params, bank: bank, router: router, treasury: treasury, directory: directory, flows: flows,
		Listings:         collections.NewMap(sb, types.ListingsKey, "listings", collections.Uint64Key, codec.CollValue[types.Listing](cdc)),
		ListingSeq:       collections.NewSequence(sb, types.ListingSeqKey, "listing_seq"),
		ListingsBySeller: collections.NewKeySet(sb, types.ListingsBySellerKey, "listings_by_seller", addrID),
		Orders:           collections.NewMap(sb, types.OrdersKey, "orders", collections.Uint64Key, codec.CollValue[types.Order](cdc)),
		OrderSeq:         collections.NewSequence(sb, types.OrderSeqKey, "order_seq"),
		Books:            collections.NewMap(sb, types.BooksKey, "books", sdk.AccAddressKey, codec.CollValue[types.Books](cdc)),
		Statements: collections.NewMap(sb, types.StatementsKey, "statements",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint32Key), codec.CollValue[types.Statement](cdc)),
		FoldCursor: collections.NewItem(sb, types.FoldCursorKey, "fold_cursor", collections.Uint64Value),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

// Listing returns a listing, active or not, or ErrUnknownListing.
func (k Keeper) Listing(ctx context.Context, id uint64) (types.Listing, error) {
	return modulekit.Get(ctx, k.Listings, id, types.ErrUnknownListing)
}

// books returns a company's books, new ones (a costing period starting now) if it has none.
func (k Keeper) books(ctx context.Context, company sdk.AccAddress) (types.Books, error) {
	b, err := k.Books.Get(ctx, company)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Books{
			Company: company.String(), Revenue: math.ZeroInt(), InputCosts: math.ZeroInt(), WageCosts: math.ZeroInt(),
			PeriodStart: sdk.UnwrapSDKContext(ctx).BlockTime(), PeriodCosts: math.ZeroInt(), UnitCost: math.ZeroInt(),
		}, nil
	}
	return b, err
}
