package ibcmemo_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/x/ibcmemo"
)

func TestParse(t *testing.T) {
	purchase := func(l, q uint64) *ibcmemo.Memo {
		return &ibcmemo.Memo{Purchase: &ibcmemo.Purchase{Listing: l, Quantity: q}}
	}
	pool := func(id uint64) *ibcmemo.Memo { return &ibcmemo.Memo{Pool: &ibcmemo.Pool{ID: id}} }
	cases := []struct {
		memo string
		ok   bool
		want *ibcmemo.Memo // nil: ErrInvalidMemo when ok
	}{
		{memo: "", ok: false},
		{memo: "thanks for the bread", ok: false},
		{memo: `{"forward":{"receiver":"x"}}`, ok: false},
		{memo: `["conductor"]`, ok: false},
		{memo: `{"conductor":{"purchase":{"listing":"7","quantity":"2"}}}`, ok: true, want: purchase(7, 2)},
		{memo: `{"conductor":{"purchase":{"listing":7,"quantity":2}}}`, ok: true, want: purchase(7, 2)},
		{memo: ibcmemo.PurchaseMemo(9, 4), ok: true, want: purchase(9, 4)},
		{memo: `{"conductor":{"pool":{"id":"3"}}}`, ok: true, want: pool(3)},
		{memo: ibcmemo.PoolMemo(12), ok: true, want: pool(12)},
		{memo: `{"conductor":{"purchase":{"listing":"7","quantity":"0"}}}`, ok: true},
		{memo: `{"conductor":{"purchase":{"listing":"7","quantity":"-1"}}}`, ok: true},
		{memo: `{"conductor":{"purchase":{"listing":"7","quantity":"1.5"}}}`, ok: true},
		{memo: `{"conductor":{"purchase":{"listing":"seven","quantity":"1"}}}`, ok: true},
		{memo: `{"conductor":{"purchase":{"listing":"7"}}}`, ok: true},
		{memo: `{"conductor":{"purchase":{"listing":"7","quantity":"1","price":"1"}}}`, ok: true},
		{memo: `{"conductor":{"purchase":{"listing":"18446744073709551616","quantity":"1"}}}`, ok: true},
		{memo: `{"conductor":{"pool":{"id":"0"}}}`, ok: true},
		{memo: `{"conductor":{"pool":{}}}`, ok: true},
		{memo: `{"conductor":{"pool":{"id":"1","to":"x"}}}`, ok: true},
		{memo: `{"conductor":{"pool":{"id":"1"},"purchase":{"listing":"1","quantity":"1"}}}`, ok: true},
		{memo: `{"conductor":{"refund":{}}}`, ok: true},
		{memo: `{"conductor":{}}`, ok: true},
		{memo: `{"conductor":"buy"}`, ok: true},
		{memo: `{"conductor":null}`, ok: true},
	}
	for _, c := range cases {
		t.Run(c.memo, func(t *testing.T) {
			m, ok, err := ibcmemo.Parse(c.memo)
			require.Equal(t, c.ok, ok)
			switch {
			case !c.ok:
				require.NoError(t, err)
			case c.want == nil:
				require.ErrorIs(t, err, ibcmemo.ErrInvalidMemo)
			default:
				require.NoError(t, err)
				require.Equal(t, *c.want, m)
			}
		})
	}
}

// FuzzParse: any memo parses to not-for-Conductor, exactly one action, or ErrInvalidMemo.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "hi", ibcmemo.PoolMemo(1), ibcmemo.PurchaseMemo(7, 2), `{"conductor":{}}`, `{"conductor":{"pool":{"id":1e3}}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, memo string) {
		m, ok, err := ibcmemo.Parse(memo)
		switch {
		case !ok:
			require.NoError(t, err)
		case err != nil:
			require.ErrorIs(t, err, ibcmemo.ErrInvalidMemo)
		default:
			require.True(t, (m.Purchase == nil) != (m.Pool == nil), "exactly one action")
		}
	})
}
