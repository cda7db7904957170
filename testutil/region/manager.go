package region

import (
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
)

// Grant has the workers of an institution (a company, the bank, an agency) pass, by their
// group's proposal, authz grants to manager for each of msgs' types.
func (r *Region) Grant(granter sdk.AccAddress, workers []Account, manager Account, msgs ...sdk.Msg) {
	r.t.Helper()
	grants := make([]sdk.Msg, 0, len(msgs))
	for _, m := range msgs {
		g, err := authz.NewGrant(r.Time, authz.NewGenericAuthorization(sdk.MsgTypeURL(m)), nil)
		require.NoError(r.t, err)
		grants = append(grants, &authz.MsgGrant{Granter: granter.String(), Grantee: manager.String(), Grant: g})
	}
	r.Pass(granter.String(), workers, grants...)
}

// Manage has manager run msg for the institution that granted it (authz MsgExec) in the
// next block, and returns the result.
func (r *Region) Manage(manager Account, msg sdk.Msg) *abci.ExecTxResult {
	r.t.Helper()
	exec := authz.NewMsgExec(manager.Addr, []sdk.Msg{msg})
	return r.Deliver(manager, &exec)
}

// Must fails the test unless res succeeded.
func (r *Region) Must(res *abci.ExecTxResult) {
	r.t.Helper()
	require.Zerof(r.t, res.Code, "tx failed: %s", res.Log)
}
