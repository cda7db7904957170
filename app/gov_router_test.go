package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	upgradetypes "cosmossdk.io/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
)

// TestGovCarriesUpgradesOnly: stake-weighted x/gov may schedule a software upgrade, and
// nothing else; every other collective decision belongs to the one-member-one-vote assembly.
func TestGovCarriesUpgradesOnly(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice := r.Accounts["alice"]
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	deposit := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 10_000_000))
	propose := func(msg sdk.Msg) (uint32, string) {
		prop, err := govv1.NewMsgSubmitProposal([]sdk.Msg{msg}, deposit, alice.String(), "", "title", "summary", false)
		require.NoError(t, err)
		res := r.Deliver(alice, prop)
		return res.Code, res.Log
	}

	code, log := propose(&upgradetypes.MsgSoftwareUpgrade{Authority: gov, Plan: upgradetypes.Plan{Name: "v2", Height: 1000}})
	require.Zero(t, code, log)

	for name, msg := range map[string]sdk.Msg{
		"bank params":      &banktypes.MsgUpdateParams{Authority: gov, Params: banktypes.DefaultParams()},
		"send from gov":    banktypes.NewMsgSend(authtypes.NewModuleAddress(govtypes.ModuleName), alice.Addr, deposit),
		"legacy text prop": mustLegacy(t, gov),
	} {
		code, log := propose(msg)
		require.Equal(t, govtypes.ErrUnroutableProposalMsg.ABCICode(), code, "%s: %s", name, log)
	}
}

func mustLegacy(t *testing.T, gov string) sdk.Msg {
	msg, err := govv1.NewLegacyContent(govv1beta1.NewTextProposal("title", "text"), gov)
	require.NoError(t, err)
	return msg
}
