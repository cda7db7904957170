// Package region runs a region chain in process for tests: a real app with a validator,
// founding members and institutions, driven by signed transactions through FinalizeBlock
// and Commit, as a node runs them.
package region

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	sdkmath "cosmossdk.io/math"
	pruningtypes "cosmossdk.io/store/pruning/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/app"
	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	valueflowskeeper "github.com/conductor-coop/conductor/x/valueflows/keeper"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// ChainID is the chain id of test regions.
const ChainID = "region-test-1"

// Account is a person with a key.
type Account struct {
	Name string
	Priv *secp256k1.PrivKey
	Addr sdk.AccAddress
}

// String returns the account's bech32 address.
func (a Account) String() string { return a.Addr.String() }

// Config describes a test region.
type Config struct {
	// Members found the region; NonMembers are persons with funds who are not members.
	Members, NonMembers []string
	// Balances gives an account a starting balance in ursc (default 1,000,000 RSC).
	Balances map[string]int64
	// Institutions to found at genesis; workers are account names.
	Institutions []Institution
	// AssemblyVotingPeriod is every proposal kind's voting period (default 10 seconds);
	// AssemblyDeliberation every kind's deliberation period (default none).
	AssemblyVotingPeriod, AssemblyDeliberation time.Duration
	// Retention is how long records stay before they are folded into statements (default
	// ten years: a test reads its records across months unless it sets a window).
	Retention time.Duration
	// TreasuryFunds in ursc.
	TreasuryFunds int64
	// DB stores the chain (default: in memory, every version kept); an on-disk database is
	// run as a node should run it: default pruning, IAVL fast nodes off (reads go through
	// IAVL's node cache; see docs/performance.md).
	DB dbm.DB
}

// Institution is founded at genesis.
type Institution struct {
	Name    string
	Kind    membershiptypes.AgentKind
	Workers []string
}

// Region is a running in-process region chain.
type Region struct {
	t        testing.TB
	App      *app.App
	Accounts map[string]Account
	Time     time.Time
	Height   int64
	// Last is the last block's result (its events include the end-of-block work's).
	Last *abci.ResponseFinalizeBlock
}

// DefaultConfig: alice, bob and carol are members; dave is not; alice and bob work at the
// Bakery Co-op; the treasury holds 1,000 RSC.
func DefaultConfig() Config {
	return Config{
		Members:    []string{"alice", "bob", "carol"},
		NonMembers: []string{"dave"},
		Institutions: []Institution{
			{Name: "Bakery Co-op", Kind: membershiptypes.AGENT_KIND_COMPANY, Workers: []string{"alice", "bob"}},
			{Name: "Regional Public Bank", Kind: membershiptypes.AGENT_KIND_BANK, Workers: []string{"alice", "bob", "carol"}},
		},
		TreasuryFunds: 1_000_000_000,
	}
}

// NewAccount derives a deterministic key from a name.
func NewAccount(name string) Account {
	priv := secp256k1.GenPrivKeyFromSecret([]byte("conductor test account " + name))
	return Account{Name: name, Priv: priv, Addr: sdk.AccAddress(priv.PubKey().Address())}
}

// Genesis time of every region: 2026-01-01, midnight UTC.
var GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Hour is hour h (a fraction is minutes) of a region's first day.
func Hour(h float64) time.Time { return GenesisTime.Add(time.Duration(h * float64(time.Hour))) }

// New starts a region from cfg and commits its first block.
func New(t testing.TB, cfg Config) *Region {
	t.Helper()
	db, opts := cfg.DB, []func(*baseapp.BaseApp){baseapp.SetChainID(ChainID)}
	if db == nil {
		db = dbm.NewMemDB()
	} else {
		opts = append(opts, baseapp.SetPruning(pruningtypes.NewPruningOptions(pruningtypes.PruningDefault)),
			baseapp.SetIAVLDisableFastNode(true), baseapp.SetIAVLCacheSize(781250))
	}
	a := app.New(log.NewNopLogger(), db, nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), opts...)
	r := &Region{t: t, App: a, Accounts: map[string]Account{}, Time: GenesisTime}

	genesis := Genesis(t, a, cfg, r.Accounts)
	stateBytes, err := json.Marshal(genesis)
	require.NoError(t, err)
	// as a node's default genesis: no block gas limit
	consensus := *simtestutil.DefaultConsensusParams
	block := *consensus.Block
	block.MaxGas, block.MaxBytes = -1, 22020096
	consensus.Block = &block
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId: ChainID, Time: r.Time, AppStateBytes: stateBytes, ConsensusParams: &consensus, InitialHeight: 1,
	})
	require.NoError(t, err)
	r.NextBlock(time.Second)
	return r
}

