package cmd

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/client/flags"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/app"
)

// TestFederationTxCommands: every federation transaction has a command that writes its
// message for a proposal (--generate-only), with the arguments in the right fields.
func TestFederationTxCommands(t *testing.T) {
	home := app.DefaultNodeHome
	app.DefaultNodeHome = t.TempDir() // the client config goes there, not in the user's home
	t.Cleanup(func() { app.DefaultNodeHome = home })
	policy := sdk.AccAddress(bytes.Repeat([]byte{7}, 32)).String()
	person := sdk.AccAddress(bytes.Repeat([]byte{9}, 20)).String()
	cases := []struct {
		args []string
		want map[string]any
	}{
		{[]string{"contribute", "region-b", "1", "10000000"}, map[string]any{"@type": "/conductor.federation.v1.MsgContribute", "authority": policy, "region": "region-b", "pool_id": "1", "amount": "10000000"}},
		{[]string{"spend", person, "5ursc", "rails"}, map[string]any{"@type": "/conductor.federation.v1.MsgSpend", "pool": policy, "recipient": person, "reason": "rails",
			"amount": []any{map[string]any{"denom": "ursc", "amount": "5"}}}},
		{[]string{"close-pool", "3"}, map[string]any{"@type": "/conductor.federation.v1.MsgClosePool", "authority": policy, "pool_id": "3"}},
		{[]string{"remove-region", "region-b"}, map[string]any{"@type": "/conductor.federation.v1.MsgRemoveRegion", "authority": policy, "name": "region-b"}},
		{[]string{"create-pool", "Transit", "trains", "--representatives", `{"address":"` + person + `","chain_id":"region-b-1"}`},
			map[string]any{"@type": "/conductor.federation.v1.MsgCreatePool", "authority": policy, "name": "Transit", "purpose": "trains",
				"representatives": []any{map[string]any{"address": person, "chain_id": "region-b-1"}}}},
	}
	for _, c := range cases {
		t.Run(c.args[0], func(t *testing.T) {
			root := NewRootCmd()
			root.PersistentFlags().String(flags.FlagHome, app.DefaultNodeHome, "") // as svrcmd.Execute adds it
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetArgs(append(append([]string{"tx", "federation"}, c.args...), "--from", policy, "--generate-only", "--chain-id", "x"))
			require.NoError(t, root.Execute())
			var tx struct {
				Body struct {
					Messages []map[string]any `json:"messages"`
				} `json:"body"`
			}
			require.NoError(t, json.Unmarshal(out.Bytes(), &tx), out.String())
			require.Equal(t, []map[string]any{c.want}, tx.Body.Messages)
		})
	}
}
