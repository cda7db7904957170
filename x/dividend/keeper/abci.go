package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
	"github.com/conductor-coop/conductor/x/router"
)

// EndBlocker books the block's transaction fees as the treasury's revenue, closes the
// dividend period when it is over (O(1): the members are owed through the index) and taxes
// profits at rest after a window ends, a quarter of max_payouts_per_block companies a
// block. It never returns an error.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	for _, step := range []struct {
		name string
		run  func(sdk.Context) error
	}{{"sweeping the fees", k.sweepFees}, {"closing the period", k.rollPeriods}} {
		cache, write := sdkCtx.CacheContext()
		if err := step.run(cache); err != nil {
			sdkCtx.Logger().Error("dividend: "+step.name+" failed", "err", err)
			continue
		}
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

// sweepFees moves the block's transaction fees from the fee collector to the treasury: the
// region's, not the stakers' (x/distribution then has nothing to allocate, and the app has no
// x/mint). The RSC is booked as revenue (SOURCE_FEES); fees in another denom (a voucher)
// stay in the treasury unbooked, as sales tax paid in vouchers does.
func (k Keeper) sweepFees(ctx sdk.Context) error {
	fees := k.bank.GetAllBalances(ctx, feeCollector)
	if fees.IsZero() {
		return nil
	}
	for _, fee := range fees {
		if !router.Routes[router.Fees].Moves(fee.Denom) {
			continue // a denom no route moves (only a genesis file can make one a fee) stays with the fee collector
		}
		if err := k.router.Pay(ctx, router.Payment{
			Route: router.Fees, From: feeCollector, Denom: fee.Denom, Legs: router.To(k.treasury, fee.Amount), Link: "dividend/fees",
		}); err != nil {
			return err
		}
	}
	return nil
}

var feeCollector = authtypes.NewModuleAddress(authtypes.FeeCollectorName)

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
