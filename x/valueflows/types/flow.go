package types

import (
	"fmt"
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// RSCTransfer is the event of amount ursc passing from provider to receiver for the action
// link names ("market/order/3"); settles is the event it pays for, if any.
func RSCTransfer(provider, receiver string, amount math.Int, link string, settles uint64) EconomicEvent {
	q := math.LegacyNewDecFromInt(amount)
	return EconomicEvent{
		Action: ACTION_TRANSFER, Provider: provider, Receiver: receiver, SpecId: SpecRSC,
		Quantity: q, Unit: "ursc", Value: q, Link: link, Settles: settles,
	}
}

// Link names a Conductor action: Link("market/order", 3) is "market/order/3".
func Link(kind string, id uint64) string { return fmt.Sprintf("%s/%d", kind, id) }

// ParsePeriod reads "from,to": two dates (2006-01-02) or RFC 3339 times, from before to.
func ParsePeriod(s string) (time.Time, time.Time, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return time.Time{}, time.Time{}, errorsmod.Wrapf(ErrInvalidPeriod, "%q: want from,to", s)
	}
	var ts [2]time.Time
	for i, p := range parts {
		p = strings.TrimSpace(p)
		t, err := time.Parse(time.DateOnly, p)
		if err != nil {
			if t, err = time.Parse(time.RFC3339, p); err != nil {
				return time.Time{}, time.Time{}, errorsmod.Wrapf(ErrInvalidPeriod, "%q: a date (2006-01-02) or an RFC 3339 time", p)
			}
		}
		ts[i] = t.UTC()
	}
	if !ts[0].Before(ts[1]) {
		return time.Time{}, time.Time{}, errorsmod.Wrapf(ErrInvalidPeriod, "%s is not before %s", parts[0], parts[1])
	}
	return ts[0], ts[1], nil
}

// Day is the day number (since 1970-01-01, UTC) the flow index keys by.
func Day(t time.Time) int64 { return t.UTC().Unix() / 86400 }

// Bucket names the period t falls in: "2026-11" (month), "2026-Q4" (quarter), "2026" (year).
func Bucket(t time.Time, bucket string) (string, error) {
	t = t.UTC()
	switch bucket {
	case "", "month":
		return t.Format("2006-01"), nil
	case "quarter":
		return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1), nil
	case "year":
		return t.Format("2006"), nil
	}
	return "", errorsmod.Wrapf(ErrInvalidQuery, "bucket %q: month, quarter or year", bucket)
}

// ParseQuantity reads a decimal number a transaction gives ("2.5"); "" is zero.
func ParseQuantity(s, what string) (math.LegacyDec, error) {
	if s == "" {
		return math.LegacyZeroDec(), nil
	}
	d, err := math.LegacyNewDecFromStr(s)
	if err != nil {
		return d, errorsmod.Wrapf(ErrInvalidQuantity, "%s %q: a decimal number", what, s)
	}
	return d, nil
}

// Flows converts a transaction's recipe inputs.
func Flows(inputs []RecipeInput) ([]RecipeFlow, error) {
	out := make([]RecipeFlow, len(inputs))
	for i, in := range inputs {
		q, err := ParseQuantity(in.Quantity, "input quantity")
		if err != nil {
			return nil, err
		}
		out[i] = RecipeFlow{Action: in.Action, SpecId: in.SpecId, OccupationId: in.OccupationId, Quantity: q}
	}
	return out, nil
}
