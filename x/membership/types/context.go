package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

type conductorActionKey struct{}

// WithConductorAction marks ctx as a Conductor action (purchase, rent, loan, repayment,
// payroll, tax, dividend, pooling) so that the RSC rule lets its sends through. Only the
// keepers that own those actions call it, around the sends they make.
func WithConductorAction(ctx context.Context) sdk.Context {
	return sdk.UnwrapSDKContext(ctx).WithValue(conductorActionKey{}, true)
}

// IsConductorAction tells whether ctx was marked by WithConductorAction.
func IsConductorAction(ctx context.Context) bool {
	v, ok := ctx.Value(conductorActionKey{}).(bool)
	return ok && v
}

type txSignersKey struct{}

// WithTxSigners records the signers of the tx being run, for Approval.
func WithTxSigners(ctx sdk.Context, signers [][]byte) sdk.Context {
	return ctx.WithValue(txSignersKey{}, signers)
}

// TxSigners returns the signers of the tx being run, if recorded.
func TxSigners(ctx context.Context) [][]byte {
	signers, _ := ctx.Value(txSignersKey{}).([][]byte)
	return signers
}
