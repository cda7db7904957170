package types

import (
	"strings"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// NeedsResource is true for the actions that change a resource's quantities.
func (a Action) NeedsResource() bool {
	switch a {
	case ACTION_PRODUCE, ACTION_CONSUME, ACTION_RAISE, ACTION_LOWER,
		ACTION_TRANSFER, ACTION_TRANSFER_CUSTODY, ACTION_TRANSFER_ALL_RIGHTS, ACTION_MOVE:
		return true
	}
	return false
}

// NeedsReceiver is true for the actions that move quantities to a second resource.
func (a Action) NeedsReceiver() bool {
	switch a {
	case ACTION_TRANSFER, ACTION_TRANSFER_CUSTODY, ACTION_TRANSFER_ALL_RIGHTS, ACTION_MOVE:
		return true
	}
	return false
}

// IsInput is true for the actions that are inputs of a process.
func (a Action) IsInput() bool {
	return a == ACTION_CONSUME || a == ACTION_USE || a == ACTION_CITE || a == ACTION_WORK
}

// ApplyEffect changes the quantities of res (the resource the event is inventoried as) and
// to (the receiving resource of a transfer or move) as VF 1.0 says action does with
// quantity q:
//
//	produce, raise                accounting +q, on hand +q
//	consume, lower                accounting -q, on hand -q
//	transfer, move                res: accounting -q, on hand -q; to: +q, +q
//	transfer-all-rights           res: accounting -q; to: accounting +q
//	transfer-custody              res: on hand -q; to: on hand +q
//	use, cite, work, deliver-service: no change
//
// Cost follows the accounting quantity at the weighted average: what leaves res takes
// q x value/accounting with it (returned, and added to to's value). produce and raise add
// no value here: a process's cost arrives when it finishes; a raise names its own.
func ApplyEffect(action Action, res, to *EconomicResource, q math.LegacyDec) (math.LegacyDec, error) {
	out := math.LegacyZeroDec()
	if !q.IsPositive() {
		return out, errorsmod.Wrapf(ErrInvalidQuantity, "%s must be positive", q)
	}
	if action.NeedsResource() && res == nil || action.NeedsReceiver() && to == nil {
		return out, errorsmod.Wrapf(ErrInvalidAction, "%s needs a resource", action)
	}
	account, onhand := 0, 0 // -1, 0, +1 on res; to gets the opposite for a move
	switch action {
	case ACTION_PRODUCE, ACTION_RAISE:
		account, onhand = 1, 1
	case ACTION_CONSUME, ACTION_LOWER, ACTION_TRANSFER, ACTION_MOVE:
		account, onhand = -1, -1
	case ACTION_TRANSFER_ALL_RIGHTS:
		account = -1
	case ACTION_TRANSFER_CUSTODY:
		onhand = -1
	case ACTION_USE, ACTION_CITE, ACTION_WORK, ACTION_DELIVER_SERVICE:
		return out, nil
	default:
		return out, errorsmod.Wrapf(ErrInvalidAction, "unknown action %d", action)
	}
	if account < 0 && res.AccountingQuantity.LT(q) || onhand < 0 && res.OnhandQuantity.LT(q) {
		return out, errorsmod.Wrapf(ErrInsufficientQuantity, "%s %s asked of resource %d, which has %s (%s on hand)",
			q, res.Unit, res.Id, res.AccountingQuantity, res.OnhandQuantity)
	}
	if account < 0 {
		out = res.UnitCost().Mul(q)
		if res.AccountingQuantity.Equal(q) {
			out = res.Value // the last of it takes all its value: no dust stays behind
		}
		res.Value = res.Value.Sub(out)
	}
	res.AccountingQuantity = res.AccountingQuantity.Add(q.MulInt64(int64(account)))
	res.OnhandQuantity = res.OnhandQuantity.Add(q.MulInt64(int64(onhand)))
	if to != nil && action.NeedsReceiver() {
		to.AccountingQuantity = to.AccountingQuantity.Sub(q.MulInt64(int64(account)))
		to.OnhandQuantity = to.OnhandQuantity.Sub(q.MulInt64(int64(onhand)))
		to.Value = to.Value.Add(out)
	}
	return out, nil
}

// UnitCost is the resource's weighted average cost per unit (zero when it has none).
func (r EconomicResource) UnitCost() math.LegacyDec {
	if !r.AccountingQuantity.IsPositive() {
		return math.LegacyZeroDec()
	}
	return r.Value.Quo(r.AccountingQuantity)
}

// Label is the action's VF name ("transfer-custody").
func (a Action) Label() string {
	switch a {
	case ACTION_TRANSFER_CUSTODY:
		return "transferCustody"
	case ACTION_TRANSFER_ALL_RIGHTS:
		return "transferAllRights"
	case ACTION_DELIVER_SERVICE:
		return "deliverService"
	}
	name := Action_name[int32(a)]
	if len(name) <= len("ACTION_") {
		return "unspecified"
	}
	return strings.ToLower(name[len("ACTION_"):])
}
