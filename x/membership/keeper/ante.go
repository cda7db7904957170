package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// RSCRuleDecorator applies the RSC rule to a tx's top-level bank sends already in CheckTx,
// so a wallet learns at once that a send to a company is refused, instead of seeing the tx
// accepted into the mempool and failing in the block. The rule itself is enforced by the
// bank keeper's send restriction, on every path; this only reports it earlier.
type RSCRuleDecorator struct{ k Keeper }

// NewRSCRuleDecorator returns the decorator.
func NewRSCRuleDecorator(k Keeper) RSCRuleDecorator { return RSCRuleDecorator{k: k} }

func (d RSCRuleDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	for _, msg := range tx.GetMsgs() {
		var from, to []string
		switch m := msg.(type) {
		case *banktypes.MsgSend:
			from, to = []string{m.FromAddress}, []string{m.ToAddress}
		case *banktypes.MsgMultiSend:
			for _, in := range m.Inputs {
				from = append(from, in.Address)
			}
			for _, out := range m.Outputs {
				to = append(to, out.Address)
			}
		default:
			continue
		}
		for _, addrs := range [][]string{from, to} {
			for _, a := range addrs {
				addr, err := d.k.addressCodec.StringToBytes(a)
				if err != nil {
					continue // the bank message's own validation reports it
				}
				if err := d.k.checkDirect(ctx, addr); err != nil {
					return ctx, err
				}
			}
		}
	}
	return next(ctx, tx, simulate)
}

// SignersDecorator records the tx's signers in the context its messages run in, so that a
// company's action run by a manager (authz MsgExec) records who the manager was.
type SignersDecorator struct{}

func (SignersDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	if sigTx, ok := tx.(authsigning.SigVerifiableTx); ok {
		signers, err := sigTx.GetSigners()
		if err != nil {
			return ctx, err
		}
		ctx = types.WithTxSigners(ctx, signers)
	}
	return next(ctx, tx, simulate)
}
