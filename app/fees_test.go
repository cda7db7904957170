package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
)

// TestFeesGoToTheTreasury: a transaction's fee ends in the treasury, booked as the
// region's revenue (source "fees"), in the block that collected it; nothing reaches the
// stakers (x/distribution) or stays with the fee collector.
func TestFeesGoToTheTreasury(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob := r.Accounts["alice"], r.Accounts["bob"]
	treasury := r.AgentAddr("Regional treasury")
	feeCollector := authtypes.NewModuleAddress(authtypes.FeeCollectorName)
	distribution := authtypes.NewModuleAddress(distrtypes.ModuleName)
	before, aliceBefore := r.Balance(treasury), r.Balance(alice.Addr)
	fee := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 5_000))
	res := r.NextBlock(time.Second, r.TxWithFee(alice, nil, fee, banktypes.NewMsgSend(alice.Addr, bob.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1)))))
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, aliceBefore.SubRaw(5_001), r.Balance(alice.Addr))
	require.Equal(t, before.AddRaw(5_000), r.Balance(treasury))
	require.True(t, r.App.BankKeeper.GetAllBalances(r.Ctx(), feeCollector).IsZero())
	r.NextBlock(time.Second) // x/distribution's BeginBlock would allocate the last block's fees
	require.True(t, r.App.BankKeeper.GetAllBalances(r.Ctx(), distribution).IsZero(), "nothing for the stakers")
	rev, err := r.App.DividendKeeper.Periods.Get(r.Ctx(), 1)
	require.NoError(t, err)
	require.Equal(t, int64(5_000), rev.Revenue.Fees.Int64())
	require.Equal(t, int64(5_000), rev.Total.Int64())
}

// TestNoRSCCreated: the app has no minter of RSC: no module account may mint but ICS-20's
// (vouchers of other chains), and a region's supply of ursc stays the same block after
// block, with transactions, fees and periods passing.
func TestNoRSCCreated(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob := r.Accounts["alice"], r.Accounts["bob"]
	for _, acc := range r.App.AccountKeeper.GetAllAccounts(r.Ctx()) {
		if m, ok := acc.(sdk.ModuleAccountI); ok && m.HasPermission(authtypes.Minter) {
			require.Equal(t, "transfer", m.GetName(), "only ICS-20 mints (its vouchers)")
		}
	}
	supply := r.App.BankKeeper.GetSupply(r.Ctx(), app.Denom)
	fee := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1_000))
	for i := 0; i < 50; i++ {
		r.NextBlock(time.Minute, r.TxWithFee(alice, nil, fee, banktypes.NewMsgSend(alice.Addr, bob.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 10)))))
	}
	require.Equal(t, supply, r.App.BankKeeper.GetSupply(r.Ctx(), app.Denom))
}
