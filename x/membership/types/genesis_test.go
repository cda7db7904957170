package types_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/membership/types"
)

func TestGenesisValidate(t *testing.T) {
	addr := func(b byte) string { return sdk.AccAddress(append(make([]byte, 19), b)).String() }
	member := types.Agent{Address: addr(1), Kind: types.AGENT_KIND_PERSON, Member: true}
	cases := []struct {
		name   string
		agents []types.Agent
		ok     bool
	}{
		{"a member and a non-member person with a name", []types.Agent{member, {Address: addr(2), Kind: types.AGENT_KIND_PERSON, Name: "Dave", SinceHeight: 7}}, true},
		{"a malformed address", []types.Agent{{Address: "rsc1notanaddress", Kind: types.AGENT_KIND_PERSON}}, false},
		{"a person listed twice", []types.Agent{member, {Address: addr(1), Kind: types.AGENT_KIND_PERSON}}, false},
		{"no kind", []types.Agent{{Address: addr(2)}}, false},
		{"a member company", []types.Agent{{Address: addr(2), Kind: types.AGENT_KIND_COMPANY, Member: true, GroupId: 1}}, false},
		{"a person with a group", []types.Agent{{Address: addr(2), Kind: types.AGENT_KIND_PERSON, GroupId: 3}}, false},
		{"a person's name too long", []types.Agent{{Address: addr(2), Kind: types.AGENT_KIND_PERSON, Name: strings.Repeat("d", types.MaxNameLength+1)}}, false},
		{"a negative since_height", []types.Agent{{Address: addr(2), Kind: types.AGENT_KIND_PERSON, SinceHeight: -1}}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := types.DefaultGenesis()
			gs.Agents = tc.agents
			err := gs.Validate()
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
		})
	}
}
