package app_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/crypto/secp256k1"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
)

const (
	throughputAccounts = 100_000 // accounts in the region's state
	throughputBlocks   = 3       // blocks per workload
	throughputBlockTxs = 2_000   // pre-signed txs per block, each from its own account
)

// BenchmarkThroughput runs blocks of pre-signed txs as a node does (CheckTx of every tx, then
// FinalizeBlock and Commit) in a region of 100,000 accounts, for person-to-person sends, a
// purchase from a co-op's listing and a clock-out, and reports each as tx_per_s. It measures
// secp256k1 verifications per second on one core in the same run: a node verifies each
// signature twice (CheckTx and FinalizeBlock), so verify_per_s / 2 is the limit a send could
// reach; send_vs_limit is the send rate over it. restricted_per_plain compares the sends
// with the same sends after the RSC rule's bank restriction is removed (its ante check, two
// registry reads, stays).
func BenchmarkThroughput(b *testing.B) {
	for range b.N {
		verify := verifyRate(b)
		sendMsg := func(r *region.Region, from, to region.Account, _ uint64) sdk.Msg {
			return banktypes.NewMsgSend(from.Addr, to.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1_000)))
		}
		unrestricted := func(r *region.Region) { r.App.BankKeeper.ClearSendRestriction() }
		// the two sends alternate, twice, and each keeps its best run: the comparison is
		// between the code paths, not between the garbage collector's moments
		send := throughput(b, "send", sendMsg, nil)
		plain := throughput(b, "send, no restriction", sendMsg, unrestricted)
		send = max(send, throughput(b, "send", sendMsg, nil))
		plain = max(plain, throughput(b, "send, no restriction", sendMsg, unrestricted))
		var listing uint64
		purchase := throughput(b, "purchase", func(r *region.Region, from, _ region.Account, _ uint64) sdk.Msg {
			return &markettypes.MsgPurchase{Buyer: from.String(), ListingId: listing, Quantity: 1}
		}, func(r *region.Region) { listing = openListing(b, r) })
		clockOut := throughput(b, "clock-out", func(r *region.Region, from, _ region.Account, i uint64) sdk.Msg {
			return &payrolltypes.MsgClockOut{Worker: from.String(), EmploymentId: i + 1}
		}, clockIn)
		b.ReportMetric(verify, "verify_per_s")
		b.ReportMetric(send, "send_tx_per_s")
		b.ReportMetric(purchase, "purchase_tx_per_s")
		b.ReportMetric(clockOut, "clockout_tx_per_s")
		b.ReportMetric(send/(verify/2), "send_vs_limit")
		b.ReportMetric(send/plain, "restricted_per_plain")
	}
}

// verifyRate is secp256k1 signature verifications per second on one core.
func verifyRate(b *testing.B) float64 {
	key := secp256k1.GenPrivKey()
	msg := []byte("a sign bytes of about the size of a send's")
	sig, err := key.Sign(msg)
	require.NoError(b, err)
	pub := key.PubKey()
	n, start := 0, time.Now()
	for time.Since(start) < time.Second {
		for range 100 {
			require.True(b, pub.VerifySignature(msg, sig))
		}
		n += 100
	}
	return float64(n) / time.Since(start).Seconds()
}

