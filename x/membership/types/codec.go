package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the amino names of the membership messages, so that
// wallets signing in SIGN_MODE_LEGACY_AMINO_JSON can sign them.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgAdmitMember{}, "conductor/membership/MsgAdmitMember", nil)
	cdc.RegisterConcrete(&MsgLeaveRegion{}, "conductor/membership/MsgLeaveRegion", nil)
	cdc.RegisterConcrete(&MsgRegisterPerson{}, "conductor/membership/MsgRegisterPerson", nil)
	cdc.RegisterConcrete(&MsgFoundCompany{}, "conductor/membership/MsgFoundCompany", nil)
	cdc.RegisterConcrete(&MsgCreateInstitution{}, "conductor/membership/MsgCreateInstitution", nil)
	cdc.RegisterConcrete(&MsgAdmitValidator{}, "conductor/membership/MsgAdmitValidator", nil)
	cdc.RegisterConcrete(&MsgRevokeValidator{}, "conductor/membership/MsgRevokeValidator", nil)
}

// RegisterInterfaces registers the membership messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgAdmitMember{}, &MsgLeaveRegion{}, &MsgRegisterPerson{}, &MsgFoundCompany{},
		&MsgCreateInstitution{}, &MsgAdmitValidator{}, &MsgRevokeValidator{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
