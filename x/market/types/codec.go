package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

var msgs = []sdk.Msg{&MsgCreateListing{}, &MsgUpdateListing{}, &MsgDelist{}, &MsgPurchase{}}

// RegisterLegacyAminoCodec registers the amino names of the market messages.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, m := range msgs {
		cdc.RegisterConcrete(m, "conductor/market/"+sdk.MsgTypeURL(m)[len("/conductor.market.v1."):], nil)
	}
}

// RegisterInterfaces registers the market messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), msgs...)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
