package types

import (
	"math/bits"
	"strconv"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Unlimited is the stock of a service, or of a product a company makes to order.
const Unlimited = "unlimited"

// Stock is a parsed stock argument: keep the stock (update only), unlimited, or a number.
type Stock struct {
	Keep, Unlimited bool
	Units           uint64
}

// ParseStock reads a stock argument: "unlimited", a number of units, or "" (keep, only
// allowed when updating).
func ParseStock(s string, update bool) (Stock, error) {
	switch s {
	case "":
		if !update {
			return Stock{}, errorsmod.Wrap(ErrInvalidListing, `stock is required: a number of units or "unlimited"`)
		}
		return Stock{Keep: true}, nil
	case Unlimited:
		return Stock{Unlimited: true}, nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return Stock{}, errorsmod.Wrapf(ErrInvalidListing, `stock %q must be a number of units or "unlimited"`, s)
	}
	return Stock{Units: n}, nil
}

// Apply sets the stock of l.
func (s Stock) Apply(l *Listing) {
	if !s.Keep {
		l.Stock, l.Unlimited = s.Units, s.Unlimited
	}
}

// Validate checks a listing's descriptive fields and price.
func (l Listing) Validate() error {
	switch {
	case l.Kind != LISTING_KIND_PRODUCT && l.Kind != LISTING_KIND_SERVICE:
		return errorsmod.Wrapf(ErrInvalidListing, "kind must be product or service, got %s", l.Kind)
	case l.Name == "" || len(l.Name) > 64:
		return errorsmod.Wrapf(ErrInvalidListing, "name %q must have 1 to 64 characters", l.Name)
	case len(l.Description) > 512:
		return errorsmod.Wrap(ErrInvalidListing, "description must have at most 512 characters")
	case l.Unit == "" || len(l.Unit) > 32:
		return errorsmod.Wrapf(ErrInvalidListing, "unit %q must have 1 to 32 characters", l.Unit)
	case l.UnitPrice.IsNil() || !l.UnitPrice.IsPositive():
		return errorsmod.Wrapf(ErrInvalidListing, "unit price %s must be positive", l.UnitPrice)
	}
	return nil
}

// Price is what a purchase of quantity units at unitPrice costs: amount = unitPrice x
// quantity goes to the seller, tax = amount x rate rounded down to the ursc (in the buyer's
// favour) goes to the treasury; the buyer pays amount + tax, exactly. An amount of more than
// maxAmountBits bits (far above any region's money, and low enough that the tax's decimal
// arithmetic cannot overflow) is ErrOverflow.
func Price(unitPrice math.Int, quantity uint64, rate math.LegacyDec) (amount, tax math.Int, err error) {
	if unitPrice.IsNil() || unitPrice.BigIntMut().BitLen()+bits.Len64(quantity) > maxAmountBits {
		return math.ZeroInt(), math.ZeroInt(), errorsmod.Wrapf(ErrOverflow, "%s x %d", unitPrice, quantity)
	}
	amount = unitPrice.Mul(math.NewIntFromUint64(quantity))
	return amount, rate.MulInt(amount).TruncateInt(), nil
}

const maxAmountBits = 192
