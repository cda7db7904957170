package app_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
)

// TestAminoNames: every Conductor message has an amino name, conductor/<module>/<Msg>, and
// its SIGN_MODE_LEGACY_AMINO_JSON sign bytes carry it: browser and hardware wallets can
// show and sign it.
func TestAminoNames(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	a := r.App
	cfg := a.TxConfig()
	n := 0
	for _, url := range a.InterfaceRegistry().ListImplementations(sdk.MsgInterfaceProtoName) {
		if !strings.HasPrefix(url, "/conductor.") {
			continue
		}
		n++
		msg, err := a.InterfaceRegistry().Resolve(url)
		require.NoError(t, err)
		parts := strings.Split(strings.TrimPrefix(url, "/conductor."), ".")
		want := "conductor/" + parts[0] + "/" + parts[len(parts)-1]
		b := cfg.NewTxBuilder()
		require.NoError(t, b.SetMsgs(msg))
		bz, err := authsigning.GetSignBytesAdapter(r.Ctx(), cfg.SignModeHandler(), signing.SignMode_SIGN_MODE_LEGACY_AMINO_JSON,
			authsigning.SignerData{ChainID: region.ChainID, Address: r.Accounts["alice"].String(), PubKey: r.Accounts["alice"].Priv.PubKey()}, b.GetTx())
		require.NoError(t, err, url)
		require.Contains(t, string(bz), `"type":"`+want+`"`, url)
		_, err = a.LegacyAmino().MarshalJSON(msg)
		require.NoError(t, err, "%s is registered with the legacy amino codec", url)
	}
	require.Greater(t, n, 50, "every module's messages")
}

// TestAminoSignedTxs: a person-to-person send and a purchase, each signed in
// SIGN_MODE_LEGACY_AMINO_JSON, run through the app.
func TestAminoSignedTxs(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, dave := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["dave"]
	bakery := r.AgentAddr("Bakery Co-op")
	r.Pass(bakery.String(), []region.Account{alice, bob}, &markettypes.MsgCreateListing{Seller: bakery.String(), Kind: markettypes.LISTING_KIND_PRODUCT,
		Name: "bread", Unit: "loaf", UnitPrice: math.NewInt(5_000_000), Stock: "10"})
	amino := func(signer region.Account, msg sdk.Msg) uint32 {
		tx := r.SignTx(region.TxOptions{Signers: []region.Account{signer}, SignMode: signing.SignMode_SIGN_MODE_LEGACY_AMINO_JSON}, msg)
		res := r.NextBlock(1e9, tx).TxResults[0]
		require.Zero(t, res.Code, res.Log)
		return res.Code
	}
	before := r.Balance(bob.Addr)
	amino(alice, banktypes.NewMsgSend(alice.Addr, bob.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 7))))
	require.Equal(t, before.AddRaw(7), r.Balance(bob.Addr))
	before = r.Balance(bakery)
	amino(dave, &markettypes.MsgPurchase{Buyer: dave.String(), ListingId: 1, Quantity: 2})
	require.Equal(t, before.AddRaw(10_000_000), r.Balance(bakery), "two loaves at 5 RSC")
}
