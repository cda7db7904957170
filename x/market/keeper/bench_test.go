package keeper_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/market/types"
)

// BenchmarkPurchaseVsSend delivers blocks of signed purchase txs and, in the same run,
// blocks of plain person-to-person bank sends, through FinalizeBlock and Commit as a node
// does (signing is outside the timer), and reports purchase_per_send: purchase tx/s divided
// by send tx/s. Each block has one tx from each of 500 accounts (non-members, so the
// external sales tax applies and every purchase pays the seller and the treasury); purchase
// and send blocks alternate, so both see the same state size; the first pair warms up.
func BenchmarkPurchaseVsSend(b *testing.B) {
	const accounts, rounds = 500, 10
	cfg := region.DefaultConfig()
	for i := range accounts {
		cfg.NonMembers = append(cfg.NonMembers, fmt.Sprintf("buyer-%d", i))
	}
	var purchaseTime, sendTime time.Duration
	var txs int
	for range b.N {
		b.StopTimer()
		r := region.New(b, cfg)
		f := &fixture{r: r, bakery: r.AgentAddr("Bakery Co-op")}
		listing := benchListing(b, f)
		signers := make([]region.Account, accounts)
		for i := range signers {
			signers[i] = r.Accounts[fmt.Sprintf("buyer-%d", i)]
		}
		block := func(msg func(i int, s region.Account) sdk.Msg) time.Duration {
			txs := make([][]byte, len(signers))
			for i, s := range signers {
				txs[i] = r.Tx([]region.Account{s}, msg(i, s))
			}
			runtime.GC()
			b.StartTimer()
			began := time.Now()
			res := r.NextBlock(time.Second, txs...)
			took := time.Since(began)
			b.StopTimer()
			for _, tx := range res.TxResults {
				require.Zero(b, tx.Code, tx.Log)
			}
			return took
		}
		for round := range rounds + 1 {
			p := block(func(_ int, s region.Account) sdk.Msg {
				return &types.MsgPurchase{Buyer: s.String(), ListingId: listing, Quantity: 1}
			})
			s := block(func(i int, s region.Account) sdk.Msg {
				return banktypes.NewMsgSend(s.Addr, signers[(i+1)%len(signers)].Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1_000)))
			})
			if round > 0 { // the first round warms up (the seller's books, the accounts' caches)
				purchaseTime, sendTime, txs = purchaseTime+p, sendTime+s, txs+accounts
			}
		}
		orders, err := r.App.MarketKeeper.OrderSeq.Peek(r.Ctx())
		require.NoError(b, err)
		require.Equal(b, uint64((rounds+1)*accounts), orders)
	}
	purchaseRate := float64(txs) / purchaseTime.Seconds()
	sendRate := float64(txs) / sendTime.Seconds()
	b.ReportMetric(purchaseRate, "purchase_tx/s")
	b.ReportMetric(sendRate, "send_tx/s")
	b.ReportMetric(purchaseRate/sendRate, "purchase_per_send")
}

// benchListing lists an unlimited service of the Bakery by its workers' proposal.
func benchListing(b *testing.B, f *fixture) uint64 {
	f.r.Pass(f.bakery.String(), []region.Account{f.r.Accounts["alice"], f.r.Accounts["bob"]}, &types.MsgCreateListing{
		Seller: f.bakery.String(), Kind: types.LISTING_KIND_SERVICE, Name: "Delivery", Unit: "trip",
		UnitPrice: math.NewInt(1_000_000), Stock: types.Unlimited,
	})
	last, err := f.r.App.MarketKeeper.ListingSeq.Peek(f.r.Ctx())
	require.NoError(b, err)
	return last
}
