package keeper_test

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/assembly/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// benchTxsPerBlock is how many signed vote transactions each voting block carries.
const benchTxsPerBlock = 250

// scale is a region's size for the benchmark: members; members counted in the vote;
// proxy holders, each holding perHolder proxies; members who gave a proxy and then vote
// themselves (overriders). The others counted vote directly.
type scale struct{ members, counted, holders, perHolder, overriders int }

// votes is how many vote transactions the scale makes.
func (s scale) votes() int { return s.counted - s.holders*s.perHolder + s.overriders }

type assemblyRun struct {
	voteTxUs                  float64 // per vote: CheckTx, FinalizeBlock and Commit
	median, close, worstClean time.Duration
	votingBlocks, cleanBlocks int
}

// BenchmarkAssembly: a region of 1,000,000 members; 300,000 of them are counted on one
// proposal over its voting period: 1,000 holders with 100 proxies each vote, 10,000 of the
// members who gave a proxy then vote themselves, 199,000 vote directly; 210,000 signed vote
// transactions in blocks of 250, each through CheckTx, FinalizeBlock and Commit as a node
// runs them. Then the proposal closes and executes (a parameter change), and its votes are
// deleted, max_vote_deletions_per_block a block. The same is run in a region of 1,000
// members (all counted, one holder of 100) for the per-vote cost's ratio.
// ASSEMBLY_BENCH_MEMBERS scales the large region down for a quick run (the other numbers
// follow in proportion); BENCH_DB chooses the store (region.BenchDB: e.g. goleveldb, on disk).
func BenchmarkAssembly(b *testing.B) {
	members := 1_000_000
	if s := os.Getenv("ASSEMBLY_BENCH_MEMBERS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(b, err)
		members = n
	}
	large := scale{members: members, counted: members * 3 / 10, holders: members / 1000, perHolder: 100, overriders: members / 100}
	small := scale{members: 1_000, counted: 1_000, holders: 1, perHolder: 100, overriders: 10}
	for range b.N {
		s := runAssembly(b, small)
		l := runAssembly(b, large)
		b.ReportMetric(l.voteTxUs, "vote_tx_us")
		b.ReportMetric(float64(l.median.Microseconds())/1000, "median_block_ms")
		b.ReportMetric(float64(l.close.Microseconds())/1000, "close_block_ms")
		b.ReportMetric(float64(l.worstClean.Microseconds())/1000, "worst_block_ms")
		b.ReportMetric(float64(l.cleanBlocks), "cleanup_blocks")
		b.ReportMetric(s.voteTxUs, "vote_tx_us_1k_members")
		b.ReportMetric(l.voteTxUs/s.voteTxUs, "vote_tx_us_ratio")
		b.ReportMetric(float64(l.close)/float64(l.median), "close_block_ratio")
		b.ReportMetric(float64(l.worstClean)/float64(l.median), "cleanup_block_ratio")
	}
}

