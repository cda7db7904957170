package types

import (
	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
)

const (
	// ModuleName is the market module's name and store key.
	ModuleName = "market"
	// StoreKey is the market module's store key.
	StoreKey = ModuleName
)

var (
	ListingsKey         = collections.NewPrefix(0)
	ListingSeqKey       = collections.NewPrefix(1)
	ListingsBySellerKey = collections.NewPrefix(2)
	OrdersKey           = collections.NewPrefix(3)
	OrderSeqKey         = collections.NewPrefix(4)
	BooksKey            = collections.NewPrefix(7)
	StatementsKey       = collections.NewPrefix(8)
	FoldCursorKey       = collections.NewPrefix(9)
)

// IntakeAddress is the account a purchase from another region arrives in (as the ICS-20
// receiver) before the market pays the seller and the treasury from it, in the same
// transaction. It is not a module account, so ICS-20 may credit it.
var IntakeAddress = sdk.AccAddress(address.Module(ModuleName, []byte("ibc-intake")))
