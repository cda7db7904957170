package keeper

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/conductor-coop/conductor/x/federation/types"
	"github.com/conductor-coop/conductor/x/ibcmemo"
)

// EventTypeIBCContribution reports a contribution that came over IBC and was refused.
const EventTypeIBCContribution = "ibc_contribution"

// ReceiveContribution pays an ICS-20 transfer with a pool memo into the pool, if it comes
// from the treasury of a region of the directory, in RSC (that region's own or this one's
// coming home, ibcmemo.IsRSC; never a voucher of another path that only calls itself ursc),
// and the pool is open; recv is the transfer app's receive. Any failure is an error
// acknowledgement: IBC core discards the receive's state changes and the sending region
// refunds its treasury.
func (k Keeper) ReceiveContribution(ctx sdk.Context, packet channeltypes.Packet, data transfertypes.FungibleTokenPacketData,
	memo ibcmemo.Pool, recv func(sdk.Context, channeltypes.Packet) ibcexported.Acknowledgement,
) ibcexported.Acknowledgement {
	fail := func(err error) ibcexported.Acknowledgement {
		ctx.EventManager().EmitEvent(sdk.NewEvent(EventTypeIBCContribution,
			sdk.NewAttribute("pool_id", math.NewIntFromUint64(memo.ID).String()), sdk.NewAttribute("error", err.Error()),
			sdk.NewAttribute("sequence", math.NewIntFromUint64(packet.Sequence).String()),
			sdk.NewAttribute("channel", packet.DestinationChannel)))
		return channeltypes.NewErrorAcknowledgementWithCodespace(err)
	}
	region, err := k.RegionByChannel(ctx, packet.DestinationChannel)
	if err != nil {
		return fail(err)
	}
	if !ibcmemo.IsRSC(packet, data.Denom) { // not a multi-hop voucher of some chain's "ursc"
		return fail(errorsmod.Wrapf(types.ErrNotRSC, "got %s", data.Denom))
	}
	if !k.IsTreasury(data.Sender) {
		return fail(errorsmod.Wrapf(types.ErrNotTreasury, "%s sent it, not the treasury of %s", data.Sender, region.Name))
	}
	pool, err := k.Pool(ctx, memo.ID)
	if err != nil {
		return fail(err)
	}
	if pool.Closed {
		return fail(errorsmod.Wrapf(types.ErrPoolClosed, "pool %d", pool.Id))
	}
	amount, ok := math.NewIntFromString(data.Amount)
	if !ok || !amount.IsPositive() {
		return fail(errorsmod.Wrapf(types.ErrInvalidAmount, "%q", data.Amount))
	}
	data.Receiver = pool.Address
	packet.Data = data.GetBytes()
	var ack ibcexported.Acknowledgement
	if err := k.router.Within(ctx, router.IBCReceipt, valueflowstypes.Link("federation/pool", pool.Id), "a contribution from "+region.Name, func(ctx sdk.Context) error {
		ack = recv(ctx, packet) // a failed receive's state is discarded with its acknowledgement
		return nil
	}); err != nil {
		return fail(err)
	}
	if !ack.Success() {
		return ack
	}
	coin := sdk.NewCoin(ibcmemo.ReceivedDenom(packet, data.Denom), amount)
	if err := k.credit(ctx, pool.Id, region.ChainId, coin); err != nil {
		return fail(err)
	}
	if err := ctx.EventManager().EmitTypedEvent(&types.EventContributionReceived{
		PoolId: pool.Id, ChainId: region.ChainId, Amount: coin, Sequence: packet.Sequence,
	}); err != nil {
		return fail(err)
	}
	return channeltypes.NewResultAcknowledgement([]byte{byte(1)})
}

// IsTreasury tells whether an ICS-20 sender is a region's treasury (the same address on
// every region): only treasuries contribute to pools, and a refused contribution goes back
// to this one's as a Conductor action.
func (k Keeper) IsTreasury(sender string) bool {
	return sender == authtypes.NewModuleAddress(k.treasury).String()
}

// Refund runs ICS-20's refund of a contribution the other region refused, or that timed
// out (fn), as a payment back to the treasury.
func (k Keeper) Refund(ctx sdk.Context, packet channeltypes.Packet, fn func(sdk.Context) error) error {
	return k.router.Within(ctx, router.IBCReceipt, valueflowstypes.Link("federation/contribution", packet.Sequence), "a contribution refunded", fn)
}

// SettleContribution records how the host answered a contribution (or that it timed out).
func (k Keeper) SettleContribution(ctx sdk.Context, packet channeltypes.Packet, pool ibcmemo.Pool, accepted bool, reason string) error {
	return ctx.EventManager().EmitTypedEvent(&types.EventContributionSettled{
		ChannelId: packet.SourceChannel, Sequence: packet.Sequence, PoolId: pool.ID, Accepted: accepted, Error: reason,
	})
}
