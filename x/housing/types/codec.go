package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

var msgs = []sdk.Msg{&MsgRegisterUnit{}, &MsgJoinWaitlist{}, &MsgLeaveWaitlist{}, &MsgAcceptOffer{}, &MsgDeclineOffer{}, &MsgEndLease{}}

// RegisterLegacyAminoCodec registers the amino names of the housing messages.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, m := range msgs {
		cdc.RegisterConcrete(m, "conductor/housing/"+sdk.MsgTypeURL(m)[len("/conductor.housing.v1."):], nil)
	}
}

// RegisterInterfaces registers the housing messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), msgs...)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
