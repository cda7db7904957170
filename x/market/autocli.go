package market

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	marketv1 "github.com/conductor-coop/conductor/api/conductor/market/v1"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// AutoCLIOptions describes the market commands. A company's messages (create-listing,
// update-listing, delist, and its purchases) are signed by its policy account: submit them
// in a group proposal of the company, or have a manager run them with `tx authz exec`.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: marketv1.Query_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Listings", Use: "listings", Short: "List active listings (--seller, --kind product|service, --text)"},
				{RpcMethod: "Listing", Use: "listing [id]", Short: "Show a listing with the price in force", PositionalArgs: modulekit.Positional("id")},
				{RpcMethod: "Quote", Use: "quote [listing-id] [quantity]", Short: "Price a purchase: amount, sales tax, total (--buyer; none: a buyer from another region)", PositionalArgs: modulekit.Positional("listing_id", "quantity")},
				{RpcMethod: "Orders", Use: "orders", Short: "List orders, newest first (--buyer, --seller)"},
				{RpcMethod: "Order", Use: "order [id]", Short: "Show an order", PositionalArgs: modulekit.Positional("id")},
				{RpcMethod: "Books", Use: "books [company]", Short: "Show a company's books: revenue, costs, balance, at-cost price", PositionalArgs: modulekit.Positional("company")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: marketv1.Msg_ServiceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Purchase", Use: "purchase [listing-id] [quantity] --from buyer [--max-unit-price N]", Short: "Buy from a listing: price to the seller, sales tax to the treasury", PositionalArgs: modulekit.Positional("listing_id", "quantity")},
				{RpcMethod: "CreateListing", Use: "create-listing [seller] [kind] [name] [unit] [unit-price] [stock] [description]", Short: `List a product or service; stock is a number or "unlimited" (signed by the company: use --generate-only in a proposal, or authz exec)`, PositionalArgs: modulekit.Positional("seller", "kind", "name", "unit", "unit_price", "stock", "description")},
				{RpcMethod: "UpdateListing", Use: "update-listing [seller] [listing-id] [unit-price] [stock]", Short: `Change a listing's price (0 keeps it) and stock ("" keeps it, a number, or "unlimited") (signed by the company)`, PositionalArgs: modulekit.Positional("seller", "listing_id", "unit_price", "stock")},
				{RpcMethod: "Delist", Use: "delist [seller] [listing-id]", Short: "Withdraw a listing (signed by the company)", PositionalArgs: modulekit.Positional("seller", "listing_id")},
			},
		},
	}
}
