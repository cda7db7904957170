package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

var msgs = []sdk.Msg{&MsgSetRegion{}, &MsgRemoveRegion{}, &MsgCreatePool{}, &MsgClosePool{}, &MsgSpend{}, &MsgContribute{}}

// RegisterLegacyAminoCodec registers the amino names of the federation messages.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, m := range msgs {
		cdc.RegisterConcrete(m, "conductor/federation/"+sdk.MsgTypeURL(m)[len("/conductor.federation.v1."):], nil)
	}
}

// RegisterInterfaces registers the federation messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), msgs...)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
