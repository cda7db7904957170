//go:build loadtest

// Load test: a bounded generator on loopback offers transfers at a rising rate to the four
// validators' RPC, and reports for each rate what the region took, how fast transfers were
// committed (p50, p99) and how steady the block interval stayed, up to saturation. Run
// with `make loadtest`; it prints a table and stops by itself.

package local4

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"
	"testing"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
)

const (
	loadSenders = 100              // accounts that send, round robin
	stepTime    = 12 * time.Second // each rate is offered this long
)

var rates = []int{25, 50, 100, 200, 400, 800, 1600}

// sender is a load account with its sequence tracked here (transfers in flight follow each
// other in the mempool).
type sender struct {
	acc      region.Account
	number   uint64
	sequence uint64
}

type loader struct {
	t        *testing.T
	cfg      client.TxConfig
	registry codectypes.InterfaceRegistry
	rpcs     []*rpchttp.HTTP
	senders  []*sender
	next     int

	mu        sync.Mutex
	submitted map[string]time.Time // tx hash -> when it was handed to a node
	seen      map[int64]time.Time  // height -> when node 0 first reported it
}

func TestLoad(t *testing.T) {
	n := start(t, "local-4-load")
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	l := &loader{t: t, cfg: a.TxConfig(), registry: a.InterfaceRegistry(), submitted: map[string]time.Time{}, seen: map[int64]time.Time{}}
	for i := range 4 {
		c, err := rpchttp.New(n.node(i).Node, "/websocket")
		require.NoError(t, err)
		l.rpcs = append(l.rpcs, c)
	}
	l.fund(n)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go l.watchHeights(ctx)

	fmt.Printf("\nload on networks/local-4 (4 validators, 1 s timeout_commit), %d senders, %s a step\n", loadSenders, stepTime)
	fmt.Printf("%8s %9s %9s %10s %8s %8s %14s %7s\n", "offered", "accepted", "rejected", "committed", "p50", "p99", "block interval", "blocks")
	saturation := 0.0
	for _, rate := range rates {
		s := l.step(rate)
		fmt.Printf("%6d/s %9d %9d %8.1f/s %8s %8s %7.2fs ±%4.2f %7d\n", rate, s.accepted, s.rejected, s.committedRate,
			s.p50.Round(time.Millisecond), s.p99.Round(time.Millisecond), s.intervalMean, s.intervalSD, s.blocks)
		saturation = max(saturation, s.committedRate)
		if s.committedRate < 0.8*float64(rate) || s.rejected > s.accepted/20 || s.p99 > 10*time.Second {
			fmt.Printf("saturated at %d/s offered: %.0f tx/s committed at most\n", rate, saturation)
			break
		}
	}
	require.Positive(t, saturation)
}

// fund sends each load account 1,000 RSC from alice in one multi-send and reads their
// account numbers.
func (l *loader) fund(n *network) {
	var to []string
	for i := range loadSenders {
		acc := region.NewAccount(fmt.Sprintf("load-%d", i))
		l.senders = append(l.senders, &sender{acc: acc})
		to = append(to, acc.String())
	}
	args := append([]string{"tx", "bank", "multi-send", "alice"}, to...)
	n.c.Tx(n.node(0), "alice", append(args, "1000000000ursc")...)
	for _, s := range l.senders {
		var res struct {
			Account struct {
				Value struct {
					Number string `json:"account_number"`
				} `json:"value"`
			} `json:"account"`
		}
		n.c.Query(n.node(0), &res, "query", "auth", "account", s.acc.String())
		_, err := fmt.Sscan(res.Account.Value.Number, &s.number)
		require.NoError(l.t, err, "account number of %s", s.acc)
	}
}