// Genesis builds the app state of a region from cfg; accounts receives the named keys.
func Genesis(t testing.TB, a *app.App, cfg Config, accounts map[string]Account) map[string]json.RawMessage {
	t.Helper()
	cdc := a.AppCodec()
	valSet, err := simtestutil.CreateRandomValidatorSet()
	require.NoError(t, err)
	var genAccs []authtypes.GenesisAccount
	var balances []banktypes.Balance
	for _, name := range append(append([]string{}, cfg.Members...), cfg.NonMembers...) {
		acc := NewAccount(name)
		accounts[name] = acc
		amount, ok := cfg.Balances[name]
		if !ok {
			amount = 1_000_000_000_000
		}
		genAccs = append(genAccs, authtypes.NewBaseAccount(acc.Addr, acc.Priv.PubKey(), 0, 0))
		balances = append(balances, banktypes.Balance{Address: acc.Addr.String(), Coins: sdk.NewCoins(sdk.NewInt64Coin(app.Denom, amount))})
	}
	if cfg.TreasuryFunds > 0 {
		treasury := authtypes.NewModuleAddress(membershiptypes.TreasuryName)
		balances = append(balances, banktypes.Balance{Address: treasury.String(), Coins: sdk.NewCoins(sdk.NewInt64Coin(app.Denom, cfg.TreasuryFunds))})
	}
	genesis, err := simtestutil.GenesisStateWithValSet(cdc, a.DefaultGenesis(), valSet, genAccs, balances...)
	require.NoError(t, err)

	gs := membershiptypes.DefaultGenesis()
	for _, name := range cfg.Members {
		gs.Agents = append(gs.Agents, membershiptypes.Agent{Address: accounts[name].String(), Kind: membershiptypes.AGENT_KIND_PERSON, Member: true})
	}
	for _, inst := range cfg.Institutions {
		var workers []string
		for _, w := range inst.Workers {
			workers = append(workers, accounts[w].String())
		}
		gs.Institutions = append(gs.Institutions, membershiptypes.Institution{Name: inst.Name, Kind: inst.Kind, Workers: workers})
	}
	genesis[membershiptypes.ModuleName] = cdc.MustMarshalJSON(gs)

	var params gptypes.GenesisState
	cdc.MustUnmarshalJSON(genesis[gptypes.ModuleName], &params)
	voting := cfg.AssemblyVotingPeriod
	if voting == 0 {
		voting = 10 * time.Second
	}
	for i := range params.Params.Assembly.Kinds {
		params.Params.Assembly.Kinds[i].VotingPeriod = voting
		params.Params.Assembly.Kinds[i].DeliberationPeriod = cfg.AssemblyDeliberation
	}
	params.Params.Retention.Window = cfg.Retention
	if cfg.Retention == 0 {
		params.Params.Retention.Window = 10 * 365 * 24 * time.Hour
	}
	genesis[gptypes.ModuleName] = cdc.MustMarshalJSON(&params)
	return genesis
}

// NextBlock finalizes and commits a block dt after the last one, with txs.
func (r *Region) NextBlock(dt time.Duration, txs ...[]byte) *abci.ResponseFinalizeBlock {
	r.t.Helper()
	r.Height++
	r.Time = r.Time.Add(dt)
	res, err := r.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: r.Height, Time: r.Time, Txs: txs})
	require.NoError(r.t, err)
	r.Last = res
	_, err = r.App.Commit()
	require.NoError(r.t, err)
	return res
}

// Tx signs msgs by the signers (their keys, account numbers and sequences from state).
func (r *Region) Tx(signers []Account, msgs ...sdk.Msg) []byte {
	return r.SignTx(TxOptions{Signers: signers}, msgs...)
}

// TxWithFee signs msgs by signer with a fee paid by feeGranter's allowance.
func (r *Region) TxWithFee(signer Account, feeGranter sdk.AccAddress, fee sdk.Coins, msgs ...sdk.Msg) []byte {
	return r.SignTx(TxOptions{Signers: []Account{signer}, FeeGranter: feeGranter, Fee: fee}, msgs...)
}

// TxOptions are the parts of a tx besides its messages.
type TxOptions struct {
	Signers    []Account
	Fee        sdk.Coins
	FeeGranter sdk.AccAddress
	// SignMode defaults to SIGN_MODE_DIRECT; browser and hardware wallets use
	// SIGN_MODE_LEGACY_AMINO_JSON.
	SignMode signing.SignMode
}

