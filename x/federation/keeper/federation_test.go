package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	dividendtypes "github.com/conductor-coop/conductor/x/dividend/types"
	"github.com/conductor-coop/conductor/x/federation/keeper"
	"github.com/conductor-coop/conductor/x/federation/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

const rsc = 1_000_000

type fixture struct {
	t                       *testing.T
	r                       *region.Region
	alice, bob, carol, dave region.Account
	q                       types.QueryServer
}

func setup(t *testing.T) *fixture {
	r := region.New(t, region.DefaultConfig())
	return &fixture{t: t, r: r, alice: r.Accounts["alice"], bob: r.Accounts["bob"], carol: r.Accounts["carol"], dave: r.Accounts["dave"],
		q: keeper.NewQueryServerImpl(r.App.FederationKeeper)}
}

// assembly has alice and bob (two of three members) decide msgs for the region.
func (f *fixture) assembly(msgs ...sdk.Msg) (group.ProposalExecutorResult, string) {
	return f.r.Decide(f.r.Assembly(), []region.Account{f.alice, f.bob}, msgs...)
}

func (f *fixture) pass(msgs ...sdk.Msg) {
	f.t.Helper()
	f.r.Pass(f.r.Assembly(), []region.Account{f.alice, f.bob}, msgs...)
}

