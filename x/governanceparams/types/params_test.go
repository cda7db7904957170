package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

func TestParamsValidate(t *testing.T) {
	dec := math.LegacyMustNewDecFromStr
	cases := []struct {
		name  string
		edit  func(*types.Params)
		valid bool
	}{
		{"defaults", func(*types.Params) {}, true},
		{"zero rates", func(p *types.Params) { p.IncomeTaxRate, p.InternalSalesTaxRate = dec("0"), dec("0") }, true},
		{"rate of one", func(p *types.Params) { p.DividendShare = dec("1") }, true},
		{"income tax above 1", func(p *types.Params) { p.IncomeTaxRate = dec("1.01") }, false},
		{"income tax negative", func(p *types.Params) { p.IncomeTaxRate = dec("-0.1") }, false},
		{"internal sales tax above 1", func(p *types.Params) { p.InternalSalesTaxRate = dec("2") }, false},
		{"external sales tax negative", func(p *types.Params) { p.ExternalSalesTaxRate = dec("-0.001") }, false},
		{"profit-at-rest rate above 1", func(p *types.Params) { p.ProfitAtRestTaxRate = dec("1.5") }, false},
		{"dividend share above 1", func(p *types.Params) { p.DividendShare = dec("1.000000000000000001") }, false},
		{"member markup negative", func(p *types.Params) { p.MemberRentMarkup = dec("-1") }, false},
		{"non-member markup above 1", func(p *types.Params) { p.NonMemberRentMarkup = dec("3") }, false},
		{"tuition share negative", func(p *types.Params) { p.TuitionShare = dec("-0.5") }, false},
		{"wage factor above 1", func(p *types.Params) { p.WageFactors.Stress = dec("1.1") }, false},
		{"wage factor unset", func(p *types.Params) { p.WageFactors.Training = math.LegacyDec{} }, false},
		{"pay period zero", func(p *types.Params) { p.PayPeriod = 0 }, false},
		{"pay period under a second", func(p *types.Params) { p.PayPeriod = time.Millisecond }, false},
		{"dividend period negative", func(p *types.Params) { p.DividendPeriod = -time.Hour }, false},
		{"profit-at-rest delay negative", func(p *types.Params) { p.ProfitAtRestDelay = -time.Second }, false},
		{"offer window zero", func(p *types.Params) { p.OfferWindow = 0 }, false},
		{"offer window a second", func(p *types.Params) { p.OfferWindow = time.Second }, true},
		{"no payouts per block", func(p *types.Params) { p.MaxPayoutsPerBlock = 0 }, false},
		{"too many payouts per block", func(p *types.Params) { p.MaxPayoutsPerBlock = 100_001 }, false},
		{"schooling years over a century", func(p *types.Params) { p.SchoolingPriorityYears = 101 }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := types.DefaultParams()
			tc.edit(&p)
			err := p.Validate()
			if tc.valid {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, types.ErrInvalidParams)
			}
		})
	}
}
