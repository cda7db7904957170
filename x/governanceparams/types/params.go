package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// DefaultParams are a starting point; every region votes its own.
func DefaultParams() Params {
	d := math.LegacyMustNewDecFromStr
	return Params{
		IncomeTaxRate:          d("0.20"),
		InternalSalesTaxRate:   d("0"),
		ExternalSalesTaxRate:   d("0.001"),
		ProfitAtRestTaxRate:    d("0.02"),
		ProfitAtRestDelay:      30 * 24 * time.Hour,
		DividendShare:          d("0.50"),
		DividendPeriod:         30 * 24 * time.Hour,
		PayPeriod:              time.Hour,
		MemberRentMarkup:       d("0"),
		NonMemberRentMarkup:    d("0.10"),
		TuitionShare:           d("0.25"),
		SchoolingPriorityYears: 5,
		WageFactors:            WageFactors{Training: d("0.25"), RegionalNeed: d("0.25"), Stress: d("0.25")},
		MaxPayoutsPerBlock:     200,
		WaitlistThreshold:      50,
		OfferWindow:            7 * 24 * time.Hour,
		ArrearsNoticeAfter:     2,
		ArrearsNoticePeriod:    30 * 24 * time.Hour,
		WithdrawalGrace:        14 * 24 * time.Hour,
	}
}

// Validate checks every field: rates and shares in [0,1], periods positive, limits sane.
func (p Params) Validate() error {
	rates := []struct {
		name string
		v    math.LegacyDec
	}{
		{"income_tax_rate", p.IncomeTaxRate},
		{"internal_sales_tax_rate", p.InternalSalesTaxRate},
		{"external_sales_tax_rate", p.ExternalSalesTaxRate},
		{"profit_at_rest_tax_rate", p.ProfitAtRestTaxRate},
		{"dividend_share", p.DividendShare},
		{"member_rent_markup", p.MemberRentMarkup},
		{"non_member_rent_markup", p.NonMemberRentMarkup},
		{"tuition_share", p.TuitionShare},
		{"wage_factors.training", p.WageFactors.Training},
		{"wage_factors.regional_need", p.WageFactors.RegionalNeed},
		{"wage_factors.stress", p.WageFactors.Stress},
	}
	for _, r := range rates {
		if r.v.IsNil() || r.v.IsNegative() || r.v.GT(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be in [0,1], got %s", r.name, r.v)
		}
	}
	periods := []struct {
		name string
		v    time.Duration
		min  time.Duration
	}{
		{"pay_period", p.PayPeriod, time.Second},
		{"dividend_period", p.DividendPeriod, time.Second},
		{"profit_at_rest_delay", p.ProfitAtRestDelay, 0},
		{"offer_window", p.OfferWindow, time.Second},
		{"arrears_notice_period", p.ArrearsNoticePeriod, time.Second},
		{"withdrawal_grace", p.WithdrawalGrace, 0},
	}
	for _, d := range periods {
		if d.v < d.min {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be at least %s, got %s", d.name, d.min, d.v)
		}
	}
	if p.MaxPayoutsPerBlock == 0 || p.MaxPayoutsPerBlock > 100_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_payouts_per_block must be in [1,100000], got %d", p.MaxPayoutsPerBlock)
	}
	if p.WaitlistThreshold == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "waitlist_threshold must be at least 1")
	}
	if p.ArrearsNoticeAfter > 120 {
		return errorsmod.Wrapf(ErrInvalidParams, "arrears_notice_after must be at most 120 months, got %d", p.ArrearsNoticeAfter)
	}
	if p.SchoolingPriorityYears > 100 {
		return errorsmod.Wrapf(ErrInvalidParams, "schooling_priority_years must be at most 100, got %d", p.SchoolingPriorityYears)
	}
	return nil
}

// DefaultGenesis starts from the default parameters with no recorded change.
func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks the genesis state.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	for i, c := range gs.Changes {
		if c.Id != uint64(i+1) {
			return errorsmod.Wrapf(ErrInvalidParams, "change ids must be 1..n in order, got %d at %d", c.Id, i)
		}
	}
	return nil
}
