package market

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/conductor-coop/conductor/x/ibcmemo"
	"github.com/conductor-coop/conductor/x/market/keeper"
)

// IBCMiddleware sits on ICS-20's receive path: a transfer whose memo names a purchase,
//
//	{"conductor":{"purchase":{"listing":"7","quantity":"2"}}}
//
// buys from this region's market (at the rate the region directory gives the sender's
// region); any other transfer goes on as it is, under the RSC rule. Every other callback is ICS-20's own.
type IBCMiddleware struct {
	porttypes.IBCModule
	keeper keeper.Keeper
}

var _ porttypes.IBCModule = IBCMiddleware{}

// NewIBCMiddleware wraps the transfer app.
func NewIBCMiddleware(app porttypes.IBCModule, k keeper.Keeper) IBCMiddleware {
	return IBCMiddleware{IBCModule: app, keeper: k}
}

// OnRecvPacket runs a purchase memo's purchase, or passes the packet on.
func (im IBCMiddleware) OnRecvPacket(ctx sdk.Context, packet channeltypes.Packet, relayer sdk.AccAddress) ibcexported.Acknowledgement {
	recv := func(c sdk.Context, p channeltypes.Packet) ibcexported.Acknowledgement {
		return im.IBCModule.OnRecvPacket(c, p, relayer)
	}
	data, memo, ok, err := ibcmemo.Read(packet)
	switch {
	case !ok:
		return recv(ctx, packet)
	case err != nil:
		return channeltypes.NewErrorAcknowledgementWithCodespace(err)
	case memo.Purchase == nil:
		return recv(ctx, packet) // another action's memo: for the middleware that handles it
	}
	return im.keeper.ReceivePurchase(ctx, packet, data, *memo.Purchase, recv)
}