// runAssembly builds a region of s (untimed), votes, closes and cleans up (timed).
func runAssembly(b *testing.B, s scale) assemblyRun {
	b.StopTimer()
	defer b.StartTimer()
	cfg := region.DefaultConfig()
	cfg.AssemblyVotingPeriod = 72 * time.Hour
	cfg.DB = region.BenchDB(b)
	r := region.New(b, cfg)
	holders, givers, direct := populateMembers(b, r, s)

	params, err := r.App.GovernanceParamsKeeper.GetParams(r.Ctx())
	require.NoError(b, err)
	params.IncomeTaxRate = params.IncomeTaxRate.Add(params.IncomeTaxRate.QuoInt64(10))
	id := r.AssemblyPropose(r.Accounts["alice"], &gptypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	p := r.AssemblyProposal(id).Proposal
	require.Equal(b, types.PROPOSAL_STATUS_VOTING, p.Status)
	require.EqualValues(b, s.members+3, p.Eligible)

	// the votes, in the order a voting period brings them: holders first, then direct votes
	// with the overriders among them
	var voters []region.Account
	var options []types.VoteOption
	add := func(a region.Account, o types.VoteOption) { voters, options = append(voters, a), append(options, o) }
	for _, h := range holders {
		add(h, types.VOTE_OPTION_YES)
	}
	every, next := max(1, len(direct)/max(1, len(givers))), 0
	for i, d := range direct {
		add(d, []types.VoteOption{types.VOTE_OPTION_YES, types.VOTE_OPTION_YES, types.VOTE_OPTION_NO, types.VOTE_OPTION_ABSTAIN}[i%4])
		if i%every == 0 && next < len(givers) {
			add(givers[next], types.VOTE_OPTION_NO)
			next++
		}
	}
	for ; next < len(givers); next++ {
		add(givers[next], types.VOTE_OPTION_NO)
	}
	require.Equal(b, s.votes(), len(voters))
	var run assemblyRun
	var blockTimes []time.Duration
	var total time.Duration
	for start := 0; start < len(voters); start += benchTxsPerBlock {
		end := min(start+benchTxsPerBlock, len(voters))
		txs := make([][]byte, 0, end-start)
		for i := start; i < end; i++ {
			txs = append(txs, r.Tx([]region.Account{voters[i]}, &types.MsgVote{Voter: voters[i].String(), ProposalId: id, Option: options[i]}))
		}
		if n := start / benchTxsPerBlock; n%50 == 0 {
			runtime.GC() // now and then: the signing's garbage is not the blocks' (a full GC of a large region's heap takes a second)
			fmt.Fprintf(os.Stderr, "assembly bench: %d members, vote block %d of %d\n", s.members, n, (len(voters)+benchTxsPerBlock-1)/benchTxsPerBlock)
		}
		b.StartTimer()
		began := time.Now()
		for _, tx := range txs {
			res, err := r.App.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
			require.NoError(b, err)
			require.Zero(b, res.Code, res.Log)
		}
		checked := time.Now()
		out := r.NextBlock(time.Second, txs...)
		done := time.Now()
		b.StopTimer()
		for _, res := range out.TxResults {
			require.Zero(b, res.Code, res.Log)
		}
		blockTimes = append(blockTimes, done.Sub(checked))
		total += done.Sub(began)
	}
	run.voteTxUs = float64(total.Microseconds()) / float64(len(voters))
	run.votingBlocks = len(blockTimes)
	slices.Sort(blockTimes)
	run.median = blockTimes[len(blockTimes)/2]

	tally := r.AssemblyProposal(id).Proposal.Tally
	require.EqualValues(b, s.counted, tally.Counted(), "every member counted once: %v", tally)

	// the close: one block at the voting end, O(1), running the parameter change
	p = r.AssemblyProposal(id).Proposal
	runtime.GC()
	b.StartTimer()
	began := time.Now()
	r.At(p.VotingEnd)
	run.close = time.Since(began)
	b.StopTimer()
	closed := r.AssemblyProposal(id).Proposal
	require.Equal(b, types.PROPOSAL_STATUS_PASSED, closed.Status, closed.ResultLog)

	// the cleanup, a bounded number of votes a block
	for {
		left, err := r.App.AssemblyKeeper.Cleanup.Has(r.Ctx(), id)
		require.NoError(b, err)
		if !left {
			break
		}
		b.StartTimer()
		began := time.Now()
		r.NextBlock(time.Second)
		run.worstClean = max(run.worstClean, time.Since(began))
		b.StopTimer()
		run.cleanBlocks++
	}
	it, err := r.App.AssemblyKeeper.Votes.Iterate(r.Ctx(), nil)
	require.NoError(b, err)
	require.False(b, it.Valid(), "every vote deleted")
	it.Close()
	b.Logf("%d members, %d counted: %d vote txs in %d blocks, %.0f µs a vote; median block %s, close %s, cleanup %d blocks, worst %s",
		s.members, s.counted, len(voters), run.votingBlocks, run.voteTxUs, run.median, run.close, run.cleanBlocks, run.worstClean)
	return run
}

// populateMembers writes s.members members into the registry (in blocks of 100,000 keys), and
// accounts with keys for the ones who act: the holders, the members who give them their
// proxies (the proxies written too), and the direct voters. It returns holders, givers who
// will vote themselves (the overriders), and direct voters.
func populateMembers(b *testing.B, r *region.Region, s scale) (holders, overriders, direct []region.Account) {
	k, ak := r.App.MembershipKeeper, r.App.AccountKeeper
	signer := func(name string) region.Account {
		a := region.NewAccount(name)
		acc := authtypes.NewBaseAccountWithAddress(a.Addr)
		require.NoError(b, acc.SetPubKey(a.Priv.PubKey()))
		ctx := r.Ctx()
		ak.SetAccount(ctx, ak.NewAccount(ctx, acc))
		return a
	}
	member := func(addr sdk.AccAddress) {
		require.NoError(b, k.SetAgent(r.Ctx(), membershiptypes.Agent{Address: addr.String(), Kind: membershiptypes.AGENT_KIND_PERSON, Member: true, SinceHeight: r.Height}))
	}
	written := 0
	flush := func() {
		if written++; written%100_000 == 0 {
			r.NextBlock(time.Second)
			fmt.Fprintf(os.Stderr, "assembly bench: %d of %d members written\n", written, s.members)
		}
	}
	for h := range s.holders {
		holder := signer(fmt.Sprintf("holder-%d", h))
		member(holder.Addr)
		holders = append(holders, holder)
		flush()
		for g := range s.perHolder {
			name := fmt.Sprintf("giver-%d-%d", h, g)
			var giver region.Account
			if len(overriders) < s.overriders && g%(s.perHolder*s.holders/s.overriders) == 0 {
				giver = signer(name)
				overriders = append(overriders, giver)
			} else {
				giver = region.Account{Name: name, Addr: sdk.AccAddress(fmt.Appendf(nil, "giver-%013d", h*s.perHolder+g))}
			}
			member(giver.Addr)
			require.NoError(b, r.App.AssemblyKeeper.Proxies.Set(r.Ctx(), collections.Join(giver.Addr, int32(0)),
				types.Proxy{Member: giver.Addr.String(), Holder: holder.Addr.String()}))
			flush()
		}
	}
	for d := range s.counted - s.holders*(1+s.perHolder) {
		voter := signer(fmt.Sprintf("voter-%d", d))
		member(voter.Addr)
		direct = append(direct, voter)
		flush()
	}
	for i := range s.members - s.counted {
		member(sdk.AccAddress(fmt.Appendf(nil, "member-%012d", i)))
		flush()
	}
	r.NextBlock(time.Second)
	require.Len(b, overriders, s.overriders)
	return holders, overriders, direct
}