// watchHeights records when node 0 first reports each height.
func (l *loader) watchHeights(ctx context.Context) {
	for ctx.Err() == nil {
		if st, err := l.rpcs[0].Status(ctx); err == nil {
			l.mu.Lock()
			if _, ok := l.seen[st.SyncInfo.LatestBlockHeight]; !ok {
				l.seen[st.SyncInfo.LatestBlockHeight] = time.Now()
			}
			l.mu.Unlock()
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// signed is a transfer and the node its sender always uses (so that the sender's
// transfers in flight reach one mempool in sequence).
type signed struct {
	tx   []byte
	node int
}

// sign makes the next transfer of the next sender (to the sender after it).
func (l *loader) sign() signed {
	node := l.next % len(l.senders) % len(l.rpcs)
	s := l.senders[l.next%len(l.senders)]
	to := l.senders[(l.next+1)%len(l.senders)]
	l.next++
	b := l.cfg.NewTxBuilder()
	require.NoError(l.t, b.SetMsgs(banktypes.NewMsgSend(s.acc.Addr, to.acc.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1)))))
	b.SetGasLimit(200_000)
	mode := signing.SignMode_SIGN_MODE_DIRECT
	require.NoError(l.t, b.SetSignatures(signing.SignatureV2{PubKey: s.acc.Priv.PubKey(), Data: &signing.SingleSignatureData{SignMode: mode}, Sequence: s.sequence}))
	data := authsigning.SignerData{Address: s.acc.String(), ChainID: chainID, AccountNumber: s.number, Sequence: s.sequence, PubKey: s.acc.Priv.PubKey()}
	sig, err := clienttx.SignWithPrivKey(context.Background(), mode, data, b, s.acc.Priv, l.cfg, s.sequence)
	require.NoError(l.t, err)
	require.NoError(l.t, b.SetSignatures(sig))
	bz, err := l.cfg.TxEncoder()(b.GetTx())
	require.NoError(l.t, err)
	s.sequence++
	return signed{bz, node}
}

type stepResult struct {
	accepted, rejected, blocks int
	committedRate              float64
	p50, p99                   time.Duration
	intervalMean, intervalSD   float64
}

// step offers rate transfers a second for stepTime, spread over the four nodes, then waits
// for what was accepted to be committed (at most 30 s) and measures.
func (l *loader) step(rate int) stepResult {
	ctx := context.Background()
	first, err := l.rpcs[0].Status(ctx)
	require.NoError(l.t, err)
	txs := make(chan signed, rate)
	var accepted, rejected int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for tx := range txs {
				at := time.Now()
				res, err := l.rpcs[tx.node].BroadcastTxSync(ctx, tx.tx)
				mu.Lock()
				if err == nil && res.Code == 0 {
					accepted++
					l.mu.Lock()
					l.submitted[res.Hash.String()] = at
					l.mu.Unlock()
				} else {
					rejected++
				}
				mu.Unlock()
			}
		}()
	}
	begin := time.Now()
	for sent := 0; time.Since(begin) < stepTime; {
		due := int(time.Since(begin).Seconds() * float64(rate))
		for ; sent < due; sent++ {
			txs <- l.sign()
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(txs)
	wg.Wait()
	offeredFor := time.Since(begin)
	var lats []time.Duration
	var times []time.Time
	committed := 0
	deadline := time.Now().Add(30 * time.Second)
	for h := first.SyncInfo.LatestBlockHeight + 1; ; h++ {
		block := l.waitBlock(ctx, h, deadline)
		if block == nil {
			break
		}
		times = append(times, block.Time)
		l.mu.Lock()
		seenAt := l.seen[h]
		for _, tx := range block.Txs {
			if at, ok := l.submitted[fmt.Sprintf("%X", tx.Hash())]; ok {
				lats = append(lats, seenAt.Sub(at))
				committed++
			}
		}
		l.mu.Unlock()
		if committed >= accepted && block.Time.After(begin.Add(offeredFor)) {
			break
		}
	}
	if rejected > 0 {
		l.resync(ctx)
	}
	sort.Slice(lats, func(i, j int) bool { return lats[i] < lats[j] })
	r := stepResult{accepted: accepted, rejected: rejected, blocks: len(times), committedRate: float64(committed) / offeredFor.Seconds()}
	if len(lats) > 0 {
		r.p50, r.p99 = lats[len(lats)/2], lats[min(len(lats)-1, len(lats)*99/100)]
	}
	var ivs []float64
	for i := 1; i < len(times); i++ {
		ivs = append(ivs, times[i].Sub(times[i-1]).Seconds())
	}
	if len(ivs) > 0 {
		for _, v := range ivs {
			r.intervalMean += v
		}
		r.intervalMean /= float64(len(ivs))
		for _, v := range ivs {
			r.intervalSD += (v - r.intervalMean) * (v - r.intervalMean)
		}
		r.intervalSD = math.Sqrt(r.intervalSD / float64(len(ivs)))
	}
	return r
}

// waitBlock returns block h once node 0 has it, or nil after deadline.
func (l *loader) waitBlock(ctx context.Context, h int64, deadline time.Time) *cmttypes.Block {
	for time.Now().Before(deadline) {
		if res, err := l.rpcs[0].Block(ctx, &h); err == nil && res.Block != nil {
			return res.Block
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil
}

// resync reads every sender's sequence back from the chain (after rejections left gaps).
func (l *loader) resync(ctx context.Context) {
	time.Sleep(3 * time.Second)
	for _, s := range l.senders {
		req, err := (&authtypes.QueryAccountRequest{Address: s.acc.String()}).Marshal()
		require.NoError(l.t, err)
		res, err := l.rpcs[0].ABCIQuery(ctx, "/cosmos.auth.v1beta1.Query/Account", req)
		if err != nil || res.Response.Code != 0 {
			continue
		}
		var out authtypes.QueryAccountResponse
		var acc sdk.AccountI
		if out.Unmarshal(res.Response.Value) == nil && l.registry.UnpackAny(out.Account, &acc) == nil {
			s.sequence = acc.GetSequence()
		}
	}
}
