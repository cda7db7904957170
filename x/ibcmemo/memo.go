// Package ibcmemo reads the ICS-20 memos that route a transfer into a Conductor action on the
// receiving region, names the denom a packet's tokens have there, and tells real RSC from
// a token that only calls itself "ursc".
package ibcmemo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	errorsmod "cosmossdk.io/errors"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// Codespace is the codespace of this package's errors (in error acknowledgements).
const Codespace = "ibcmemo"

// ErrInvalidMemo is a "conductor" memo that does not name one action exactly.
var ErrInvalidMemo = errorsmod.Register(Codespace, 2, "invalid conductor memo")

// Memo is the action a transfer's memo asks of the receiving region; exactly one is set:
//
//	{"conductor":{"purchase":{"listing":"7","quantity":"2"}}}   buy from a listing (x/market)
//	{"conductor":{"pool":{"id":"3"}}}                           contribute to a pool (x/federation)
type Memo struct {
	Purchase *Purchase
	Pool     *Pool
}

// Purchase buys quantity units of a listing.
type Purchase struct {
	Listing  uint64
	Quantity uint64
}

// Pool contributes the transfer to a pool.
type Pool struct {
	ID uint64
}

type actions struct {
	Purchase *struct {
		Listing  json.Number `json:"listing"`
		Quantity json.Number `json:"quantity"`
	} `json:"purchase"`
	Pool *struct {
		ID json.Number `json:"id"`
	} `json:"pool"`
}

const usage = `expected {"conductor":{"purchase":{"listing":"<id>","quantity":"<n>"}}} or {"conductor":{"pool":{"id":"<id>"}}}`

// Parse reads an ICS-20 memo. A memo that is not a JSON object with a "conductor" key is not
// for Conductor (ok false): the transfer is a plain one. A "conductor" memo that does not
// name exactly one action, exactly, is ErrInvalidMemo.
func Parse(memo string) (m Memo, ok bool, err error) {
	var top map[string]json.RawMessage
	if json.Unmarshal([]byte(memo), &top) != nil {
		return m, false, nil
	}
	raw, ok := top["conductor"]
	if !ok {
		return m, false, nil
	}
	var a actions
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(&a); err != nil {
		return m, true, errorsmod.Wrap(ErrInvalidMemo, err.Error())
	}
	switch {
	case a.Purchase != nil && a.Pool == nil:
		p := &Purchase{}
		if p.Listing, err = positive(a.Purchase.Listing, "listing"); err != nil {
			return m, true, err
		}
		if p.Quantity, err = positive(a.Purchase.Quantity, "quantity"); err != nil {
			return m, true, err
		}
		return Memo{Purchase: p}, true, nil
	case a.Pool != nil && a.Purchase == nil:
		id, err := positive(a.Pool.ID, "pool id")
		if err != nil {
			return m, true, err
		}
		return Memo{Pool: &Pool{ID: id}}, true, nil
	}
	return m, true, errorsmod.Wrap(ErrInvalidMemo, usage)
}

// PoolMemo is the memo of a contribution to pool id.
func PoolMemo(id uint64) string {
	return fmt.Sprintf(`{"conductor":{"pool":{"id":"%d"}}}`, id)
}

// PurchaseMemo is the memo of a purchase of quantity units of a listing.
func PurchaseMemo(listing, quantity uint64) string {
	return fmt.Sprintf(`{"conductor":{"purchase":{"listing":"%d","quantity":"%d"}}}`, listing, quantity)
}

func positive(n json.Number, field string) (uint64, error) {
	v, err := strconv.ParseUint(n.String(), 10, 64)
	if err != nil || v == 0 {
		return 0, errorsmod.Wrapf(ErrInvalidMemo, "%s %q must be a positive whole number", field, n)
	}
	return v, nil
}

// Read reads an ICS-20 packet's data and its memo: ok is false for a packet that is not
// ICS-20 data or whose memo is not for Conductor.
func Read(packet channeltypes.Packet) (data transfertypes.FungibleTokenPacketData, m Memo, ok bool, err error) {
	if transfertypes.ModuleCdc.UnmarshalJSON(packet.GetData(), &data) != nil {
		return data, m, false, nil
	}
	m, ok, err = Parse(data.Memo)
	return data, m, ok, err
}

// ReceivedDenom is the denom an ICS-20 packet's tokens have on the receiving chain: its own
// denom coming back, or a voucher of the path they came along.
func ReceivedDenom(packet channeltypes.Packet, denom string) string {
	if transfertypes.ReceiverChainIsSource(packet.SourcePort, packet.SourceChannel, denom) {
		unprefixed := denom[len(transfertypes.GetDenomPrefix(packet.SourcePort, packet.SourceChannel)):]
		return transfertypes.ParseDenomTrace(unprefixed).IBCDenom()
	}
	return transfertypes.ParseDenomTrace(transfertypes.GetPrefixedDenom(packet.DestinationPort, packet.DestinationChannel, denom)).IBCDenom()
}

// IsRSC tells whether an ICS-20 packet's denom (the path on the sending chain) is real RSC
// for the receiving region: the sending region's own RSC (exactly "ursc", which arrives as
// a voucher of the packet's channel), or this region's own RSC coming home (exactly
// "<source port>/<source channel>/ursc", which ICS-20 releases from escrow as native ursc).
// A voucher of any other path ("transfer/channel-9/ursc": some chain's "ursc", relayed) is
// not, whatever its base denom: any chain can call a token "ursc".
func IsRSC(packet channeltypes.Packet, denom string) bool {
	return denom == membershiptypes.Denom ||
		denom == transfertypes.GetPrefixedDenom(packet.SourcePort, packet.SourceChannel, membershiptypes.Denom)
}
