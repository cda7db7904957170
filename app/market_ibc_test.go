package app_test

import (
	"fmt"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	ibccoretypes "github.com/cosmos/ibc-go/v8/modules/core/types"
	ibctesting "github.com/cosmos/ibc-go/v8/testing"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/x/ibcmemo"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

func purchaseMemo(listing uint64, quantity int) string {
	return ibcmemo.PurchaseMemo(listing, uint64(quantity))
}

// listOnB has region B's company list a product: 1 RSC a unit, stock units.
func (r *regions) listOnB(stock string) uint64 {
	r.t.Helper()
	result, logs := execByCompany(r.t, r.b, r.companyB, &markettypes.MsgCreateListing{
		Seller: r.companyB.String(), Kind: markettypes.LISTING_KIND_PRODUCT, Name: "Maple syrup", Unit: "bottle",
		UnitPrice: sdkmath.NewInt(1_000_000), Stock: stock,
	})
	require.Equal(r.t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
	last, err := appOf(r.b).MarketKeeper.ListingSeq.Peek(r.b.GetContext())
	require.NoError(r.t, err)
	return last
}

// ledger is what must not change when a purchase fails: the buyer's balance on A, the
// supply of every denom involved on both regions, and the seller's balance on B.
type ledger struct {
	buyer, supplyA, voucherSupplyB, sellerB sdkmath.Int
}

func (r *regions) ledger() ledger {
	return ledger{
		buyer: r.balance(r.a, r.senderA, app.Denom), supplyA: r.supply(r.a, app.Denom),
		voucherSupplyB: r.supply(r.b, r.voucherOnB), sellerB: r.balance(r.b, r.companyB, r.voucherOnB),
	}
}

// TestInterRegionalPurchase: a person on region A buys a listing of a company on region B
// with an ICS-20 transfer whose memo names it. B runs the purchase at its external tax
// rate, the seller receiving A's RSC as a voucher; every failure is an error
// acknowledgement and A refunds the buyer; supply per denom never changes.
func TestInterRegionalPurchase(t *testing.T) {
	r := newRegions(t)
	epA := r.transfer.EndpointA
	treasuryB := authtypes.NewModuleAddress(membershiptypes.TreasuryName)
	syrup := r.listOnB("10")
	rate := appOf(r.b).GovernanceParamsKeeper
	params, err := rate.GetParams(r.b.GetContext())
	require.NoError(t, err)
	amount := sdkmath.NewInt(2_000_000)
	tax := params.ExternalSalesTaxRate.MulInt(amount).TruncateInt()
	total := amount.Add(tax)

	t.Run("purchase", func(t *testing.T) {
		before := r.ledger()
		escrow := r.balance(r.a, transfertypes.GetEscrowAddress(epA.ChannelConfig.PortID, epA.ChannelID), app.Denom)
		ack := r.relay(r.transferPacket(epA, r.senderA, r.companyB.String(), sdk.NewCoin(app.Denom, total), purchaseMemo(syrup, 2)))
		require.True(t, ack.Success(), ack.GetError())
		require.Equal(t, before.buyer.Sub(total), r.balance(r.a, r.senderA, app.Denom))
		require.Equal(t, before.sellerB.Add(amount), r.balance(r.b, r.companyB, r.voucherOnB), "the seller receives the voucher")
		require.Equal(t, tax, r.balance(r.b, treasuryB, r.voucherOnB), "the external sales tax goes to B's treasury")
		require.Equal(t, before.supplyA, r.supply(r.a, app.Denom))
		require.Equal(t, escrow.Add(total), r.balance(r.a, transfertypes.GetEscrowAddress(epA.ChannelConfig.PortID, epA.ChannelID), app.Denom))
		require.Equal(t, before.voucherSupplyB.Add(total), r.supply(r.b, r.voucherOnB), "vouchers on B match the escrow on A")
		require.True(t, appOf(r.b).BankKeeper.GetAllBalances(r.b.GetContext(), markettypes.IntakeAddress).IsZero())

		ctx := r.b.GetContext()
		l, err := appOf(r.b).MarketKeeper.Listing(ctx, syrup)
		require.NoError(t, err)
		require.Equal(t, uint64(8), l.Stock)
		orders, err := appOf(r.b).MarketKeeper.Orders.Get(ctx, 1)
		require.NoError(t, err)
		require.Equal(t, r.senderA.String(), orders.Buyer)
		require.True(t, orders.External)
		require.Equal(t, r.voucherOnB, orders.Denom)
		require.Equal(t, r.transfer.EndpointB.ChannelID, orders.SourceChannel)
		require.Equal(t, amount, orders.Amount)
		require.Equal(t, tax, orders.Tax)
	})

	delisted := r.listOnB("5")
	result, logs := execByCompany(t, r.b, r.companyB, &markettypes.MsgDelist{Seller: r.companyB.String(), ListingId: delisted})
	require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_SUCCESS, result, logs)
	one := sdkmath.NewInt(1_000_000)
	oneTotal := one.Add(params.ExternalSalesTaxRate.MulInt(one).TruncateInt())
	failures := []struct {
		name   string
		memo   string
		amount sdkmath.Int
		err    error
	}{
		{"unknown listing", purchaseMemo(404, 1), oneTotal, markettypes.ErrUnknownListing},
		{"delisted", purchaseMemo(delisted, 1), oneTotal, markettypes.ErrUnknownListing},
		{"out of stock", purchaseMemo(syrup, 9), one.MulRaw(9), markettypes.ErrOutOfStock},
		{"one ursc short", purchaseMemo(syrup, 1), oneTotal.SubRaw(1), markettypes.ErrWrongAmount},
		{"one ursc over", purchaseMemo(syrup, 1), oneTotal.AddRaw(1), markettypes.ErrWrongAmount},
		{"malformed memo", `{"conductor":{"purchase":{"listing":"x","quantity":"1"}}}`, oneTotal, ibcmemo.ErrInvalidMemo},
		{"zero quantity", purchaseMemo(syrup, 0), oneTotal, ibcmemo.ErrInvalidMemo},
		{"negative quantity", `{"conductor":{"purchase":{"listing":"1","quantity":"-2"}}}`, oneTotal, ibcmemo.ErrInvalidMemo},
	}
	for _, c := range failures {
		t.Run(c.name, func(t *testing.T) {
			before := r.ledger()
			ack := r.relay(r.transferPacket(epA, r.senderA, r.senderB.String(), sdk.NewCoin(app.Denom, c.amount), c.memo))
			require.False(t, ack.Success())
			require.Contains(t, ack.GetError(), errRef(c.err), "the acknowledgement names the error")
			require.Equal(t, before, r.ledger(), "refunded; nothing minted, nothing paid")
			require.True(t, r.balance(r.b, r.senderB, r.voucherOnB).IsZero(), "the receiver named in the packet gets nothing")
			l, err := appOf(r.b).MarketKeeper.Listing(r.b.GetContext(), syrup)
			require.NoError(t, err)
			require.Equal(t, uint64(8), l.Stock)
		})
	}

	t.Run("not RSC", func(t *testing.T) {
		coin := sdk.NewInt64Coin("apple", 1_002_000)
		ctx := r.a.GetContext()
		require.NoError(t, appOf(r.a).BankKeeper.MintCoins(ctx, transfertypes.ModuleName, sdk.NewCoins(coin)))
		require.NoError(t, appOf(r.a).BankKeeper.SendCoinsFromModuleToAccount(ctx, transfertypes.ModuleName, r.senderA, sdk.NewCoins(coin)))
		ack := r.relay(r.transferPacket(epA, r.senderA, r.companyB.String(), coin, purchaseMemo(syrup, 1)))
		require.False(t, ack.Success())
		require.Contains(t, ack.GetError(), errRef(markettypes.ErrNotRSC))
		require.Equal(t, coin, appOf(r.a).BankKeeper.GetBalance(r.a.GetContext(), r.senderA, "apple"), "refunded")
	})

	t.Run("a voucher of another chain's ursc is not RSC", func(t *testing.T) {
		// A person on A holds "ursc" that some third chain minted and relayed to A over
		// channel-9: its base denom is ursc, but it is neither A's RSC nor B's coming home.
		fake, coin := fakeRSC(t, r.a, oneTotal)
		require.NoError(t, appOf(r.a).BankKeeper.SendCoinsFromModuleToAccount(r.a.GetContext(), transfertypes.ModuleName, r.senderA, sdk.NewCoins(coin)))
		before := r.ledger()
		ack := r.relay(r.transferPacket(epA, r.senderA, r.companyB.String(), coin, purchaseMemo(syrup, 1)))
		require.False(t, ack.Success())
		require.Contains(t, ack.GetError(), errRef(markettypes.ErrNotRSC))
		require.Equal(t, coin, appOf(r.a).BankKeeper.GetBalance(r.a.GetContext(), r.senderA, fake), "refunded")
		require.Equal(t, before, r.ledger(), "nothing minted, nothing paid")
		onB := transfertypes.ParseDenomTrace(transfertypes.GetPrefixedDenom(r.transfer.EndpointB.ChannelConfig.PortID, r.transfer.EndpointB.ChannelID, fakeTrace)).IBCDenom()
		require.True(t, r.supply(r.b, onB).IsZero(), "no voucher of it on B")
		require.True(t, r.balance(r.b, r.companyB, onB).IsZero())
		l, err := appOf(r.b).MarketKeeper.Listing(r.b.GetContext(), syrup)
		require.NoError(t, err)
		require.Equal(t, uint64(8), l.Stock)
	})

	t.Run("timeout refunds", func(t *testing.T) {
		before := r.ledger()
		timeout := clienttypes.GetSelfHeight(r.b.GetContext()).Increment().(clienttypes.Height)
		msg := transfertypes.NewMsgTransfer(epA.ChannelConfig.PortID, epA.ChannelID, sdk.NewCoin(app.Denom, oneTotal), r.senderA.String(), r.companyB.String(), timeout, 0, purchaseMemo(syrup, 1))
		res, err := r.a.SendMsgs(msg)
		require.NoError(t, err)
		packet, err := ibctesting.ParsePacketFromEvents(res.Events)
		require.NoError(t, err)
		require.Equal(t, before.buyer.Sub(oneTotal), r.balance(r.a, r.senderA, app.Denom), "escrowed while in flight")
		r.b.Coordinator.CommitNBlocks(r.b, 3)
		require.NoError(t, epA.UpdateClient())
		require.NoError(t, epA.TimeoutPacket(packet))
		require.Equal(t, before, r.ledger())
	})

	t.Run("returning RSC pays in the seller's own denom", func(t *testing.T) {
		// senderB's native ursc goes to A as a voucher, then buys on B with it.
		epB := r.transfer.EndpointB
		require.True(t, r.send(epB, epA, r.senderB, r.senderA, sdk.NewCoin(app.Denom, oneTotal)).Success())
		voucherOnA := transfertypes.ParseDenomTrace(transfertypes.GetPrefixedDenom(epA.ChannelConfig.PortID, epA.ChannelID, app.Denom)).IBCDenom()
		sellerBefore, supplyB := r.balance(r.b, r.companyB, app.Denom), r.supply(r.b, app.Denom)
		ack := r.relay(r.transferPacket(epA, r.senderA, r.companyB.String(), sdk.NewCoin(voucherOnA, oneTotal), purchaseMemo(syrup, 1)))
		require.True(t, ack.Success(), ack.GetError())
		require.Equal(t, sellerBefore.Add(one), r.balance(r.b, r.companyB, app.Denom))
		require.Equal(t, supplyB, r.supply(r.b, app.Denom))
		require.True(t, r.supply(r.a, voucherOnA).IsZero(), "the voucher was burnt on A")
	})

	t.Run("plain transfer to a company still refused", func(t *testing.T) {
		before := r.ledger()
		ack := r.relay(r.transferPacket(epA, r.senderA, r.companyB.String(), sdk.NewCoin(app.Denom, oneTotal), "for the syrup"))
		require.False(t, ack.Success())
		require.Equal(t, before, r.ledger())
	})
}

// fakeTrace is a multi-hop voucher of "ursc": some chain's token of that name, relayed over
// a channel that is not the purchase's.
const fakeTrace = "transfer/channel-9/" + app.Denom

// fakeRSC records fakeTrace's denom trace on chain and mints amount of it to the transfer
// module there, as if it had arrived over channel-9; it returns the denom and the coin.
func fakeRSC(t *testing.T, chain *ibctesting.TestChain, amount sdkmath.Int) (string, sdk.Coin) {
	t.Helper()
	trace := transfertypes.ParseDenomTrace(fakeTrace)
	ctx := chain.GetContext()
	appOf(chain).TransferKeeper.SetDenomTrace(ctx, trace)
	coin := sdk.NewCoin(trace.IBCDenom(), amount)
	require.NoError(t, appOf(chain).BankKeeper.MintCoins(ctx, transfertypes.ModuleName, sdk.NewCoins(coin)))
	return trace.IBCDenom(), coin
}

// TestMarketIntakeRefusesPlainTransfers: an ICS-20 transfer with no memo whose receiver is
// the market's IBC intake is refused by the intake's send restriction, in both ways ICS-20
// credits an account (a voucher minted, native ursc released from escrow): the
// acknowledgement is ErrIntakeNotPayable's, the sender is refunded, the intake stays empty,
// the market invariants hold and a zero-height export (which asserts them) succeeds.
func TestMarketIntakeRefusesPlainTransfers(t *testing.T) {
	r := newRegions(t)
	epA, epB := r.transfer.EndpointA, r.transfer.EndpointB
	amount := sdkmath.NewInt(1_000)
	require.True(t, r.send(epA, epB, r.senderA, r.senderB, sdk.NewCoin(app.Denom, amount.MulRaw(2))).Success())
	intake := markettypes.IntakeAddress.String()
	cases := []struct {
		name     string
		from     *ibctesting.Endpoint
		sender   sdk.AccAddress
		coin     sdk.Coin
		receiver *ibctesting.TestChain
	}{
		{"A's ursc to B's intake (a voucher minted)", epA, r.senderA, sdk.NewCoin(app.Denom, amount), r.b},
		{"A's ursc coming home to A's intake (released from escrow)", epB, r.senderB, sdk.NewCoin(r.voucherOnB, amount), r.a},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sender := c.from.Chain
			before, supplyA, supplyB := r.balance(sender, c.sender, c.coin.Denom), r.supply(r.a, app.Denom), r.supply(r.b, r.voucherOnB)
			res, ackBz, err := r.transfer.RelayPacketWithResults(r.transferPacket(c.from, c.sender, intake, c.coin, ""))
			require.NoError(t, err)
			var ack channeltypes.Acknowledgement
			require.NoError(t, transfertypes.ModuleCdc.UnmarshalJSON(ackBz, &ack))
			require.False(t, ack.Success())
			require.Equal(t, channeltypes.NewErrorAcknowledgement(markettypes.ErrIntakeNotPayable), ack, "the transfer app's acknowledgement carries the code")
			require.Contains(t, ackError(res.Events), markettypes.ErrIntakeNotPayable.Error())
			require.Equal(t, before, r.balance(sender, c.sender, c.coin.Denom), "refunded")
			require.Equal(t, supplyA, r.supply(r.a, app.Denom))
			require.Equal(t, supplyB, r.supply(r.b, r.voucherOnB))
			require.True(t, appOf(c.receiver).BankKeeper.GetAllBalances(c.receiver.GetContext(), markettypes.IntakeAddress).IsZero())
			marketInvariantsHold(t, r.a.GetContext(), appOf(r.a).MarketKeeper)
			marketInvariantsHold(t, r.b.GetContext(), appOf(r.b).MarketKeeper)
		})
	}
	for _, chain := range []*ibctesting.TestChain{r.a, r.b} {
		_, err := appOf(chain).ExportAppStateAndValidators(true, nil, nil)
		require.NoError(t, err, "a zero-height export asserts the invariants")
	}
}

// ackError is the error the ICS-20 app recorded in its packet event of a refused receive
// (IBC core keeps the events of a refused receive under ibccallbackerror- names).
func ackError(events []abci.Event) string {
	for _, ev := range events {
		if ev.Type != ibcerrorevents+transfertypes.EventTypePacket {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == ibcerrorevents+transfertypes.AttributeKeyAckError {
				return a.Value
			}
		}
	}
	return ""
}

const ibcerrorevents = ibccoretypes.ErrorAttributeKeyPrefix

// errRef is how an error acknowledgement names a registered error: "codespace/code".
func errRef(err error) string {
	e := err.(*errorsmod.Error)
	return fmt.Sprintf("%s/%d", e.Codespace(), e.ABCICode())
}
