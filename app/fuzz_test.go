package app_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	federationtypes "github.com/conductor-coop/conductor/x/federation/types"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// FuzzTxDecode: any bytes a node receives decode to a tx or an error, never a panic, and a
// decoded tx encodes again.
func FuzzTxDecode(f *testing.F) {
	r := region.New(f, region.DefaultConfig())
	alice, bob := r.Accounts["alice"], r.Accounts["bob"]
	f.Add(r.Tx([]region.Account{alice}, banktypes.NewMsgSend(alice.Addr, bob.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 5)))))
	f.Add(r.Tx([]region.Account{alice}, &markettypes.MsgPurchase{Buyer: alice.String(), ListingId: 1, Quantity: 2}))
	f.Add([]byte{})
	decode, encode := r.App.TxConfig().TxDecoder(), r.App.TxConfig().TxEncoder()
	f.Fuzz(func(t *testing.T, bz []byte) {
		tx, err := decode(bz)
		if err != nil {
			return
		}
		_, err = encode(tx)
		require.NoError(t, err)
	})
}

// FuzzMsgHandling: a Conductor message of any type, with any content, handled by its module
// in a region with members, co-ops, a bank and a treasury, is done or refused with an
// error, never a panic. (The first byte picks the message type.)
func FuzzMsgHandling(f *testing.F) {
	r := region.New(f, region.DefaultConfig())
	a := r.App
	var urls []string
	for _, url := range a.InterfaceRegistry().ListImplementations(sdk.MsgInterfaceProtoName) {
		if strings.HasPrefix(url, "/conductor.") {
			urls = append(urls, url)
		}
	}
	sort.Strings(urls)
	require.NotEmpty(f, urls)
	index := func(m sdk.Msg) byte {
		i := sort.SearchStrings(urls, sdk.MsgTypeURL(m))
		require.Less(f, i, len(urls))
		return byte(i)
	}
	alice, bakery, asm := r.Accounts["alice"].String(), r.AgentAddr("Bakery Co-op").String(), r.Assembly()
	for _, m := range []sdk.Msg{
		&markettypes.MsgPurchase{Buyer: alice, ListingId: 1, Quantity: 2},
		&markettypes.MsgCreateListing{Seller: bakery, Kind: markettypes.LISTING_KIND_PRODUCT, Name: "bread", Unit: "loaf", UnitPrice: math.NewInt(5), Stock: "3"},
		&payrolltypes.MsgClockIn{Worker: alice, EmploymentId: 1},
		&federationtypes.MsgContribute{Authority: asm, PoolId: 1, Amount: math.NewInt(7)},
		&federationtypes.MsgSetRegion{Authority: asm, Region: federationtypes.Region{Name: "b", ChainId: "b-1", ChannelId: "channel-0"}},
		&valueflowstypes.MsgRecordEvent{Company: bakery, Action: valueflowstypes.ACTION_RAISE, SpecId: 2, Quantity: math.LegacyNewDec(3).String()},
		&valueflowstypes.MsgCreateRecipe{Agent: bakery, Name: "r", OutputSpecId: 3, OutputQuantity: math.LegacyNewDec(1).String(),
			Inputs: []valueflowstypes.RecipeInput{{Action: valueflowstypes.ACTION_CONSUME, SpecId: 2, Quantity: math.LegacyNewDec(1).String()}}},
		&valueflowstypes.MsgIntend{Agent: alice, Kind: valueflowstypes.INTENT_KIND_DEMAND, SpecId: 2, Quantity: math.LegacyNewDec(1).String(), Due: r.Time.Add(time.Hour)},
	} {
		bz, err := proto.Marshal(m)
		require.NoError(f, err)
		f.Add(index(m), bz)
	}
	ctx := r.Ctx()
	f.Fuzz(func(t *testing.T, kind byte, bz []byte) {
		msg, err := a.InterfaceRegistry().Resolve(urls[int(kind)%len(urls)])
		require.NoError(t, err)
		if proto.Unmarshal(bz, msg) != nil {
			return
		}
		handler := a.MsgServiceRouter().Handler(msg)
		require.NotNil(t, handler)
		cached, _ := ctx.CacheContext()
		require.NotPanics(t, func() { _, _ = handler(cached, msg) }, "%s", msg)
	})
}
