package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	ibctesting "github.com/cosmos/ibc-go/v8/testing"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/federation/keeper"
	"github.com/conductor-coop/conductor/x/federation/types"
	"github.com/conductor-coop/conductor/x/ibcmemo"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

// assemblyMsgs runs federation messages on chain as its assembly decided them (the vote is
// tested in x/federation; here the IBC flows are).
func assemblyMsgs(chain *ibctesting.TestChain) (types.MsgServer, sdk.Context, string) {
	a, ctx := appOf(chain), chain.GetContext()
	authority, err := a.MembershipKeeper.Authority(ctx)
	if err != nil {
		panic(err)
	}
	return keeper.NewMsgServerImpl(a.FederationKeeper), ctx, authority
}

// fundTreasury gives chain's treasury amount ursc (minted, as revenue would arrive).
func (r *regions) fundTreasury(chain *ibctesting.TestChain, amount int64) {
	ctx := chain.GetContext()
	coins := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, amount))
	require.NoError(r.t, appOf(chain).BankKeeper.MintCoins(ctx, transfertypes.ModuleName, coins))
	require.NoError(r.t, appOf(chain).Router.Within(ctx, router.IBCReceipt, "test/fund", "test funding", func(ctx sdk.Context) error {
		return appOf(chain).BankKeeper.SendCoinsFromModuleToModule(ctx, transfertypes.ModuleName, membershiptypes.TreasuryName, coins)
	}))
}

// contribute has A's assembly send amount from its treasury to pool id on B; it returns the
// packet, committed on A.
func (r *regions) contribute(pool uint64, amount int64) channeltypes.Packet {
	r.t.Helper()
	msgs, ctx, authority := assemblyMsgs(r.a)
	res, err := msgs.Contribute(ctx, &types.MsgContribute{Authority: authority, Region: "region-b", PoolId: pool, Amount: sdkmath.NewInt(amount)})
	require.NoError(r.t, err)
	packet, err := ibctesting.ParsePacketFromEvents(ctx.EventManager().ABCIEvents())
	require.NoError(r.t, err)
	require.Equal(r.t, res.Sequence, packet.Sequence)
	r.a.Coordinator.CommitBlock(r.a)
	return packet
}

// books is what a refused contribution must leave as it was: A's treasury, the supply of
// every denom involved on both regions, and the pool.
type books struct {
	treasuryA, supplyA, voucherSupplyB, pool sdkmath.Int
}

func (r *regions) books(pool sdk.AccAddress) books {
	return books{
		treasuryA: r.balance(r.a, authtypes.NewModuleAddress(membershiptypes.TreasuryName), app.Denom),
		supplyA:   r.supply(r.a, app.Denom), voucherSupplyB: r.supply(r.b, r.voucherOnB), pool: r.balance(r.b, pool, r.voucherOnB),
	}
}

