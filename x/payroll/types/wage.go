package types

import (
	"sort"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
)

// Validate checks an occupation: a name, 0 < min <= max, factor levels in [0,1].
func (o Occupation) Validate() error {
	if o.Name == "" || len(o.Name) > 64 {
		return errorsmod.Wrapf(ErrInvalidOccupation, "name %q must have 1 to 64 characters", o.Name)
	}
	if o.MinWage.IsNil() || o.MaxWage.IsNil() || !o.MinWage.IsPositive() || o.MaxWage.LT(o.MinWage) {
		return errorsmod.Wrapf(ErrInvalidOccupation, "wage range [%s, %s] must have 0 < min <= max", o.MinWage, o.MaxWage)
	}
	for _, l := range []math.LegacyDec{o.Training, o.RegionalNeed, o.Stress} {
		if l.IsNil() || l.IsNegative() || l.GT(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidOccupation, "factor levels must be in [0,1], got %s", l)
		}
	}
	return nil
}

// FactorShare is f = min(1, training weight x training level + need weight x need level +
// stress weight x stress level): the share of the wage range the region grants an occupation
// for what it demands, whatever the worker's productivity.
func (o Occupation) FactorShare(w gptypes.WageFactors) math.LegacyDec {
	f := w.Training.Mul(o.Training).Add(w.RegionalNeed.Mul(o.RegionalNeed)).Add(w.Stress.Mul(o.Stress))
	return math.LegacyMinDec(f, math.LegacyOneDec())
}

// Wage places an hourly wage in the occupation's range:
//
//	wage = min + (max - min) x (f + (1 - f) x p)
//
// where f is the FactorShare and p in [0,1] the worker's productivity (the median of the
// co-workers' ratings). Rounded down to the ursc. p = 0 gives the floor, the least wage the
// occupation pays in this region; p = 1 gives max.
func (o Occupation) Wage(w gptypes.WageFactors, p math.LegacyDec) math.Int {
	f := o.FactorShare(w)
	share := f.Add(math.LegacyOneDec().Sub(f).Mul(p))
	return o.MinWage.Add(share.MulInt(o.MaxWage.Sub(o.MinWage)).TruncateInt())
}

// CheckWage returns ErrWageOutOfRange unless wage is between the occupation's floor and max.
func (o Occupation) CheckWage(w gptypes.WageFactors, wage math.Int) error {
	floor := o.Wage(w, math.LegacyZeroDec())
	if wage.IsNil() || wage.LT(floor) || wage.GT(o.MaxWage) {
		return errorsmod.Wrapf(ErrWageOutOfRange, "%s is not in [%s, %s] for %q", wage, floor, o.MaxWage, o.Name)
	}
	return nil
}

// Median returns the median of ratings (the mean of the middle two for an even count).
func Median(ratings []math.LegacyDec) math.LegacyDec {
	if len(ratings) == 0 {
		return math.LegacyZeroDec()
	}
	sorted := append([]math.LegacyDec(nil), ratings...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].LT(sorted[j]) })
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return sorted[mid-1].Add(sorted[mid]).QuoInt64(2)
}

// Pay splits the pay for hours of work at an hourly wage, plus the carried fraction: gross
// is rounded down to the ursc and the remainder carried to the next pay; tax is rounded down
// (in the worker's favour); net = gross - tax exactly.
func Pay(wage math.Int, hours, carry, taxRate math.LegacyDec) (gross, tax, net math.Int, newCarry math.LegacyDec) {
	exact := hours.MulInt(wage).Add(carry)
	gross = exact.TruncateInt()
	newCarry = exact.Sub(math.LegacyNewDecFromInt(gross))
	tax = taxRate.MulInt(gross).TruncateInt()
	return gross, tax, gross.Sub(tax), newCarry
}