func (f *fixture) refused(want *errorsmod.Error, msgs ...sdk.Msg) {
	f.t.Helper()
	result, logs := f.assembly(msgs...)
	require.Equal(f.t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
	require.Contains(f.t, logs, want.Error())
}

func (f *fixture) invariantsHold() {
	f.t.Helper()
	for _, inv := range []func(keeper.Keeper) sdk.Invariant{keeper.PoolsBalanceInvariant, keeper.DirectoryIndexedInvariant} {
		msg, broken := inv(f.r.App.FederationKeeper)(f.r.Ctx())
		require.False(f.t, broken, msg)
	}
}

func regionB() types.Region {
	return types.Region{Name: "region-b", ChainId: "region-b-1", ChannelId: "channel-0",
		Endpoints: types.Endpoints{Rest: "http://127.0.0.1:2317", Rpc: "http://127.0.0.1:27657", Grpc: "127.0.0.1:10090"}}
}

func TestDirectory(t *testing.T) {
	f := setup(t)
	asm := f.r.Assembly()
	b := regionB()
	f.pass(&types.MsgSetRegion{Authority: asm, Region: b})
	got, err := f.q.Region(f.r.Ctx(), &types.QueryRegionRequest{Name: "region-b"})
	require.NoError(t, err)
	require.Equal(t, b, got.Region)
	name, internal, err := f.r.App.FederationKeeper.RegionOfChannel(f.r.Ctx(), "channel-0")
	require.NoError(t, err)
	require.Equal(t, "region-b", name)
	require.False(t, internal, "external unless the assembly records a pact")

	t.Run("bad entries", func(t *testing.T) {
		with := func(edit func(*types.Region)) types.Region {
			r := regionB()
			r.Name, r.ChainId, r.ChannelId = "region-c", "region-c-1", "channel-1"
			edit(&r)
			return r
		}
		cases := []struct {
			name   string
			region types.Region
			err    *errorsmod.Error
		}{
			{"empty name", with(func(r *types.Region) { r.Name = "" }), types.ErrInvalidRegion},
			{"name with spaces", with(func(r *types.Region) { r.Name = "region c" }), types.ErrInvalidRegion},
			{"name too long", with(func(r *types.Region) { r.Name = string(make([]byte, 65)) }), types.ErrInvalidRegion},
			{"no chain id", with(func(r *types.Region) { r.ChainId = "" }), types.ErrInvalidRegion},
			{"not a channel", with(func(r *types.Region) { r.ChannelId = "transfer" }), types.ErrInvalidRegion},
			{"rest not a URL", with(func(r *types.Region) { r.Endpoints.Rest = "127.0.0.1:1317" }), types.ErrInvalidRegion},
			{"rpc not http", with(func(r *types.Region) { r.Endpoints.Rpc = "ftp://x" }), types.ErrInvalidRegion},
			{"grpc without port", with(func(r *types.Region) { r.Endpoints.Grpc = "localhost" }), types.ErrInvalidRegion},
			{"rest too long", with(func(r *types.Region) { r.Endpoints.Rest = "http://x/" + strings.Repeat("a", types.MaxEndpoint) }), types.ErrInvalidRegion},
			{"this chain", with(func(r *types.Region) { r.ChainId = f.r.Ctx().ChainID() }), types.ErrInvalidRegion},
			{"same chain as region-b", with(func(r *types.Region) { r.ChainId = "region-b-1" }), types.ErrDuplicateRegion},
			{"same channel as region-b", with(func(r *types.Region) { r.ChannelId = "channel-0" }), types.ErrDuplicateRegion},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f.refused(c.err, &types.MsgSetRegion{Authority: asm, Region: c.region})
			})
		}
	})

	t.Run("only the assembly", func(t *testing.T) {
		res := f.r.Deliver(f.alice, &types.MsgSetRegion{Authority: f.alice.String(), Region: b})
		require.NotZero(t, res.Code)
	})

	t.Run("moving a region to another channel re-indexes it", func(t *testing.T) {
		moved := regionB()
		moved.ChannelId, moved.Internal = "channel-7", true
		f.pass(&types.MsgSetRegion{Authority: asm, Region: moved})
		_, _, err := f.r.App.FederationKeeper.RegionOfChannel(f.r.Ctx(), "channel-0")
		require.ErrorIs(t, err, types.ErrUnknownRegion)
		_, internal, err := f.r.App.FederationKeeper.RegionOfChannel(f.r.Ctx(), "channel-7")
		require.NoError(t, err)
		require.True(t, internal)
		f.invariantsHold()
	})

	t.Run("remove", func(t *testing.T) {
		f.refused(types.ErrUnknownRegion, &types.MsgRemoveRegion{Authority: asm, Name: "nowhere"})
		f.pass(&types.MsgRemoveRegion{Authority: asm, Name: "region-b"})
		_, err := f.q.Region(f.r.Ctx(), &types.QueryRegionRequest{Name: "region-b"})
		require.ErrorIs(t, err, types.ErrUnknownRegion)
		_, _, err = f.r.App.FederationKeeper.RegionOfChannel(f.r.Ctx(), "channel-7")
		require.ErrorIs(t, err, types.ErrUnknownRegion)
		f.invariantsHold()
	})
}

// openPool has the assembly open a pool represented by carol (here) and dave (for region B).
func (f *fixture) openPool() types.Pool {
	f.t.Helper()
	asm := f.r.Assembly()
	f.pass(&types.MsgSetRegion{Authority: asm, Region: regionB()},
		&types.MsgCreatePool{Authority: asm, Name: "Transit", Purpose: "the inter-regional railway", Representatives: []types.Representative{
			{Address: f.carol.String(), ChainId: f.r.Ctx().ChainID()}, {Address: f.dave.String(), ChainId: "region-b-1"},
		}})
	res, err := f.q.Pool(f.r.Ctx(), &types.QueryPoolRequest{PoolId: 1})
	require.NoError(f.t, err)
	return res.Pool
}