// SignTx builds and signs a tx as a wallet does (SIGN_MODE_DIRECT unless opts say).
func (r *Region) SignTx(opts TxOptions, msgs ...sdk.Msg) []byte {
	r.t.Helper()
	cfg := r.App.TxConfig()
	b := cfg.NewTxBuilder()
	require.NoError(r.t, b.SetMsgs(msgs...))
	b.SetGasLimit(10_000_000)
	b.SetFeeAmount(opts.Fee)
	b.SetFeeGranter(opts.FeeGranter)
	mode := opts.SignMode
	if mode == signing.SignMode_SIGN_MODE_UNSPECIFIED {
		mode = signing.SignMode_SIGN_MODE_DIRECT
	}
	ctx := r.Ctx()
	accs := make([]sdk.AccountI, len(opts.Signers))
	sigs := make([]signing.SignatureV2, len(opts.Signers))
	for i, s := range opts.Signers {
		accs[i] = r.App.AccountKeeper.GetAccount(ctx, s.Addr)
		require.NotNil(r.t, accs[i], "account %s has no state", s.Name)
		sigs[i] = signing.SignatureV2{PubKey: s.Priv.PubKey(), Data: &signing.SingleSignatureData{SignMode: mode}, Sequence: accs[i].GetSequence()}
	}
	require.NoError(r.t, b.SetSignatures(sigs...))
	for i, s := range opts.Signers {
		data := authsigning.SignerData{
			Address: s.String(), ChainID: ChainID, AccountNumber: accs[i].GetAccountNumber(),
			Sequence: accs[i].GetSequence(), PubKey: s.Priv.PubKey(),
		}
		sig, err := clienttx.SignWithPrivKey(ctx, mode, data, b, s.Priv, cfg, accs[i].GetSequence())
		require.NoError(r.t, err)
		sigs[i] = sig
	}
	require.NoError(r.t, b.SetSignatures(sigs...))
	bz, err := cfg.TxEncoder()(b.GetTx())
	require.NoError(r.t, err)
	return bz
}

// Deliver signs msgs by signer and runs them in the next block; it returns the tx result.
func (r *Region) Deliver(signer Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	r.t.Helper()
	return r.NextBlock(time.Second, r.Tx([]Account{signer}, msgs...)).TxResults[0]
}

// DeliverAt runs msgs signed by signer in a block at time at (after the last block).
func (r *Region) DeliverAt(at time.Time, signer Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	r.t.Helper()
	require.True(r.t, at.After(r.Time), "block time must move forward")
	return r.NextBlock(at.Sub(r.Time), r.Tx([]Account{signer}, msgs...)).TxResults[0]
}

// At commits an empty block at time at.
func (r *Region) At(at time.Time) {
	r.t.Helper()
	require.True(r.t, at.After(r.Time), "block time must move forward")
	r.NextBlock(at.Sub(r.Time))
}

// MustDeliver is Deliver that fails the test unless the tx succeeded.
func (r *Region) MustDeliver(signer Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	r.t.Helper()
	res := r.Deliver(signer, msgs...)
	require.Zerof(r.t, res.Code, "tx failed: %s", res.Log)
	return res
}

// Ctx is a context on the last committed state.
func (r *Region) Ctx() sdk.Context {
	return r.App.BaseApp.NewUncachedContext(false, cmtproto.Header{ChainID: ChainID, Height: r.Height, Time: r.Time})
}

// Balance returns addr's ursc balance.
func (r *Region) Balance(addr sdk.AccAddress) sdkmath.Int {
	return r.App.BankKeeper.GetBalance(r.Ctx(), addr, app.Denom).Amount
}

// Agent returns the registered agent named name (an institution's name).
func (r *Region) Agent(name string) membershiptypes.Agent {
	r.t.Helper()
	var found *membershiptypes.Agent
	err := r.App.MembershipKeeper.Agents.Walk(r.Ctx(), nil, func(_ sdk.AccAddress, a membershiptypes.Agent) (bool, error) {
		if a.Name == name {
			found = &a
			return true, nil
		}
		return false, nil
	})
	require.NoError(r.t, err)
	require.NotNil(r.t, found, "no agent named %q", name)
	return *found
}

// AgentAddr is Agent's address as bytes.
func (r *Region) AgentAddr(name string) sdk.AccAddress {
	return sdk.MustAccAddressFromBech32(r.Agent(name).Address)
}

// Assembly returns the assembly's account: the authority of every module.
func (r *Region) Assembly() string { return assemblytypes.Address.String() }

