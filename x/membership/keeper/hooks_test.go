package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/cosmos/cosmos-sdk/x/group"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/membership/types"
)

func createValidator(t *testing.T, operator sdk.AccAddress) *stakingtypes.MsgCreateValidator {
	t.Helper()
	msg, err := stakingtypes.NewMsgCreateValidator(sdk.ValAddress(operator).String(), ed25519.GenPrivKey().PubKey(),
		sdk.NewInt64Coin(app.Denom, 1_000_000), stakingtypes.NewDescription("co-op node", "", "", "", ""),
		stakingtypes.NewCommissionRates(sdkmath.LegacyNewDecWithPrec(1, 1), sdkmath.LegacyNewDecWithPrec(2, 1), sdkmath.LegacyNewDecWithPrec(1, 2)),
		sdkmath.OneInt())
	require.NoError(t, err)
	return msg
}

// TestValidatorGating: a validator the assembly did not admit can neither be created nor
// receive delegations, whichever path carries the message: direct, authz or group proposal.
func TestValidatorGating(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, carol, dave := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"], r.Accounts["dave"]
	founders := []region.Account{alice, bob, carol}
	company := r.AgentAddr("Bakery Co-op")
	require.NoError(t, r.App.BankKeeper.SendCoins(types.WithConductorAction(r.Ctx()), alice.Addr, company, rsc(10_000_000)))

	// dave lets alice act for him in staking.
	for _, typ := range []sdk.Msg{&stakingtypes.MsgCreateValidator{}, &stakingtypes.MsgDelegate{}} {
		grant, err := authz.NewGrant(r.Time, authz.NewGenericAuthorization(sdk.MsgTypeURL(typ)), nil)
		require.NoError(t, err)
		r.MustDeliver(dave, &authz.MsgGrant{Granter: dave.String(), Grantee: alice.String(), Grant: grant})
	}
	vals, err := r.App.StakingKeeper.GetAllValidators(r.Ctx())
	require.NoError(t, err)
	genesisVal := vals[0].OperatorAddress
	genesisValAddr, err := sdk.ValAddressFromBech32(genesisVal)
	require.NoError(t, err)
	genesisOp := sdk.AccAddress(genesisValAddr).String()
	delegate := func(from sdk.AccAddress) *stakingtypes.MsgDelegate {
		return stakingtypes.NewMsgDelegate(from.String(), genesisVal, sdk.NewInt64Coin(app.Denom, 1_000))
	}
	viaGroup := func(msg sdk.Msg) *abciResult {
		res, logs := r.Decide(company.String(), []region.Account{alice, bob}, msg)
		return &abciResult{ok: res == group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, log: logs}
	}
	direct := func(signer region.Account, msg sdk.Msg) *abciResult {
		res := r.Deliver(signer, msg)
		return &abciResult{ok: res.Code == 0, log: res.Log}
	}

	// The genesis validator was admitted by the genesis file; the assembly now revokes it.
	r.Pass(r.Assembly(), founders, &types.MsgRevokeValidator{Authority: r.Assembly(), Operator: genesisOp})

	refused := []struct {
		name string
		run  func() *abciResult
	}{
		{"create, direct", func() *abciResult { return direct(dave, createValidator(t, dave.Addr)) }},
		{"create, authz", func() *abciResult { return direct(alice, execMsg(alice.Addr, createValidator(t, dave.Addr))) }},
		{"create, group proposal", func() *abciResult { return viaGroup(createValidator(t, company)) }},
		{"delegate to a revoked validator, direct", func() *abciResult { return direct(carol, delegate(carol.Addr)) }},
		{"delegate to a revoked validator, authz", func() *abciResult { return direct(alice, execMsg(alice.Addr, delegate(dave.Addr))) }},
		{"delegate to a revoked validator, group proposal", func() *abciResult { return viaGroup(delegate(company)) }},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.run()
			require.False(t, res.ok, res.log)
			require.Contains(t, res.log, types.ErrValidatorNotAdmitted.Error())
		})
	}

	// Once admitted, the same messages pass.
	r.Pass(r.Assembly(), founders,
		&types.MsgAdmitValidator{Authority: r.Assembly(), Operator: dave.String()},
		&types.MsgAdmitValidator{Authority: r.Assembly(), Operator: genesisOp})
	require.True(t, direct(alice, execMsg(alice.Addr, createValidator(t, dave.Addr))).ok)
	require.True(t, direct(carol, delegate(carol.Addr)).ok)
	_, err = r.App.StakingKeeper.GetValidator(r.Ctx(), sdk.ValAddress(dave.Addr))
	require.NoError(t, err)

	// Admitting twice, or revoking someone never admitted, is a clear error.
	for msg, want := range map[sdk.Msg]error{
		&types.MsgAdmitValidator{Authority: r.Assembly(), Operator: dave.String()}:                           types.ErrValidatorAdmitted,
		&types.MsgRevokeValidator{Authority: r.Assembly(), Operator: region.NewAccount("stranger").String()}: types.ErrValidatorNotAdmitted,
		&types.MsgAdmitValidator{Authority: r.Assembly(), Operator: "rsc1bad"}:                               types.ErrInvalidAddress,
	} {
		res, logs := r.Decide(r.Assembly(), founders, msg)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, res)
		require.Contains(t, logs, want.Error())
	}
}

type abciResult struct {
	ok  bool
	log string
}
