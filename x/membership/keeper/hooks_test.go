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
	"github.com/conductor-coop/conductor/x/membership/keeper"
	"github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
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
	require.NoError(t, region.Pay(r.Ctx(), r.App, router.Purchase, alice.Addr, company, sdkmath.NewInt(10_000_000)))

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
		{"delegate to a revoked validator, direct", func() *abciResult { return direct(carol, delegate(carol.Addr)) }},
		{"delegate to a revoked validator, authz", func() *abciResult { return direct(alice, execMsg(alice.Addr, delegate(dave.Addr))) }},
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

// TestRestrictedAgentsCannotStake: only a person's money may be bonded. A company, a
// regional company, the bank, the treasury and the assembly can neither delegate to an
// admitted validator nor operate one (even once the assembly admitted the co-op as an
// operator), by a proposal of their own group or by a manager holding an authz grant: the
// money stays where the profit-at-rest tax, wage claims and the bank reach it.
func TestRestrictedAgentsCannotStake(t *testing.T) {
	cfg := region.DefaultConfig()
	cfg.Institutions = append(cfg.Institutions, region.Institution{Name: "Housing Agency", Kind: types.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}})
	r := region.New(t, cfg)
	alice, bob, carol := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["carol"]
	founders := []region.Account{alice, bob, carol}
	company, agency, bank := r.AgentAddr("Bakery Co-op"), r.AgentAddr("Housing Agency"), r.AgentAddr("Regional Public Bank")
	for _, a := range []sdk.AccAddress{company, agency, bank} {
		r.Fund(r.Ctx(), a, sdkmath.NewInt(10_000_000))
	}
	vals, err := r.App.StakingKeeper.GetAllValidators(r.Ctx())
	require.NoError(t, err)
	admitted := vals[0].OperatorAddress // admitted by the genesis file
	delegate := func(from sdk.AccAddress) sdk.Msg {
		return stakingtypes.NewMsgDelegate(from.String(), admitted, sdk.NewInt64Coin(app.Denom, 1_000_000))
	}
	// The co-op is admitted as a validator operator by the assembly, and gives alice (its
	// manager) an authz grant for delegations, by its workers' vote.
	r.Pass(r.Assembly(), founders, &types.MsgAdmitValidator{Authority: r.Assembly(), Operator: company.String()})
	grant, err := authz.NewGrant(r.Time, authz.NewGenericAuthorization(sdk.MsgTypeURL(&stakingtypes.MsgDelegate{})), nil)
	require.NoError(t, err)
	r.Pass(company.String(), []region.Account{alice, bob}, &authz.MsgGrant{Granter: company.String(), Grantee: alice.String(), Grant: grant})

	viaGroup := func(policy string, voters []region.Account, msg sdk.Msg) (bool, string) {
		res, logs := r.Decide(policy, voters, msg)
		return res == group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, logs
	}
	cases := []struct {
		name  string
		payer sdk.AccAddress
		run   func() (bool, string)
	}{
		{"a co-op delegates by its workers' proposal", company, func() (bool, string) {
			return viaGroup(company.String(), []region.Account{alice, bob}, delegate(company))
		}},
		{"a co-op's manager delegates with an authz grant", company, func() (bool, string) {
			res := r.Deliver(alice, execMsg(alice.Addr, delegate(company)))
			return res.Code == 0, res.Log
		}},
		{"an admitted co-op creates a validator with its money", company, func() (bool, string) {
			return viaGroup(company.String(), []region.Account{alice, bob}, createValidator(t, company))
		}},
		{"a regional company delegates", agency, func() (bool, string) {
			return viaGroup(agency.String(), []region.Account{carol}, delegate(agency))
		}},
		{"the bank delegates", bank, func() (bool, string) {
			return viaGroup(bank.String(), founders, delegate(bank))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := r.Balance(tc.payer)
			ok, logs := tc.run()
			require.False(t, ok, logs)
			require.Contains(t, logs, types.ErrStakeNotAllowed.Error())
			require.Equal(t, before, r.Balance(tc.payer), "nothing bonded")
			dels, err := r.App.StakingKeeper.GetAllDelegatorDelegations(r.Ctx(), tc.payer)
			require.NoError(t, err)
			require.Empty(t, dels)
		})
	}
	// The treasury and the assembly have no key and no group of their own to sign with; the
	// hook refuses them all the same.
	for _, a := range []sdk.AccAddress{r.AgentAddr("Regional treasury"), sdk.MustAccAddressFromBech32(r.Assembly())} {
		err := r.App.MembershipKeeper.Hooks().BeforeDelegationCreated(r.Ctx(), a, sdk.ValAddress(a))
		require.ErrorIs(t, err, types.ErrStakeNotAllowed)
	}
	// A person delegates to the admitted validator as before.
	require.Zero(t, r.Deliver(carol, delegate(carol.Addr)).Code)
	msg, broken := keeper.NoRestrictedStakeInvariant(r.App.MembershipKeeper)(r.Ctx())
	require.False(t, broken, msg)

	// A genesis file can carry a company's delegation past the hooks (x/staking's genesis
	// runs before the registry's): the invariant catches it (and crisis refuses that genesis).
	ctx := r.Ctx()
	require.NoError(t, r.App.StakingKeeper.SetDelegation(ctx, stakingtypes.NewDelegation(company.String(), admitted, sdkmath.LegacyNewDec(1))))
	msg, broken = keeper.NoRestrictedStakeInvariant(r.App.MembershipKeeper)(ctx)
	require.True(t, broken)
	require.Contains(t, msg, "Bakery Co-op")
}
