package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	marketkeeper "github.com/conductor-coop/conductor/x/market/keeper"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// TestCircuitRefusesRewardMessages: the distribution messages that have no use in a region
// (stake earns nothing; fees are the region's) are refused with ErrMsgRefused on every
// path through the MsgServiceRouter: a direct tx, an authz MsgExec and a group proposal.
// Before, a delegator could point its rewards at a company or the treasury, and anyone could
// create rewards to pay there: a payment the RSC rule refuses, in staking's EndBlocker when a
// validator is removed, which halts the chain. Withdrawing one's own rewards still works.
func TestCircuitRefusesRewardMessages(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob := r.Accounts["alice"], r.Accounts["bob"]
	bakery := r.AgentAddr("Bakery Co-op")
	treasury := authtypes.NewModuleAddress(membershiptypes.TreasuryName)
	vals, err := r.App.StakingKeeper.GetAllValidators(r.Ctx())
	require.NoError(t, err)
	require.NotEmpty(t, vals)
	val := vals[0].GetOperator()
	dels, err := r.App.StakingKeeper.GetDelegatorDelegations(r.Ctx(), alice.Addr, 10)
	require.NoError(t, err)
	require.NotEmpty(t, dels, "alice delegates at genesis")
	coins := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1_000_000))

	withdrawAddr := func(delegator sdk.AccAddress) sdk.AccAddress {
		addr, err := r.App.DistrKeeper.GetDelegatorWithdrawAddr(r.Ctx(), delegator)
		require.NoError(t, err)
		return addr
	}
	refused := func(t *testing.T, signer region.Account, msg sdk.Msg) {
		t.Helper()
		before := r.Balance(signer.Addr)
		region.RequireError(t, app.ErrMsgRefused, r.Deliver(signer, msg))
		require.Equal(t, before, r.Balance(signer.Addr))
	}

	t.Run("direct", func(t *testing.T) {
		refused(t, alice, distrtypes.NewMsgSetWithdrawAddress(alice.Addr, bakery))
		refused(t, alice, distrtypes.NewMsgSetWithdrawAddress(alice.Addr, treasury))
		require.Equal(t, alice.Addr, withdrawAddr(alice.Addr))
		refused(t, bob, distrtypes.NewMsgDepositValidatorRewardsPool(bob.String(), val, coins))
		refused(t, bob, distrtypes.NewMsgFundCommunityPool(coins, bob.String()))
		valAddr, err := sdk.ValAddressFromBech32(val)
		require.NoError(t, err)
		outstanding, err := r.App.DistrKeeper.GetValidatorOutstandingRewardsCoins(r.Ctx(), valAddr)
		require.NoError(t, err)
		require.True(t, outstanding.IsZero(), "no rewards were created")
		pool, err := r.App.DistrKeeper.FeePool.Get(r.Ctx())
		require.NoError(t, err)
		require.True(t, pool.CommunityPool.IsZero())
	})

	t.Run("authz MsgExec", func(t *testing.T) {
		grant, err := authz.NewGrant(r.Time, authz.NewGenericAuthorization(sdk.MsgTypeURL(&distrtypes.MsgSetWithdrawAddress{})), nil)
		require.NoError(t, err)
		r.MustDeliver(alice, &authz.MsgGrant{Granter: alice.String(), Grantee: bob.String(), Grant: grant})
		region.RequireError(t, app.ErrMsgRefused, r.Manage(bob, distrtypes.NewMsgSetWithdrawAddress(alice.Addr, bakery)))
		require.Equal(t, alice.Addr, withdrawAddr(alice.Addr))
	})

	t.Run("group proposal", func(t *testing.T) {
		workers := []region.Account{alice, bob}
		for _, msg := range []sdk.Msg{
			distrtypes.NewMsgSetWithdrawAddress(bakery, treasury),
			&distrtypes.MsgCommunityPoolSpend{Authority: bakery.String(), Recipient: alice.String(), Amount: coins},
		} {
			result, logs := r.Decide(bakery.String(), workers, msg)
			require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result, sdk.MsgTypeURL(msg))
			require.Contains(t, logs, app.ErrMsgRefused.Error())
		}
		require.Equal(t, bakery, withdrawAddr(bakery))
	})

	t.Run("withdrawing one's own rewards still works", func(t *testing.T) {
		before := r.Balance(alice.Addr)
		for _, d := range dels {
			r.MustDeliver(alice, &distrtypes.MsgWithdrawDelegatorReward{DelegatorAddress: alice.String(), ValidatorAddress: d.ValidatorAddress})
		}
		require.Equal(t, before, r.Balance(alice.Addr), "stake earns nothing in a region")
	})
}

// marketInvariantsHold fails the test if a market invariant is broken on ctx's state.
func marketInvariantsHold(t *testing.T, ctx sdk.Context, k marketkeeper.Keeper) {
	t.Helper()
	for _, inv := range []sdk.Invariant{marketkeeper.IntakeEmptyInvariant(k), marketkeeper.OrdersReconcileInvariant(k)} {
		msg, broken := inv(ctx)
		require.False(t, broken, msg)
	}
}

// TestMoneyPathsIntakeRefusesPlainSends: the market's IBC intake takes only purchases that
// arrive over IBC; a person's send to it is refused with ErrIntakeNotPayable, so it stays
// empty. Before, the send went through and broke the intake-empty invariant, which a
// zero-height export (it asserts every invariant) then refused.
func TestMoneyPathsIntakeRefusesPlainSends(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, dave := r.Accounts["alice"], r.Accounts["dave"]
	one := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1))
	for _, c := range []struct {
		name   string
		signer region.Account
		msg    sdk.Msg
	}{
		{"a member's MsgSend of 1 ursc", alice, banktypes.NewMsgSend(alice.Addr, markettypes.IntakeAddress, one)},
		{"a non-member's MsgSend", dave, banktypes.NewMsgSend(dave.Addr, markettypes.IntakeAddress, one)},
		{"a MsgMultiSend with the intake among the outputs", alice, banktypes.NewMsgMultiSend(
			banktypes.NewInput(alice.Addr, one.Add(one...)),
			[]banktypes.Output{banktypes.NewOutput(dave.Addr, one), banktypes.NewOutput(markettypes.IntakeAddress, one)})},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := r.Balance(c.signer.Addr)
			region.RequireError(t, markettypes.ErrIntakeNotPayable, r.Deliver(c.signer, c.msg))
			require.Equal(t, before, r.Balance(c.signer.Addr))
			require.True(t, r.App.BankKeeper.GetAllBalances(r.Ctx(), markettypes.IntakeAddress).IsZero())
			marketInvariantsHold(t, r.Ctx(), r.App.MarketKeeper)
		})
	}
	require.Equal(t, sdkmath.ZeroInt(), r.Balance(markettypes.IntakeAddress))
	_, err := r.App.ExportAppStateAndValidators(true, nil, nil)
	require.NoError(t, err, "a zero-height export asserts the invariants")
}
