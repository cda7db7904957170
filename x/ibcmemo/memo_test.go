package ibcmemo_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

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

// TestIBCIsRSC: a packet carries RSC only as the sending region's own ursc or as this region's
// ursc coming home over the same channel; any other path to a token called ursc is not RSC.
func TestIBCIsRSC(t *testing.T) {
	packet := channeltypes.Packet{SourcePort: "transfer", SourceChannel: "channel-3", DestinationPort: "transfer", DestinationChannel: "channel-0"}
	cases := []struct {
		denom string
		rsc   bool
	}{
		{"ursc", true},                                        // the sender's own RSC: a voucher of channel-0 here
		{"transfer/channel-3/ursc", true},                     // this region's RSC coming home: unescrowed as ursc
		{"transfer/channel-9/ursc", false},                    // another chain's "ursc", relayed by the sender
		{"transfer/channel-0/ursc", false},                    // the receiving side's channel, not the sender's
		{"transfer/channel-3/transfer/channel-9/ursc", false}, // home, but as a voucher of a third chain
		{"transfer/channel-3/transfer/channel-0/ursc", false},
		{"other/channel-3/ursc", false},
		{"transfer/channel-3/ursc/x", false},
		{"URSC", false},
		{"ibc/ursc", false},
		{"apple", false},
		{"", false},
	}
	for _, c := range cases {
		t.Run(c.denom, func(t *testing.T) {
			require.Equal(t, c.rsc, ibcmemo.IsRSC(packet, c.denom))
		})
	}
}
