package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

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
