package types

import (
	"bytes"
	"encoding/json"
	"strconv"

	errorsmod "cosmossdk.io/errors"
)

// PurchaseMemo is the action an ICS-20 transfer's memo asks of this region's market:
//
//	{"conductor":{"purchase":{"listing":"7","quantity":"2"}}}
type PurchaseMemo struct {
	Listing  uint64
	Quantity uint64
}

type memoPurchase struct {
	Listing  json.Number `json:"listing"`
	Quantity json.Number `json:"quantity"`
}

type memoActions struct {
	Purchase *memoPurchase `json:"purchase"`
}

// ParseMemo reads an ICS-20 memo. A memo that is not a JSON object with a "conductor" key
// is not for the market (ok false): the transfer is a plain one. A "conductor" memo that
// does not name a purchase exactly is ErrInvalidMemo.
func ParseMemo(memo string) (p PurchaseMemo, ok bool, err error) {
	var top map[string]json.RawMessage
	if json.Unmarshal([]byte(memo), &top) != nil {
		return p, false, nil
	}
	raw, ok := top["conductor"]
	if !ok {
		return p, false, nil
	}
	var actions memoActions
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(&actions); err != nil {
		return p, true, errorsmod.Wrap(ErrInvalidMemo, err.Error())
	}
	if actions.Purchase == nil {
		return p, true, errorsmod.Wrap(ErrInvalidMemo, `expected {"conductor":{"purchase":{"listing":"<id>","quantity":"<n>"}}}`)
	}
	if p.Listing, err = positive(actions.Purchase.Listing, "listing"); err != nil {
		return p, true, err
	}
	if p.Quantity, err = positive(actions.Purchase.Quantity, "quantity"); err != nil {
		return p, true, err
	}
	return p, true, nil
}

func positive(n json.Number, field string) (uint64, error) {
	v, err := strconv.ParseUint(n.String(), 10, 64)
	if err != nil || v == 0 {
		return 0, errorsmod.Wrapf(ErrInvalidMemo, "%s %q must be a positive whole number", field, n)
	}
	return v, nil
}
