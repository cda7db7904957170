package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the amino names of the assembly's messages (wallets sign
// votes and proxies in amino JSON).
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgPropose{}, "conductor/assembly/MsgPropose", nil)
	cdc.RegisterConcrete(&MsgAmend{}, "conductor/assembly/MsgAmend", nil)
	cdc.RegisterConcrete(&MsgVote{}, "conductor/assembly/MsgVote", nil)
	cdc.RegisterConcrete(&MsgGiveProxy{}, "conductor/assembly/MsgGiveProxy", nil)
	cdc.RegisterConcrete(&MsgTakeBackProxy{}, "conductor/assembly/MsgTakeBackProxy", nil)
}

// RegisterInterfaces registers the assembly's messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgPropose{}, &MsgAmend{}, &MsgVote{}, &MsgGiveProxy{}, &MsgTakeBackProxy{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}

// UnpackInterfaces unpacks a proposal's messages.
func (p Proposal) UnpackInterfaces(unpacker codectypes.AnyUnpacker) error {
	return unpackMsgs(unpacker, p.Messages)
}

// UnpackInterfaces unpacks the proposed messages.
func (m MsgPropose) UnpackInterfaces(unpacker codectypes.AnyUnpacker) error {
	return unpackMsgs(unpacker, m.Messages)
}

// UnpackInterfaces unpacks the amended messages.
func (m MsgAmend) UnpackInterfaces(unpacker codectypes.AnyUnpacker) error {
	return unpackMsgs(unpacker, m.Messages)
}

// UnpackInterfaces unpacks the proposals' messages.
func (gs GenesisState) UnpackInterfaces(unpacker codectypes.AnyUnpacker) error {
	for _, p := range gs.Proposals {
		if err := p.UnpackInterfaces(unpacker); err != nil {
			return err
		}
	}
	return nil
}

func unpackMsgs(unpacker codectypes.AnyUnpacker, msgs []*codectypes.Any) error {
	for _, m := range msgs {
		var msg sdk.Msg
		if err := unpacker.UnpackAny(m, &msg); err != nil {
			return err
		}
	}
	return nil
}
