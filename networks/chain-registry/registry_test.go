// Package chainregistry holds a chain-registry entry for the demo region (chain.json,
// assetlist.json) and checks it against the app and the localnet script.
package chainregistry

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/app"
)

func read(t *testing.T, name string, into any) {
	t.Helper()
	bz, err := os.ReadFile(name)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(bz, into))
}

// TestEntry: the entry names the chain as the localnet creates it, with the app's address
// prefix and RSC as the app counts it (ursc, 6 decimals), for fees and staking.
func TestEntry(t *testing.T) {
	var chain struct {
		ChainName    string `json:"chain_name"`
		ChainID      string `json:"chain_id"`
		Bech32Prefix string `json:"bech32_prefix"`
		DaemonName   string `json:"daemon_name"`
		Slip44       int    `json:"slip44"`
		Fees         struct {
			FeeTokens []struct{ Denom string } `json:"fee_tokens"`
		}
		Staking struct {
			StakingTokens []struct{ Denom string } `json:"staking_tokens"`
		}
		APIs map[string][]struct{ Address string } `json:"apis"`
	}
	read(t, "chain.json", &chain)
	script, err := os.ReadFile("../../scripts/localnet.sh")
	require.NoError(t, err)
	require.Contains(t, string(script), "CHAIN_ID="+chain.ChainID)
	require.Equal(t, app.Bech32Prefix, chain.Bech32Prefix)
	require.Equal(t, "conductord", chain.DaemonName)
	require.Equal(t, 118, chain.Slip44)
	require.Equal(t, app.Denom, chain.Fees.FeeTokens[0].Denom)
	require.Equal(t, app.Denom, chain.Staking.StakingTokens[0].Denom)
	for _, api := range []string{"rpc", "rest", "grpc"} {
		require.NotEmpty(t, chain.APIs[api], api)
	}

	var assets struct {
		ChainName string `json:"chain_name"`
		Assets    []struct {
			Base, Display, Symbol string
			DenomUnits            []struct {
				Denom    string
				Exponent int
			} `json:"denom_units"`
		}
	}
	read(t, "assetlist.json", &assets)
	require.Equal(t, chain.ChainName, assets.ChainName)
	require.Len(t, assets.Assets, 1)
	rsc := assets.Assets[0]
	require.Equal(t, app.Denom, rsc.Base)
	require.Equal(t, "RSC", rsc.Symbol)
	require.Equal(t, strings.ToLower(app.DisplayDenom), rsc.Display)
	units := map[string]int{}
	for _, u := range rsc.DenomUnits {
		units[u.Denom] = u.Exponent
	}
	require.Equal(t, map[string]int{app.Denom: 0, rsc.Display: 6}, units)
}
