package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
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
			require.Equal(t, []map[string]any{c.want}, generated(t, "federation", policy, c.args...))
		})
	}
}

// generated runs "tx <module> <args> --from from --generate-only" and returns the
// messages of the transaction it writes.
func generated(t *testing.T, module, from string, args ...string) []map[string]any {
	t.Helper()
	root := NewRootCmd()
	root.PersistentFlags().String(flags.FlagHome, app.DefaultNodeHome, "") // as svrcmd.Execute adds it
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetArgs(append(append([]string{"tx", module}, args...), "--from", from, "--generate-only", "--chain-id", "x"))
	require.NoError(t, root.Execute())
	var tx struct {
		Body struct {
			Messages []map[string]any `json:"messages"`
		} `json:"body"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &tx), out.String())
	return tx.Body.Messages
}

// TestValueFlowsTxCommands: the valueflows commands write their messages with the
// arguments in the right fields: a company's for a proposal or an authz exec, a member's
// own.
func TestValueFlowsTxCommands(t *testing.T) {
	home := app.DefaultNodeHome
	app.DefaultNodeHome = t.TempDir()
	t.Cleanup(func() { app.DefaultNodeHome = home })
	company := sdk.AccAddress(bytes.Repeat([]byte{7}, 32)).String()
	person := sdk.AccAddress(bytes.Repeat([]byte{9}, 20)).String()
	const vf = "/conductor.valueflows.v1."
	cases := []struct {
		from string
		args []string
		want map[string]any
	}{
		{company, []string{"define-spec", company, "flour", "kg", "food/grain"},
			map[string]any{"@type": vf + "MsgDefineSpec", "agent": company, "name": "flour", "unit": "kg", "classification": "food/grain"}},
		{company, []string{"start-process", company, "milling", "--recipe-id", "2"},
			map[string]any{"@type": vf + "MsgStartProcess", "company": company, "name": "milling", "recipe_id": "2"}},
		{company, []string{"record-event", company, "consume", "2.5", "--process-id", "1", "--resource-id", "4"},
			map[string]any{"@type": vf + "MsgRecordEvent", "company": company, "action": "ACTION_CONSUME", "quantity": "2.5", "process_id": "1", "resource_id": "4",
				"spec_id": "0", "to_resource_id": "0", "receiver": "", "value": "", "description": ""}},
		{company, []string{"attach", company, "7", "1", "--quantity", "0.5"},
			map[string]any{"@type": vf + "MsgAttach", "company": company, "event_id": "7", "process_id": "1", "quantity": "0.5"}},
		{company, []string{"finish-process", company, "1"}, map[string]any{"@type": vf + "MsgFinishProcess", "company": company, "process_id": "1"}},
		{company, []string{"create-recipe", company, "baking", "9", "10", "2h", "--inputs", `{"action":"ACTION_CONSUME","spec_id":"8","quantity":"5"}`},
			map[string]any{"@type": vf + "MsgCreateRecipe", "agent": company, "name": "baking", "output_spec_id": "9", "output_quantity": "10",
				"duration": "7200s", "inputs": []any{map[string]any{"action": "ACTION_CONSUME", "spec_id": "8", "occupation_id": "0", "quantity": "5"}}}},
		{person, []string{"intend", "demand", "9", "25", "2026-03-15T12:00:00Z"},
			map[string]any{"@type": vf + "MsgIntend", "agent": person, "kind": "INTENT_KIND_DEMAND", "spec_id": "9", "quantity": "25", "due": "2026-03-15T12:00:00Z", "description": ""}},
		{person, []string{"close-intent", "3"}, map[string]any{"@type": vf + "MsgCloseIntent", "agent": person, "intent_id": "3"}},
		{person, []string{"create-plan", "spring", "1", "2"}, map[string]any{"@type": vf + "MsgCreatePlan", "planner": person, "name": "spring", "intent_ids": []any{"1", "2"}}},
		{person, []string{"close-plan", "1"}, map[string]any{"@type": vf + "MsgClosePlan", "planner": person, "plan_id": "1"}},
	}
	for _, c := range cases {
		t.Run(c.args[0], func(t *testing.T) {
			require.Equal(t, []map[string]any{c.want}, generated(t, "valueflows", c.from, c.args...))
		})
	}
}

// TestAssemblyTxCommands: a member's assembly commands write their messages: propose and
// amend from a file, vote, give and take back a proxy.
func TestAssemblyTxCommands(t *testing.T) {
	home := app.DefaultNodeHome
	app.DefaultNodeHome = t.TempDir()
	t.Cleanup(func() { app.DefaultNodeHome = home })
	member := sdk.AccAddress(bytes.Repeat([]byte{9}, 20)).String()
	holder := sdk.AccAddress(bytes.Repeat([]byte{8}, 20)).String()
	assembly := sdk.AccAddress(bytes.Repeat([]byte{7}, 20)).String()
	admit := map[string]any{"@type": "/conductor.membership.v1.MsgAdmitMember", "authority": assembly, "person": holder}
	file := filepath.Join(t.TempDir(), "proposal.json")
	bz, err := json.Marshal(map[string]any{"kind": "PROPOSAL_KIND_MEMBERSHIP", "title": "admit", "summary": "why", "metadata": "https://forum/1", "messages": []any{admit}})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, bz, 0o600))
	cases := []struct {
		name string
		args []string
		want map[string]any
	}{
		{"propose", []string{"propose", file}, map[string]any{"@type": "/conductor.assembly.v1.MsgPropose", "proposer": member, "kind": "PROPOSAL_KIND_MEMBERSHIP",
			"title": "admit", "summary": "why", "metadata": "https://forum/1", "messages": []any{admit}}},
		{"amend", []string{"amend", "2", file}, map[string]any{"@type": "/conductor.assembly.v1.MsgAmend", "proposer": member, "proposal_id": "2", "kind": "PROPOSAL_KIND_MEMBERSHIP",
			"title": "admit", "summary": "why", "metadata": "https://forum/1", "messages": []any{admit}}},
		{"vote", []string{"vote", "3", "abstain"}, map[string]any{"@type": "/conductor.assembly.v1.MsgVote", "voter": member, "proposal_id": "3", "option": "VOTE_OPTION_ABSTAIN"}},
		{"give-proxy", []string{"give-proxy", holder}, map[string]any{"@type": "/conductor.assembly.v1.MsgGiveProxy", "member": member, "holder": holder, "kind": "PROPOSAL_KIND_UNSPECIFIED"}},
		{"give-proxy for a kind", []string{"give-proxy", holder, "--kind", "parameters"}, map[string]any{"@type": "/conductor.assembly.v1.MsgGiveProxy", "member": member, "holder": holder, "kind": "PROPOSAL_KIND_PARAMETERS"}},
		{"take-back-proxy", []string{"take-back-proxy"}, map[string]any{"@type": "/conductor.assembly.v1.MsgTakeBackProxy", "member": member, "kind": "PROPOSAL_KIND_UNSPECIFIED"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, []map[string]any{c.want}, generated(t, "assembly", member, c.args...))
		})
	}
}
