package region

import (
	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"
)

// RequireError fails the test unless res failed with the registered error want
// (matched by codespace and code, as a client sees it).
func RequireError(t require.TestingT, want *errorsmod.Error, res *abci.ExecTxResult) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	require.Equalf(t, want.Codespace(), res.Codespace, "log: %s", res.Log)
	require.Equalf(t, want.ABCICode(), res.Code, "log: %s", res.Log)
}
