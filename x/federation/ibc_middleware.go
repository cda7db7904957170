package federation

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/conductor-coop/conductor/x/federation/keeper"
	"github.com/conductor-coop/conductor/x/ibcmemo"
)

// IBCMiddleware sits on ICS-20 (around the market's middleware). On receive, a transfer whose
// memo names a pool,
//
//	{"conductor":{"pool":{"id":"3"}}}
//
// is paid into that pool if it comes from a region's treasury; any other packet goes on. On
// the sending side, the acknowledgement or timeout of this region's own contribution refunds
// the treasury (as a Conductor action) when the host refused it.
type IBCMiddleware struct {
	porttypes.IBCModule
	keeper keeper.Keeper
}

var _ porttypes.IBCModule = IBCMiddleware{}

// NewIBCMiddleware wraps app (the market's middleware around the transfer app).
func NewIBCMiddleware(app porttypes.IBCModule, k keeper.Keeper) IBCMiddleware {
	return IBCMiddleware{IBCModule: app, keeper: k}
}

// OnRecvPacket runs a pool memo's contribution, or passes the packet on.
func (im IBCMiddleware) OnRecvPacket(ctx sdk.Context, packet channeltypes.Packet, relayer sdk.AccAddress) ibcexported.Acknowledgement {
	data, memo, ok, err := ibcmemo.Read(packet)
	switch {
	case !ok || memo.Pool == nil:
		return im.IBCModule.OnRecvPacket(ctx, packet, relayer) // plain, or another action's memo
	case err != nil:
		return channeltypes.NewErrorAcknowledgementWithCodespace(err)
	}
	return im.keeper.ReceiveContribution(ctx, packet, data, *memo.Pool, func(ctx sdk.Context, p channeltypes.Packet) ibcexported.Acknowledgement {
		return im.IBCModule.OnRecvPacket(ctx, p, relayer)
	})
}

// OnAcknowledgementPacket refunds a refused contribution to the treasury.
func (im IBCMiddleware) OnAcknowledgementPacket(ctx sdk.Context, packet channeltypes.Packet, acknowledgement []byte, relayer sdk.AccAddress) error {
	pool, ok := im.contribution(packet)
	if !ok {
		return im.IBCModule.OnAcknowledgementPacket(ctx, packet, acknowledgement, relayer)
	}
	if err := im.keeper.Refund(ctx, packet, func(ctx sdk.Context) error {
		return im.IBCModule.OnAcknowledgementPacket(ctx, packet, acknowledgement, relayer)
	}); err != nil {
		return err
	}
	var ack channeltypes.Acknowledgement
	if err := transfertypes.ModuleCdc.UnmarshalJSON(acknowledgement, &ack); err != nil {
		return err // the transfer app has already refused it
	}
	return im.keeper.SettleContribution(ctx, packet, pool, ack.Success(), ack.GetError())
}

// OnTimeoutPacket refunds a contribution that timed out to the treasury.
func (im IBCMiddleware) OnTimeoutPacket(ctx sdk.Context, packet channeltypes.Packet, relayer sdk.AccAddress) error {
	pool, ok := im.contribution(packet)
	if !ok {
		return im.IBCModule.OnTimeoutPacket(ctx, packet, relayer)
	}
	if err := im.keeper.Refund(ctx, packet, func(ctx sdk.Context) error {
		return im.IBCModule.OnTimeoutPacket(ctx, packet, relayer)
	}); err != nil {
		return err
	}
	return im.keeper.SettleContribution(ctx, packet, pool, false, "timed out")
}

func (im IBCMiddleware) contribution(packet channeltypes.Packet) (ibcmemo.Pool, bool) {
	data, memo, ok, err := ibcmemo.Read(packet)
	if !ok || err != nil || memo.Pool == nil || !im.keeper.IsTreasury(data.Sender) {
		return ibcmemo.Pool{}, false
	}
	return *memo.Pool, true
}
