package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Debt is rent a tenant owes on a lease, to the agency that keeps the unit.
type Debt struct {
	LeaseID uint64
	Agency  sdk.AccAddress
	Amount  math.Int
}

// Cost is a unit's monthly cost: property tax + maintenance + administration.
func (u Unit) Cost() math.Int {
	return u.PropertyTax.Add(u.Maintenance).Add(u.Administration)
}

// Rent splits a unit's rent: cost, and markup = cost x the member's or non-member's markup,
// rounded down (in the tenant's favour); rent = cost + markup.
func (u Unit) Rent(markup math.LegacyDec) (cost, above math.Int) {
	cost = u.Cost()
	return cost, markup.MulInt(cost).TruncateInt()
}

// Validate checks a unit's description and costs.
func (u Unit) Validate() error {
	switch {
	case u.Kind != UNIT_KIND_APARTMENT && u.Kind != UNIT_KIND_FACILITY && u.Kind != UNIT_KIND_EQUIPMENT:
		return errorsmod.Wrapf(ErrInvalidUnit, "kind must be apartment, facility or equipment, got %s", u.Kind)
	case u.Name == "" || len(u.Name) > 64:
		return errorsmod.Wrapf(ErrInvalidUnit, "name %q must have 1 to 64 characters", u.Name)
	case len(u.Location) > 64:
		return errorsmod.Wrap(ErrInvalidUnit, "location must have at most 64 characters")
	case u.Area == 0:
		return errorsmod.Wrap(ErrInvalidUnit, "area must be positive")
	}
	for name, v := range map[string]math.Int{"property tax": u.PropertyTax, "maintenance": u.Maintenance, "administration": u.Administration} {
		if v.IsNil() || v.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidUnit, "%s must not be negative", name)
		}
	}
	if !u.Cost().IsPositive() {
		return errorsmod.Wrap(ErrInvalidUnit, "a unit costs something a month")
	}
	return nil
}

// ForPersons tells whether units of this kind are homes (persons) rather than facilities
// or equipment (companies).
func (k UnitKind) ForPersons() bool { return k == UNIT_KIND_APARTMENT }