// throughput builds a region of throughputAccounts accounts, prepares it, pre-signs
// throughputBlocks blocks of txs (tx i by account i, made by msg), and runs them as a node
// does; it returns txs per second over the blocks.
func throughput(b *testing.B, name string, msg func(r *region.Region, from, to region.Account, i uint64) sdk.Msg, prepare func(*region.Region)) float64 {
	b.StopTimer()
	defer b.StartTimer()
	r := region.New(b, region.DefaultConfig())
	n := throughputBlocks * throughputBlockTxs
	signers := populate(b, r, n)
	if prepare != nil {
		prepare(r)
	}
	blocks := make([][][]byte, throughputBlocks)
	for i := range n {
		to := signers[(i+1)%n]
		blocks[i/throughputBlockTxs] = append(blocks[i/throughputBlockTxs], r.Tx([]region.Account{signers[i]}, msg(r, signers[i], to, uint64(i))))
	}
	runtime.GC() // the setup's garbage (and the last run's) is not this run's
	b.StartTimer()
	start := time.Now()
	for _, txs := range blocks {
		for _, tx := range txs {
			res, err := r.App.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
			require.NoError(b, err)
			require.Zero(b, res.Code, res.Log)
		}
		out := r.NextBlock(time.Second, txs...)
		for _, res := range out.TxResults {
			require.Zero(b, res.Code, res.Log)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	rate := float64(n) / elapsed.Seconds()
	b.Logf("%-22s %6d txs in %d blocks: %7.0f tx/s", name, n, throughputBlocks, rate)
	return rate
}

// populate writes throughputAccounts funded accounts; the first n have keys (the signers)
// and their public keys on chain, as accounts that have sent before do.
func populate(b *testing.B, r *region.Region, n int) []region.Account {
	ctx := r.Ctx()
	ak, bk := r.App.AccountKeeper, r.App.BankKeeper
	each := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1_000_000_000))
	require.NoError(b, bk.MintCoins(ctx, ibctransfertypes.ModuleName, each.MulInt(math.NewInt(throughputAccounts))))
	signers := make([]region.Account, 0, n)
	for i := range throughputAccounts {
		var addr sdk.AccAddress
		acc := authtypes.NewBaseAccountWithAddress(nil)
		if i < n {
			s := region.NewAccount(fmt.Sprintf("throughput-%d", i))
			signers = append(signers, s)
			addr = s.Addr
			acc = authtypes.NewBaseAccountWithAddress(addr)
			require.NoError(b, acc.SetPubKey(s.Priv.PubKey()))
		} else {
			addr = sdk.AccAddress(fmt.Appendf(nil, "account-%012d", i))
			acc = authtypes.NewBaseAccountWithAddress(addr)
		}
		ak.SetAccount(ctx, ak.NewAccount(ctx, acc))
		require.NoError(b, bk.SendCoinsFromModuleToAccount(ctx, ibctransfertypes.ModuleName, addr, each))
	}
	r.NextBlock(time.Second)
	return signers
}

// openListing has the Bakery Co-op list bread in unlimited stock; it returns the listing.
func openListing(b *testing.B, r *region.Region) uint64 {
	bakery := r.AgentAddr("Bakery Co-op")
	r.Pass(bakery.String(), []region.Account{r.Accounts["alice"], r.Accounts["bob"]}, &markettypes.MsgCreateListing{
		Seller: bakery.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "bread", Unit: "loaf", UnitPrice: math.NewInt(5_000_000), Stock: "unlimited",
	})
	id, err := r.App.MarketKeeper.ListingSeq.Peek(r.Ctx())
	require.NoError(b, err)
	return id
}

// clockIn employs each signer at the Bakery Co-op with a shift open since an hour ago
// (employment i+1 is signer i's).
func clockIn(r *region.Region) {
	ctx := r.Ctx()
	k := r.App.PayrollKeeper
	bakery := r.AgentAddr("Bakery Co-op")
	in := r.Time.Add(-time.Hour)
	n := uint64(throughputBlocks * throughputBlockTxs)
	for i := range n {
		worker := region.NewAccount(fmt.Sprintf("throughput-%d", i)).Addr
		id := i + 1
		must(k.Employments.Set(ctx, id, payrolltypes.Employment{
			Id: id, Company: bakery.String(), Worker: worker.String(), OccupationId: 1, Wage: math.NewInt(30_000_000),
			StartedAt: in, ClockedInAt: &in, PaidThrough: in, Carry: math.LegacyZeroDec(), HoursPerWeek: 40,
		}))
		must(k.EmploymentsByWorker.Set(ctx, collections.Join(worker, id)))
		must(k.EmploymentsByCompany.Set(ctx, collections.Join(bakery, id)))
	}
	must(k.EmploymentSeq.Set(ctx, n))
	r.NextBlock(time.Second)
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