// TestPoolContributionsOverIBC: region B hosts a transit pool; region A's treasury
// contributes by ICS-20 with a pool memo (a route its assembly votes). Every refusal is an
// error acknowledgement that refunds A's treasury; supply per denom never changes.
func TestPoolContributionsOverIBC(t *testing.T) {
	r := newRegions(t)
	r.fundTreasury(r.a, 100_000_000)
	msgsB, ctxB, authB := assemblyMsgs(r.b)
	open := func(name string) (uint64, sdk.AccAddress) {
		res, err := msgsB.CreatePool(ctxB, &types.MsgCreatePool{Authority: authB, Name: name, Purpose: "trains", Representatives: []types.Representative{
			{Address: r.senderB.String(), ChainId: r.b.ChainID}, {Address: r.senderA.String(), ChainId: r.a.ChainID},
		}})
		require.NoError(t, err)
		return res.PoolId, sdk.MustAccAddressFromBech32(res.Address)
	}
	transit, transitAddr := open("Transit")
	closed, _ := open("Old ferry")
	_, err := msgsB.ClosePool(ctxB, &types.MsgClosePool{Authority: authB, PoolId: closed})
	require.NoError(t, err)
	r.b.Coordinator.CommitBlock(r.b)
	epA := r.transfer.EndpointA
	escrowA := transfertypes.GetEscrowAddress(epA.ChannelConfig.PortID, epA.ChannelID)

	t.Run("contribution", func(t *testing.T) {
		before, escrow := r.books(transitAddr), r.balance(r.a, escrowA, app.Denom)
		ack := r.relay(r.contribute(transit, 5_000_000))
		require.True(t, ack.Success(), ack.GetError())
		after := r.books(transitAddr)
		require.Equal(t, before.treasuryA.SubRaw(5_000_000), after.treasuryA)
		require.Equal(t, before.pool.AddRaw(5_000_000), after.pool, "the pool holds A's RSC as a voucher")
		require.Equal(t, before.supplyA, after.supplyA)
		require.Equal(t, escrow.AddRaw(5_000_000), r.balance(r.a, escrowA, app.Denom))
		require.Equal(t, before.voucherSupplyB.AddRaw(5_000_000), after.voucherSupplyB, "vouchers on B match the escrow on A")

		res, err := keeper.NewQueryServerImpl(appOf(r.b).FederationKeeper).Pool(r.b.GetContext(), &types.QueryPoolRequest{PoolId: transit})
		require.NoError(t, err)
		require.Len(t, res.Regions, 1)
		share := res.Regions[0]
		require.Equal(t, r.a.ChainID, share.ChainId)
		require.Equal(t, "region-a", share.Region)
		require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(r.voucherOnB, 5_000_000)), share.Contributed.Amount)
		require.Equal(t, share.Contributed.Amount, share.Balance)
	})

	t.Run("refused contributions are refunded", func(t *testing.T) {
		cases := []struct {
			name   string
			packet func() channeltypes.Packet
			err    error
		}{
			{"unknown pool", func() channeltypes.Packet { return r.contribute(404, 1_000_000) }, types.ErrUnknownPool},
			{"closed pool", func() channeltypes.Packet { return r.contribute(closed, 1_000_000) }, types.ErrPoolClosed},
			{"from a person, not a treasury", func() channeltypes.Packet {
				return r.transferPacket(epA, r.senderA, r.senderB.String(), sdk.NewInt64Coin(app.Denom, 1_000_000), ibcmemo.PoolMemo(transit))
			}, types.ErrNotTreasury},
			{"malformed pool memo", func() channeltypes.Packet {
				return r.transferPacket(epA, r.senderA, r.senderB.String(), sdk.NewInt64Coin(app.Denom, 1_000_000), `{"conductor":{"pool":{"id":"x"}}}`)
			}, ibcmemo.ErrInvalidMemo},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before, person := r.books(transitAddr), r.balance(r.a, r.senderA, app.Denom)
				ack := r.relay(c.packet())
				require.False(t, ack.Success())
				require.Contains(t, ack.GetError(), errRef(c.err))
				require.Equal(t, before, r.books(transitAddr), "refunded; nothing minted, nothing paid")
				require.Equal(t, person, r.balance(r.a, r.senderA, app.Denom))
			})
		}
	})

	t.Run("a voucher of another chain's ursc is not RSC", func(t *testing.T) {
		// A's treasury holds "ursc" some third chain minted and relayed over channel-9, and
		// sends it with a pool memo: the base denom is ursc, but it is not a region's RSC.
		treasuryA := authtypes.NewModuleAddress(membershiptypes.TreasuryName)
		fake, coin := fakeRSC(t, r.a, sdkmath.NewInt(1_000_000))
		ctx := r.a.GetContext()
		rt := appOf(r.a).Router
		require.NoError(t, rt.Within(ctx, router.IBCReceipt, "test/fund", "test funding", func(ctx sdk.Context) error {
			return appOf(r.a).BankKeeper.SendCoinsFromModuleToModule(ctx, transfertypes.ModuleName, membershiptypes.TreasuryName, sdk.NewCoins(coin))
		}))
		require.NoError(t, rt.Within(ctx, router.PoolContribution, "test/contribution", "a contribution", func(ctx sdk.Context) error {
			_, err := appOf(r.a).TransferKeeper.Transfer(ctx, transfertypes.NewMsgTransfer(epA.ChannelConfig.PortID, epA.ChannelID, coin,
				treasuryA.String(), r.senderB.String(), clienttypes.NewHeight(1, 1000), 0, ibcmemo.PoolMemo(transit)))
			return err
		}))
		packet, err := ibctesting.ParsePacketFromEvents(ctx.EventManager().ABCIEvents())
		require.NoError(t, err)
		r.a.Coordinator.CommitBlock(r.a)
		require.True(t, r.balance(r.a, treasuryA, fake).IsZero(), "escrowed while in flight")

		before := r.books(transitAddr)
		ack := r.relay(packet)
		require.False(t, ack.Success())
		require.Contains(t, ack.GetError(), errRef(types.ErrNotRSC))
		require.Equal(t, coin.Amount, r.balance(r.a, treasuryA, fake), "the treasury is refunded")
		require.Equal(t, before, r.books(transitAddr), "nothing minted, nothing paid")
		onB := transfertypes.ParseDenomTrace(transfertypes.GetPrefixedDenom(r.transfer.EndpointB.ChannelConfig.PortID, r.transfer.EndpointB.ChannelID, fakeTrace)).IBCDenom()
		require.True(t, r.supply(r.b, onB).IsZero(), "no voucher of it on B")
		require.True(t, r.balance(r.b, transitAddr, onB).IsZero())
	})

	t.Run("a company cannot contribute", func(t *testing.T) {
		coin := sdk.NewInt64Coin(app.Denom, 1_000_000)
		require.NoError(t, region.Pay(r.a.GetContext(), appOf(r.a), router.Purchase, r.senderA, r.companyA, coin.Amount))
		seq, _ := appOf(r.a).IBCKeeper.ChannelKeeper.GetNextSequenceSend(r.a.GetContext(), epA.ChannelConfig.PortID, epA.ChannelID)
		transfer := transfertypes.NewMsgTransfer(epA.ChannelConfig.PortID, epA.ChannelID, coin, r.companyA.String(), r.senderB.String(),
			clienttypes.NewHeight(1, 1000), 0, ibcmemo.PoolMemo(transit))
		result, logs := execByCompany(t, r.a, r.companyA, transfer)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
		require.Contains(t, logs, membershiptypes.ErrDirectTransfer.Error(), "the RSC rule keeps a company's money home")
		require.Equal(t, coin.Amount, r.balance(r.a, r.companyA, app.Denom))
		after, _ := appOf(r.a).IBCKeeper.ChannelKeeper.GetNextSequenceSend(r.a.GetContext(), epA.ChannelConfig.PortID, epA.ChannelID)
		require.Equal(t, seq, after, "no packet sent")
	})

	t.Run("a region not in the directory", func(t *testing.T) {
		msgs, ctx, auth := assemblyMsgs(r.b)
		_, err := msgs.RemoveRegion(ctx, &types.MsgRemoveRegion{Authority: auth, Name: "region-a"})
		require.NoError(t, err)
		r.b.Coordinator.CommitBlock(r.b)
		before := r.books(transitAddr)
		ack := r.relay(r.contribute(transit, 1_000_000))
		require.False(t, ack.Success())
		require.Contains(t, ack.GetError(), errRef(types.ErrUnknownRegion))
		require.Equal(t, before, r.books(transitAddr))
		r.setRegion(r.transfer.EndpointB, "region-a", false)
	})

	t.Run("a contribution that times out comes back", func(t *testing.T) {
		before := r.books(transitAddr)
		packet := r.contribute(transit, 2_000_000)
		require.Equal(t, before.treasuryA.SubRaw(2_000_000), r.books(transitAddr).treasuryA, "escrowed while in flight")
		r.a.Coordinator.IncrementTimeBy(keeper.ContributionTimeout + time.Minute)
		r.b.Coordinator.CommitBlock(r.b)
		require.NoError(t, epA.UpdateClient())
		require.NoError(t, epA.TimeoutPacket(packet))
		require.Equal(t, before, r.books(transitAddr))
	})
}

