package modulekit

import (
	"cosmossdk.io/collections"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
)

// Base is what every Conductor module has in common: its name and store, its codecs, its
// REST gateway and its store decoder. A module's AppModule embeds it beside Genesis.
type Base struct {
	ModuleName string
	StoreKey   string
	Amino      func(*codec.LegacyAmino)
	Interfaces func(codectypes.InterfaceRegistry)
	// Gateway registers the module's query service on the REST gateway.
	Gateway func(client.Context, *gwruntime.ServeMux) error
	Schema  collections.Schema
}

func (Base) IsOnePerModuleType()      {}
func (Base) IsAppModule()             {}
func (b Base) Name() string           { return b.ModuleName }
func (Base) ConsensusVersion() uint64 { return 1 }

func (b Base) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) { b.Amino(cdc) }

func (b Base) RegisterInterfaces(r codectypes.InterfaceRegistry) { b.Interfaces(r) }

func (b Base) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := b.Gateway(clientCtx, mux); err != nil {
		panic(err)
	}
}

// RegisterStoreDecoder decodes the module's store in simulation logs.
func (b Base) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[b.StoreKey] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(b.Schema)
}
