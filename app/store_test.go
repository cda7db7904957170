package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
)

// TestTransferWritesNoIndexEntryTwice: x/bank sets its denom index entry on every balance
// change; the app's bank store keeps an entry already there, so a transfer between two
// holders writes their two balances and nothing else, while the index still follows who
// holds RSC (a new holder enters it, an emptied balance leaves it).
func TestTransferWritesNoIndexEntryTwice(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob := r.Accounts["alice"], r.Accounts["bob"]
	newcomer := region.NewAccount("newcomer")
	key := r.App.GetKey(banktypes.StoreKey)
	r.App.CommitMultiStore().AddListeners([]storetypes.StoreKey{key})
	r.App.CommitMultiStore().PopStateCache()

	holders := func() []string {
		res, err := r.App.BankKeeper.DenomOwners(r.Ctx(), &banktypes.QueryDenomOwnersRequest{Denom: app.Denom})
		require.NoError(t, err)
		var out []string
		for _, o := range res.DenomOwners {
			out = append(out, o.Address)
		}
		return out
	}
	send := func(from region.Account, to sdk.AccAddress, amount math.Int) {
		r.MustDeliver(from, banktypes.NewMsgSend(from.Addr, to, sdk.NewCoins(sdk.NewCoin(app.Denom, amount))))
	}
	indexWrites := func() (n int) {
		for _, kv := range r.App.CommitMultiStore().PopStateCache() {
			if kv.StoreKey == banktypes.StoreKey && len(kv.Key) > 0 && kv.Key[0] == banktypes.DenomAddressPrefix[0] {
				n++
			}
		}
		return n
	}

	for _, tc := range []struct {
		name        string
		do          func()
		indexWrites int
		newcomerIn  bool
	}{
		{"between two holders", func() { send(alice, bob.Addr, math.NewInt(1_000)) }, 0, false},
		{"to a new holder", func() { send(alice, newcomer.Addr, math.NewInt(5_000)) }, 1, true},
		{"to the same holder again", func() { send(bob, newcomer.Addr, math.NewInt(1_000)) }, 0, true},
	} {
		tc.do()
		require.Equal(t, tc.indexWrites, indexWrites(), tc.name)
		require.Contains(t, holders(), bob.String(), tc.name)
		if tc.newcomerIn {
			require.Contains(t, holders(), newcomer.String(), tc.name)
		} else {
			require.NotContains(t, holders(), newcomer.String(), tc.name)
		}
	}

	// the newcomer spends all it holds: it leaves the index
	send(newcomer, bob.Addr, r.Balance(newcomer.Addr))
	require.True(t, r.Balance(newcomer.Addr).IsZero())
	require.NotContains(t, holders(), newcomer.String())
	require.Equal(t, 1, indexWrites(), "the entry removed")
}
