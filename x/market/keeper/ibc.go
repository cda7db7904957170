package keeper

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/conductor-coop/conductor/x/ibcmemo"
	"github.com/conductor-coop/conductor/x/market/types"
	"github.com/conductor-coop/conductor/x/router"
)

// EventTypeIBCPurchase reports a purchase that came over IBC: its order, or why it failed.
const EventTypeIBCPurchase = "ibc_purchase"

// ReceivePurchase runs a purchase that arrived as an ICS-20 transfer with a purchase memo:
// the transfer is received into the market's intake account (recv is the transfer app's
// receive), then the purchase is paid from it in the denom that arrived, at the sales tax
// rate the region directory gives the channel's region (external, unless a trade pact makes
// it internal); a channel of no region in the directory is refused. It must be paid in RSC:
// the sending region's own or this region's coming home (ibcmemo.IsRSC), never a voucher of
// another path that only calls itself ursc. The amount must be the purchase's exact total.
// Any failure is an error acknowledgement: IBC core then discards every state change of the
// receive (the voucher minted or the escrow released), and the sending region refunds the
// buyer.
func (k Keeper) ReceivePurchase(ctx sdk.Context, packet channeltypes.Packet, data transfertypes.FungibleTokenPacketData,
	memo ibcmemo.Purchase, recv func(sdk.Context, channeltypes.Packet) ibcexported.Acknowledgement,
) ibcexported.Acknowledgement {
	fail := func(err error) ibcexported.Acknowledgement {
		ctx.EventManager().EmitEvent(sdk.NewEvent(EventTypeIBCPurchase,
			sdk.NewAttribute("success", "false"), sdk.NewAttribute("error", err.Error()),
			sdk.NewAttribute("sequence", math.NewIntFromUint64(packet.Sequence).String()),
			sdk.NewAttribute("channel", packet.DestinationChannel)))
		return channeltypes.NewErrorAcknowledgementWithCodespace(err)
	}
	if !ibcmemo.IsRSC(packet, data.Denom) { // not a multi-hop voucher of some chain's "ursc"
		return fail(errorsmod.Wrapf(types.ErrNotRSC, "got %s", data.Denom))
	}
	_, internal, err := k.directory.RegionOfChannel(ctx, packet.DestinationChannel)
	if err != nil {
		return fail(err)
	}
	total, ok := math.NewIntFromString(data.Amount)
	if !ok {
		return fail(errorsmod.Wrapf(types.ErrWrongAmount, "amount %q", data.Amount))
	}
	data.Receiver = types.IntakeAddress.String()
	packet.Data = data.GetBytes()
	// the intake takes a transfer only as the first step of a purchase (IntakeRestriction)
	var ack ibcexported.Acknowledgement
	if err := k.router.Within(ctx, router.IBCReceipt, "market/intake", "a purchase arriving over IBC", func(ctx sdk.Context) error {
		ack = recv(ctx, packet) // a failed receive's state is discarded with its acknowledgement
		return nil
	}); err != nil {
		return fail(err)
	}
	if !ack.Success() {
		return ack
	}
	ord, err := k.purchase(ctx, order{
		buyer: data.Sender, payer: types.IntakeAddress, listingID: memo.Listing, quantity: memo.Quantity,
		external: !internal, denom: ibcmemo.ReceivedDenom(packet, data.Denom), channel: packet.DestinationChannel, total: total,
	})
	if err != nil {
		return fail(err)
	}
	ctx.EventManager().EmitEvent(sdk.NewEvent(EventTypeIBCPurchase,
		sdk.NewAttribute("success", "true"), sdk.NewAttribute("order_id", math.NewIntFromUint64(ord.Id).String())))
	return channeltypes.NewResultAcknowledgement([]byte{byte(1)})
}