// Propose submits msgs as a proposal of the group policy at policy, proposed by proposer,
// and returns the proposal id.
func (r *Region) Propose(proposer Account, policy string, msgs ...sdk.Msg) uint64 {
	r.t.Helper()
	prop, err := group.NewMsgSubmitProposal(policy, []string{proposer.String()}, msgs, "", group.Exec_EXEC_UNSPECIFIED, "proposal", "test")
	require.NoError(r.t, err)
	res := r.MustDeliver(proposer, prop)
	var out group.MsgSubmitProposalResponse
	r.decodeResponse(res, &out)
	return out.ProposalId
}

// Vote casts voters' votes on a proposal, each in its own block.
func (r *Region) Vote(id uint64, option group.VoteOption, voters ...Account) {
	r.t.Helper()
	for _, v := range voters {
		r.MustDeliver(v, &group.MsgVote{ProposalId: id, Voter: v.String(), Option: option})
	}
}

// Exec executes a proposal and returns its executor result, with x/group's log of why
// execution failed (empty on success).
func (r *Region) Exec(id uint64, executor Account) (group.ProposalExecutorResult, string) {
	r.t.Helper()
	res := r.MustDeliver(executor, &group.MsgExec{ProposalId: id, Executor: executor.String()})
	var out group.MsgExecResponse
	r.decodeResponse(res, &out)
	for _, ev := range res.Events {
		if ev.Type != "cosmos.group.v1.EventExec" {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == "logs" {
				return out.Result, a.Value
			}
		}
	}
	return out.Result, ""
}

// Decide proposes msgs for policy, has every voter vote yes, executes the proposal and
// returns the executor result and log. For the assembly (policy is r.Assembly()) it is
// AssemblyDecide's outcome in x/group's terms: passed and run is SUCCESS, passed and failed
// is FAILURE (with the failure), rejected is NOT_RUN.
func (r *Region) Decide(policy string, voters []Account, msgs ...sdk.Msg) (group.ProposalExecutorResult, string) {
	r.t.Helper()
	if policy == r.Assembly() {
		p := r.AssemblyDecide(voters, msgs...)
		switch p.Status {
		case assemblytypes.PROPOSAL_STATUS_PASSED:
			return group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, ""
		case assemblytypes.PROPOSAL_STATUS_FAILED:
			return group.PROPOSAL_EXECUTOR_RESULT_FAILURE, p.ResultLog
		}
		return group.PROPOSAL_EXECUTOR_RESULT_NOT_RUN, p.Status.String()
	}
	id := r.Propose(voters[0], policy, msgs...)
	r.Vote(id, group.VOTE_OPTION_YES, voters...)
	return r.Exec(id, voters[0])
}

// Pass is Decide that fails the test unless the messages ran.
func (r *Region) Pass(policy string, voters []Account, msgs ...sdk.Msg) {
	r.t.Helper()
	result, logs := r.Decide(policy, voters, msgs...)
	require.Equal(r.t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, "proposal did not run: %s", logs)
}

func (r *Region) decodeResponse(res *abci.ExecTxResult, out interface{ Unmarshal([]byte) error }) {
	r.t.Helper()
	var msgData sdk.TxMsgData
	require.NoError(r.t, r.App.AppCodec().Unmarshal(res.Data, &msgData))
	require.Len(r.t, msgData.MsgResponses, 1)
	require.NoError(r.t, out.Unmarshal(msgData.MsgResponses[0].Value))
}

// RSCFlows sums the RSC that x/valueflows recorded as moving from provider to receiver
// ("" for anyone) for actions whose link starts with link, and counts the payments: RSC
// transfer events, and the settlements an event's receiver made for it.
func (r *Region) RSCFlows(provider, receiver, link string) (sdkmath.Int, int) {
	r.t.Helper()
	res, err := valueflowskeeper.NewQueryServerImpl(r.App.ValueFlowsKeeper).Events(r.Ctx(),
		&valueflowstypes.QueryEventsRequest{Agent: provider, Pagination: &query.PageRequest{Limit: 1000}})
	require.NoError(r.t, err)
	sum, n := sdkmath.ZeroInt(), 0
	for _, e := range res.Events {
		if !strings.HasPrefix(e.Link, link) {
			continue
		}
		if e.SpecId == valueflowstypes.SpecRSC && e.Provider == provider && (receiver == "" || e.Receiver == receiver) {
			sum, n = sum.Add(e.Quantity.TruncateInt()), n+1
		}
		for _, s := range e.SettledBy {
			if e.Receiver == provider && (receiver == "" || s.Receiver == receiver) {
				sum, n = sum.Add(s.Amount), n+1
			}
		}
	}
	return sum, n
}

// Minter is the module account tests create money with (the app has no x/mint; ICS-20's
// transfer module is its one minter, of vouchers only outside tests).
const Minter = "transfer"
