package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

var msgs = []sdk.Msg{
	&MsgSetOccupation{}, &MsgPostJob{}, &MsgCloseJob{}, &MsgApply{}, &MsgHire{}, &MsgQuit{}, &MsgDismiss{},
	&MsgRateCoworker{}, &MsgClockIn{}, &MsgClockOut{}, &MsgRecordTimesheet{}, &MsgConfirmTimesheet{},
}

// RegisterLegacyAminoCodec registers the amino names of the payroll messages.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, m := range msgs {
		cdc.RegisterConcrete(m, "conductor/payroll/"+sdk.MsgTypeURL(m)[len("/conductor.payroll.v1."):], nil)
	}
}

// RegisterInterfaces registers the payroll messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), msgs...)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