func TestPools(t *testing.T) {
	f := setup(t)
	asm := f.r.Assembly()
	p := f.openPool()
	poolAddr := sdk.MustAccAddressFromBech32(p.Address)
	agent := f.r.App.MembershipKeeper
	a, err := agent.GetAgent(f.r.Ctx(), poolAddr)
	require.NoError(t, err)
	require.Equal(t, membershiptypes.AGENT_KIND_POOL, a.Kind)
	reps := []region.Account{f.carol, f.dave}

	t.Run("bad pools", func(t *testing.T) {
		here := f.r.Ctx().ChainID()
		rep := func(who region.Account, chain string) []types.Representative {
			return []types.Representative{{Address: who.String(), ChainId: chain}}
		}
		cases := []struct {
			name string
			msg  *types.MsgCreatePool
			err  *errorsmod.Error
		}{
			{"no name", &types.MsgCreatePool{Authority: asm, Representatives: rep(f.carol, here)}, types.ErrInvalidPool},
			{"no representatives", &types.MsgCreatePool{Authority: asm, Name: "x"}, types.ErrInvalidPool},
			{"unknown region", &types.MsgCreatePool{Authority: asm, Name: "x", Representatives: rep(f.carol, "atlantis-1")}, types.ErrUnknownRegion},
			{"a company represents", &types.MsgCreatePool{Authority: asm, Name: "x", Representatives: []types.Representative{
				{Address: f.r.AgentAddr("Bakery Co-op").String(), ChainId: here}}}, membershiptypes.ErrNotPerson},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { f.refused(c.err, c.msg) })
		}
	})

	treasury := f.r.App.AccountKeeper.GetModuleAddress(membershiptypes.TreasuryName)
	t.Run("the treasury contributes", func(t *testing.T) {
		before := f.r.Balance(treasury)
		f.pass(&types.MsgContribute{Authority: asm, PoolId: p.Id, Amount: math.NewInt(40 * rsc)})
		require.Equal(t, before.SubRaw(40*rsc), f.r.Balance(treasury))
		require.Equal(t, math.NewInt(40*rsc), f.r.Balance(poolAddr))
		res, err := f.q.Pool(f.r.Ctx(), &types.QueryPoolRequest{PoolId: p.Id})
		require.NoError(t, err)
		require.Len(t, res.Regions, 1)
		require.Equal(t, f.r.Ctx().ChainID(), res.Regions[0].ChainId)
		require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 40*rsc)), res.Regions[0].Contributed.Amount)
		require.Equal(t, res.Regions[0].Contributed.Amount, res.Regions[0].Balance)
		flow, n := f.r.RSCFlows(treasury.String(), poolAddr.String(), "federation/pool/")
		require.Equal(t, []any{math.NewInt(40 * rsc), 1}, []any{flow, n}, "the contribution is a value flow")
		f.invariantsHold()
	})

	t.Run("bad contributions", func(t *testing.T) {
		held := f.r.Balance(treasury)
		cases := []struct {
			name string
			msg  *types.MsgContribute
			err  *errorsmod.Error
		}{
			{"zero", &types.MsgContribute{Authority: asm, PoolId: p.Id, Amount: math.ZeroInt()}, types.ErrInvalidAmount},
			{"negative", &types.MsgContribute{Authority: asm, PoolId: p.Id, Amount: math.NewInt(-1)}, types.ErrInvalidAmount},
			{"unknown pool", &types.MsgContribute{Authority: asm, PoolId: 9, Amount: math.NewInt(1)}, types.ErrUnknownPool},
			{"unknown region", &types.MsgContribute{Authority: asm, Region: "atlantis", PoolId: 1, Amount: math.NewInt(1)}, types.ErrUnknownRegion},
			{"more than the treasury holds", &types.MsgContribute{Authority: asm, PoolId: p.Id, Amount: held.AddRaw(1)}, dividendtypes.ErrReserved},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { f.refused(c.err, c.msg) })
		}
		require.Equal(t, held, f.r.Balance(treasury))
	})

	t.Run("no direct sends to or from a pool", func(t *testing.T) {
		res := f.r.Deliver(f.alice, banktypes.NewMsgSend(f.alice.Addr, poolAddr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1))))
		region.RequireError(t, membershiptypes.ErrDirectTransfer, res)
		result, logs := f.r.Decide(p.Address, reps, banktypes.NewMsgSend(poolAddr, f.carol.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 1))))
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
		require.Contains(t, logs, membershiptypes.ErrDirectTransfer.Error())
	})

	t.Run("the representatives spend", func(t *testing.T) {
		transit := f.r.AgentAddr("Bakery Co-op")
		before := f.r.Balance(transit)
		spend := &types.MsgSpend{Pool: p.Address, Recipient: transit.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 15*rsc)), Reason: "rails"}
		id := f.r.Propose(f.carol, p.Address, spend)
		f.r.Vote(id, group.VOTE_OPTION_YES, f.carol, f.dave)
		result, logs := f.r.Exec(id, f.carol)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
		require.Equal(t, before.AddRaw(15*rsc), f.r.Balance(transit))
		require.Equal(t, math.NewInt(25*rsc), f.r.Balance(poolAddr))
		res, err := f.q.Spends(f.r.Ctx(), &types.QuerySpendsRequest{PoolId: p.Id})
		require.NoError(t, err)
		require.Len(t, res.Spends, 1)
		require.Equal(t, id, res.Spends[0].ProposalId, "the spend records the proposal that decided it")
		require.Equal(t, "rails", res.Spends[0].Reason)
		flow, n := f.r.RSCFlows(p.Address, transit.String(), "federation/spend/")
		require.Equal(t, []any{math.NewInt(15 * rsc), 1}, []any{flow, n}, "the spend is a value flow")
		f.invariantsHold()
	})

	moduleAcc := f.r.UnblockedModuleAccount("unblocked")
	t.Run("bad spends", func(t *testing.T) {
		coins := func(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin(app.Denom, n)) }
		cases := []struct {
			name string
			msg  *types.MsgSpend
			err  *errorsmod.Error
		}{
			{"more than it holds", &types.MsgSpend{Pool: p.Address, Recipient: f.alice.String(), Amount: coins(26 * rsc)}, types.ErrInsufficientFund},
			{"nothing", &types.MsgSpend{Pool: p.Address, Recipient: f.alice.String()}, types.ErrInvalidAmount},
			{"to the treasury", &types.MsgSpend{Pool: p.Address, Recipient: treasury.String(), Amount: coins(1)}, types.ErrInvalidRecipient},
			{"to the assembly", &types.MsgSpend{Pool: p.Address, Recipient: asm, Amount: coins(1)}, types.ErrInvalidRecipient},
			{"to the bankloans module account (blocked)", &types.MsgSpend{Pool: p.Address, Recipient: authtypes.NewModuleAddress(bankloanstypes.ModuleName).String(), Amount: coins(1)}, types.ErrInvalidRecipient},
			{"to a module account x/bank does not block", &types.MsgSpend{Pool: p.Address, Recipient: moduleAcc.String(), Amount: coins(1)}, types.ErrInvalidRecipient},
			{"to a representative", &types.MsgSpend{Pool: p.Address, Recipient: f.carol.String(), Amount: coins(1)}, types.ErrSelfDealing},
			{"to the other representative", &types.MsgSpend{Pool: p.Address, Recipient: f.dave.String(), Amount: coins(1)}, types.ErrSelfDealing},
			{"to the pool itself", &types.MsgSpend{Pool: p.Address, Recipient: p.Address, Amount: coins(1)}, types.ErrSelfDealing},
			{"bad recipient", &types.MsgSpend{Pool: p.Address, Recipient: "rsc1nothing", Amount: coins(1)}, types.ErrInvalidAddress},
			{"reason too long", &types.MsgSpend{Pool: p.Address, Recipient: f.alice.String(), Amount: coins(1), Reason: strings.Repeat("r", types.MaxReason+1)}, types.ErrInvalidPool},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				recipient := f.r.Balance(sdk.MustAccAddressFromBech32(orZero(c.msg.Recipient)))
				result, logs := f.r.Decide(p.Address, reps, c.msg)
				require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
				require.Contains(t, logs, c.err.Error())
				require.Equal(t, math.NewInt(25*rsc), f.r.Balance(poolAddr))
				require.Equal(t, recipient, f.r.Balance(sdk.MustAccAddressFromBech32(orZero(c.msg.Recipient))))
			})
		}
		// the assembly's account is not a pool
		f.refused(types.ErrUnknownPool, &types.MsgSpend{Pool: asm, Recipient: f.alice.String(), Amount: coins(1)})
		require.Equal(t, math.NewInt(25*rsc), f.r.Balance(poolAddr))
	})

	t.Run("no spend to a signer of the tx", func(t *testing.T) {
		alice := f.r.Balance(f.alice.Addr)
		// alice, no representative, executes the representatives' proposal paying her.
		id := f.r.Propose(f.carol, p.Address, &types.MsgSpend{Pool: p.Address, Recipient: f.alice.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin(app.Denom, rsc)), Reason: "to the executor"})
		f.r.Vote(id, group.VOTE_OPTION_YES, reps...)
		result, logs := f.r.Exec(id, f.alice)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
		require.Contains(t, logs, types.ErrSelfDealing.Error())
		// a manager with the pool's authz grant pays herself.
		f.r.Grant(poolAddr, reps, f.alice, &types.MsgSpend{})
		res := f.r.Manage(f.alice, &types.MsgSpend{Pool: p.Address, Recipient: f.alice.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin(app.Denom, rsc)), Reason: "to the manager"})
		region.RequireError(t, types.ErrSelfDealing, res)
		require.Contains(t, res.Log, types.ErrSelfDealing.Error())
		require.Equal(t, alice, f.r.Balance(f.alice.Addr))
		require.Equal(t, math.NewInt(25*rsc), f.r.Balance(poolAddr))
	})

	t.Run("close", func(t *testing.T) {
		res := f.r.Deliver(f.alice, &types.MsgClosePool{Authority: f.alice.String(), PoolId: p.Id})
		region.RequireError(t, types.ErrUnauthorized, res)
		result, logs := f.r.Decide(p.Address, reps, &types.MsgClosePool{Authority: p.Address, PoolId: p.Id})
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
		f.refused(types.ErrPoolClosed, &types.MsgContribute{Authority: asm, PoolId: p.Id, Amount: math.NewInt(1)})
		f.refused(types.ErrPoolClosed, &types.MsgClosePool{Authority: asm, PoolId: p.Id})
		bob := f.r.Balance(f.bob.Addr)
		result, logs = f.r.Decide(p.Address, reps, &types.MsgSpend{Pool: p.Address, Recipient: f.bob.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 25*rsc))})
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, "a closed pool still spends what it holds: %s", logs)
		require.True(t, f.r.Balance(poolAddr).IsZero())
		require.Equal(t, bob.AddRaw(25*rsc), f.r.Balance(f.bob.Addr))
		f.invariantsHold()
	})

	t.Run("genesis round trip", func(t *testing.T) {
		k := f.r.App.FederationKeeper
		gs, err := k.ExportGenesis(f.r.Ctx())
		require.NoError(t, err)
		require.NoError(t, gs.Validate())
		require.Len(t, gs.Regions, 1)
		require.Len(t, gs.Pools, 1)
		require.Len(t, gs.Contributions, 1)
		require.Len(t, gs.Spends, 2)
		require.Equal(t, uint64(2), gs.NextPoolId)
		require.Equal(t, uint64(3), gs.NextSpendId)
		bad := *gs
		bad.Pools = append([]types.Pool{}, gs.Pools...)
		bad.Pools[0].Id = 5
		require.ErrorIs(t, bad.Validate(), types.ErrInvalidGenesis)
	})
}

// orZero is addr, or the zero address for a malformed one (its balance is zero).
func orZero(addr string) string {
	if _, err := sdk.AccAddressFromBech32(addr); err != nil {
		return sdk.AccAddress(make([]byte, 20)).String()
	}
	return addr
}
