package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"

	"github.com/conductor-coop/conductor/x/dividend/types"
)

// EndBlocker closes the dividend period when it is over (O(1): the members are owed through
// the index) and taxes profits at rest after a window ends, a quarter of
// max_payouts_per_block companies a block. It never returns an error.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cache, write := sdkCtx.CacheContext()
	if err := k.rollPeriods(cache); err != nil {
		sdkCtx.Logger().Error("dividend: closing the period failed", "err", err)
	} else {
		write()
	}
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return nil
	}
	if err := k.taxRest(sdkCtx, max(1, int(params.MaxPayoutsPerBlock)/4)); err != nil {
		sdkCtx.Logger().Error("dividend: profit-at-rest run failed", "err", err)
	}
	return nil
}

// SettleDecorator pays members their dividend when they sign a transaction: the dividend is
// in their balance from the moment they next use their account. A transaction with a
// MsgClaim is left to the claim, which reports the amount.
type SettleDecorator struct{ k Keeper }

// NewSettleDecorator returns the ante decorator.
func NewSettleDecorator(k Keeper) SettleDecorator { return SettleDecorator{k: k} }

func (d SettleDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	for _, msg := range tx.GetMsgs() {
		if _, ok := msg.(*types.MsgClaim); ok {
			return next(ctx, tx, simulate)
		}
	}
	if sigTx, ok := tx.(authsigning.SigVerifiableTx); ok {
		signers, err := sigTx.GetSigners()
		if err != nil {
			return ctx, err
		}
		if err := d.k.SettleSigners(ctx, signers); err != nil {
			return ctx, err
		}
	}
	return next(ctx, tx, simulate)
}
