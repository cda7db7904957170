package cmd

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	governanceparamstypes "github.com/conductor-coop/conductor/x/governanceparams/types"
)

func TestEditParams(t *testing.T) {
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	cases := []struct {
		name  string
		pairs []string
		want  func(governanceparamstypes.Params) bool
		err   bool
	}{
		{"a rate", []string{"income_tax_rate=0.25"}, func(p governanceparamstypes.Params) bool { return p.IncomeTaxRate.String() == "0.250000000000000000" }, false},
		{"a period and a count", []string{"pay_period=60s", "schooling_priority_years=3"}, func(p governanceparamstypes.Params) bool {
			return p.PayPeriod == time.Minute && p.SchoolingPriorityYears == 3
		}, false},
		{"others keep their values", []string{"dividend_share=0.6"}, func(p governanceparamstypes.Params) bool {
			return p.IncomeTaxRate.Equal(governanceparamstypes.DefaultParams().IncomeTaxRate)
		}, false},
		{"a rate above one", []string{"income_tax_rate=1.5"}, nil, true},
		{"an unknown key", []string{"wealth_tax=0.1"}, nil, true},
		{"no value", []string{"income_tax_rate"}, nil, true},
		{"not a number", []string{"income_tax_rate=lots"}, nil, true},
		{"a zero pay period", []string{"pay_period=0s"}, nil, true},
		{"the offer window", []string{"offer_window=48h"}, func(p governanceparamstypes.Params) bool { return p.OfferWindow == 48*time.Hour }, false},
		{"a zero offer window", []string{"offer_window=0s"}, nil, true},
		{"a nested field", []string{"retention.window=30s"}, nil, true}, // under a minute
		{"the retention", []string{"retention.window=720h", "retention.max_folds_per_block=50"}, func(p governanceparamstypes.Params) bool {
			return p.Retention.Window == 30*24*time.Hour && p.Retention.MaxFoldsPerBlock == 50
		}, false},
		{"an unknown nested field", []string{"retention.forever=true"}, nil, true},
		{"a field of a scalar", []string{"pay_period.seconds=3"}, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := governanceparamstypes.DefaultParams()
			err := editParams(cdc, &p, tc.pairs)
			if tc.err {
				require.ErrorIs(t, err, governanceparamstypes.ErrInvalidParams)
				return
			}
			require.NoError(t, err)
			require.True(t, tc.want(p))
		})
	}
}
