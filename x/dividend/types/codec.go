package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the amino names of the dividend messages.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgClaim{}, "conductor/dividend/MsgClaim", nil)
	cdc.RegisterConcrete(&MsgSubsidize{}, "conductor/dividend/MsgSubsidize", nil)
}

// RegisterInterfaces registers the dividend messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgClaim{}, &MsgSubsidize{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
