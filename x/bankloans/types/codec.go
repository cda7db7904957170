package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

var msgs = []sdk.Msg{
	&MsgFundBank{}, &MsgSetProduct{}, &MsgApply{}, &MsgApprove{}, &MsgReject{}, &MsgRepay{}, &MsgForgive{},
	&MsgDeclareBankruptcy{}, &MsgForceBankruptcy{},
}

// RegisterLegacyAminoCodec registers the amino names of the bankloans messages.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, m := range msgs {
		cdc.RegisterConcrete(m, "conductor/bankloans/"+sdk.MsgTypeURL(m)[len("/conductor.bankloans.v1."):], nil)
	}
}

// RegisterInterfaces registers the bankloans messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), msgs...)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
