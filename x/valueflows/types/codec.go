package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

var msgs = []sdk.Msg{
	&MsgSetUnit{}, &MsgDefineSpec{}, &MsgStartProcess{}, &MsgRecordEvent{}, &MsgAcceptTransfer{}, &MsgRejectTransfer{}, &MsgAttach{}, &MsgFinishProcess{},
	&MsgCreateRecipe{}, &MsgIntend{}, &MsgCloseIntent{}, &MsgCreatePlan{}, &MsgClosePlan{},
}

// RegisterLegacyAminoCodec registers the amino names of the valueflows messages.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, m := range msgs {
		cdc.RegisterConcrete(m, "conductor/valueflows/"+sdk.MsgTypeURL(m)[len("/conductor.valueflows.v1."):], nil)
	}
}

// RegisterInterfaces registers the valueflows messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), msgs...)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
