package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/market/types"
)

// RegisterInvariants registers the market invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "orders-reconcile", OrdersReconcileInvariant(k))
	ir.RegisterRoute(types.ModuleName, "intake-empty", IntakeEmptyInvariant(k))
}

// OrdersReconcileInvariant: each order's amount is its unit price x quantity and its tax the
// rate's share rounded down; each seller's books show as revenue exactly what its orders
// (those in state and those folded into its statements) say it received, and as units sold
// their quantities; and every order behind the fold cursor is folded.
func OrdersReconcileInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "orders-reconcile", s) }
		type sales struct {
			amount math.Int
			units  uint64
		}
		bySeller := map[string]*sales{}
		var broken string
		add := func(seller string, amount math.Int, units uint64) {
			s, ok := bySeller[seller]
			if !ok {
				s = &sales{amount: math.ZeroInt()}
				bySeller[seller] = s
			}
			s.amount, s.units = s.amount.Add(amount), s.units+units
		}
		cursor, _ := k.FoldCursor.Get(ctx)
		err := k.Orders.Walk(ctx, nil, func(_ uint64, o types.Order) (bool, error) {
			if o.Id < cursor {
				broken = fmt.Sprintf("order %d is behind the fold cursor %d", o.Id, cursor)
				return true, nil
			}
			amount, tax, err := types.Price(o.UnitPrice, o.Quantity, o.TaxRate)
			if err != nil || !amount.Equal(o.Amount) || !tax.Equal(o.Tax) {
				broken = fmt.Sprintf("order %d: %s x %d at %s is %s + %s, recorded %s + %s", o.Id, o.UnitPrice, o.Quantity, o.TaxRate, amount, tax, o.Amount, o.Tax)
				return true, nil
			}
			add(o.Seller, o.Amount, o.Quantity)
			return false, nil
		})
		if err == nil && broken == "" {
			err = k.Statements.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, uint32], st types.Statement) (bool, error) {
				for _, l := range st.Lines {
					add(st.Seller, l.Amount, l.Units)
				}
				return false, nil
			})
		}
		if err == nil && broken == "" {
			err = k.Books.Walk(ctx, nil, func(_ sdk.AccAddress, b types.Books) (bool, error) {
				s, ok := bySeller[b.Company]
				if !ok {
					s = &sales{amount: math.ZeroInt()}
				}
				if !s.amount.Equal(b.Revenue) || s.units != b.UnitsSold {
					broken = fmt.Sprintf("%s: orders sum to %s (%d units), books say %s (%d units)", b.Company, s.amount, s.units, b.Revenue, b.UnitsSold)
					return true, nil
				}
				delete(bySeller, b.Company)
				return false, nil
			})
		}
		switch {
		case err != nil:
			return msg(err.Error()), true
		case broken != "":
			return msg(broken), true
		case len(bySeller) > 0:
			return msg(fmt.Sprintf("%d sellers have orders but no books", len(bySeller))), true
		}
		return msg("ok"), false
	}
}

// IntakeEmptyInvariant: a purchase over IBC spends exactly what arrived, so the account
// purchases arrive in holds nothing between transactions.
func IntakeEmptyInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg := func(s string) string { return sdk.FormatInvariant(types.ModuleName, "intake-empty", s) }
		if held := k.bank.GetAllBalances(ctx, types.IntakeAddress); !held.IsZero() {
			return msg(fmt.Sprintf("the IBC intake holds %s", held)), true
		}
		return msg("ok"), false
	}
}