// TestDirectoryDecidesTheSalesTax: a buyer from a region of the directory pays the external
// rate, or the internal one under a trade pact the assembly recorded; a purchase from a
// channel of no region in the directory is refused and refunded.
func TestDirectoryDecidesTheSalesTax(t *testing.T) {
	r := newRegions(t)
	syrup := r.listOnB("100")
	params, err := appOf(r.b).GovernanceParamsKeeper.GetParams(r.b.GetContext())
	require.NoError(t, err)
	require.False(t, params.ExternalSalesTaxRate.Equal(params.InternalSalesTaxRate), "the test needs two rates")
	unit := sdkmath.NewInt(1_000_000)
	epA, treasuryB := r.transfer.EndpointA, authtypes.NewModuleAddress(membershiptypes.TreasuryName)
	buy := func(rate sdkmath.LegacyDec) channeltypes.Acknowledgement {
		total := unit.Add(rate.MulInt(unit).TruncateInt())
		return r.relay(r.transferPacket(epA, r.senderA, r.companyB.String(), sdk.NewCoin(app.Denom, total), ibcmemo.PurchaseMemo(syrup, 1)))
	}
	cases := []struct {
		name     string
		internal bool
		rate     sdkmath.LegacyDec
	}{
		{"another region pays the external rate", false, params.ExternalSalesTaxRate},
		{"a trade pact gives the internal rate", true, params.InternalSalesTaxRate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r.setRegion(r.transfer.EndpointB, "region-a", c.internal)
			r.b.Coordinator.CommitBlock(r.b)
			taxBefore := r.balance(r.b, treasuryB, r.voucherOnB)
			ack := buy(c.rate)
			require.True(t, ack.Success(), ack.GetError())
			require.Equal(t, taxBefore.Add(c.rate.MulInt(unit).TruncateInt()), r.balance(r.b, treasuryB, r.voucherOnB))
			last, err := appOf(r.b).MarketKeeper.OrderSeq.Peek(r.b.GetContext())
			require.NoError(t, err)
			order, err := appOf(r.b).MarketKeeper.Orders.Get(r.b.GetContext(), last)
			require.NoError(t, err)
			require.Equal(t, !c.internal, order.External)
		})
	}

	t.Run("unknown region", func(t *testing.T) {
		msgs, ctx, auth := assemblyMsgs(r.b)
		_, err := msgs.RemoveRegion(ctx, &types.MsgRemoveRegion{Authority: auth, Name: "region-a"})
		require.NoError(t, err)
		r.b.Coordinator.CommitBlock(r.b)
		before := r.ledger()
		ack := buy(params.ExternalSalesTaxRate)
		require.False(t, ack.Success())
		require.Contains(t, ack.GetError(), errRef(types.ErrUnknownRegion))
		require.Equal(t, before, r.ledger(), "refunded; nothing minted, nothing paid")
		l, err := appOf(r.b).MarketKeeper.Listing(r.b.GetContext(), syrup)
		require.NoError(t, err)
		require.Equal(t, uint64(98), l.Stock)
	})
}
