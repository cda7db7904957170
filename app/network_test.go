package app_test

import (
	"testing"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	pruningtypes "cosmossdk.io/store/pruning/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec/address"
	clitestutil "github.com/cosmos/cosmos-sdk/testutil/cli"
	"github.com/cosmos/cosmos-sdk/testutil/network"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	bankcli "github.com/cosmos/cosmos-sdk/x/bank/client/cli"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"cosmossdk.io/log"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// TestNetworkCommitsSignedTx runs a region of two validators (real CometBFT nodes in
// process), signs a transfer with a validator's key, and sees it committed in a block.
func TestNetworkCommitsSignedTx(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two CometBFT nodes")
	}
	const chainID = "region-net-1"
	tmp := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	genesis := tmp.DefaultGenesis()
	gs := membershiptypes.DefaultGenesis()
	gs.Agents = []membershiptypes.Agent{{Address: region.NewAccount("founder").String(), Kind: membershiptypes.AGENT_KIND_PERSON, Member: true}}
	genesis[membershiptypes.ModuleName] = tmp.AppCodec().MustMarshalJSON(gs)

	cfg := network.DefaultConfig(func() network.TestFixture {
		return network.TestFixture{
			AppConstructor: func(val network.ValidatorI) servertypes.Application {
				return app.New(val.GetCtx().Logger, dbm.NewMemDB(), nil, true,
					simtestutil.NewAppOptionsWithFlagHome(val.GetCtx().Config.RootDir),
					baseapp.SetPruning(pruningtypes.NewPruningOptionsFromString(val.GetAppConfig().Pruning)),
					baseapp.SetMinGasPrices(val.GetAppConfig().MinGasPrices),
					baseapp.SetChainID(chainID))
			},
			GenesisState: genesis,
			EncodingConfig: moduletestutil.TestEncodingConfig{
				InterfaceRegistry: tmp.InterfaceRegistry(), Codec: tmp.AppCodec(), TxConfig: tmp.TxConfig(), Amino: tmp.LegacyAmino(),
			},
		}
	})
	cfg.NumValidators = 2
	cfg.ChainID = chainID
	cfg.MinGasPrices = "0" + app.Denom
	net, err := network.New(t, t.TempDir(), cfg)
	require.NoError(t, err)
	defer net.Cleanup()
	_, err = net.WaitForHeight(2)
	require.NoError(t, err)

	val := net.Validators[0]
	receiver := region.NewAccount("receiver").Addr
	out, err := clitestutil.ExecTestCLICmd(val.ClientCtx, bankcli.NewSendTxCmd(address.NewBech32Codec(app.Bech32Prefix)), []string{
		val.Address.String(), receiver.String(), "5000000" + app.Denom,
		"--from", val.Address.String(), "--yes", "--chain-id", chainID, "--fees", "0" + app.Denom, "--output", "json",
	})
	require.NoError(t, err)
	var sent sdk.TxResponse
	require.NoError(t, val.ClientCtx.Codec.UnmarshalJSON(out.Bytes(), &sent), out.String())
	require.Zero(t, sent.Code, sent.RawLog)

	require.NoError(t, net.WaitForNextBlock())
	require.NoError(t, net.WaitForNextBlock())
	committed, err := authtx.QueryTx(val.ClientCtx, sent.TxHash)
	require.NoError(t, err)
	require.Zero(t, committed.Code, committed.RawLog)
	require.Positive(t, committed.Height)

	res, err := banktypes.NewQueryClient(val.ClientCtx).Balance(t.Context(), banktypes.NewQueryBalanceRequest(receiver, app.Denom))
	require.NoError(t, err)
	require.Equal(t, "5000000", res.Balance.Amount.String())
}
