package modulekit

import (
	"context"
	"errors"
	"fmt"

	gogogrpc "github.com/cosmos/gogoproto/grpc"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
)

// Base is what every Conductor module has in common: its name and store, its codecs, its
// REST gateway, its services and invariants, its simulation and its store decoder. A
// module's AppModule embeds it beside Genesis and adds what is its own (EndBlock,
// AutoCLIOptions).
type Base struct {
	ModuleName string
	StoreKey   string
	Amino      func(*codec.LegacyAmino)
	Interfaces func(codectypes.InterfaceRegistry)
	// Gateway registers the module's query service on the REST gateway.
	Gateway func(client.Context, *gwruntime.ServeMux) error
	Schema  collections.Schema
	// Services registers the module's Msg and Query services.
	Services func(module.Configurator)
	// Invariants registers the module's invariants.
	Invariants func(sdk.InvariantRegistry)
	// SimGenesis draws a random genesis; Operations are the weighted simulation operations.
	SimGenesis func(*module.SimulationState)
	Operations func() []simtypes.WeightedOperation
	// Migrations are the module's store migrations: Migrations[v] brings the state from
	// consensus version v to v+1. The module's version is one more than the last.
	Migrations []Migration
}

// Migration brings a module's state from consensus version From to From+1.
type Migration struct {
	From    uint64
	Migrate func(sdk.Context) error
}

func (Base) IsOnePerModuleType() {}
func (Base) IsAppModule()        {}
func (b Base) Name() string      { return b.ModuleName }
func (b Base) ConsensusVersion() uint64 {
	if n := len(b.Migrations); n > 0 {
		return b.Migrations[n-1].From + 1
	}
	return 1
}

func (b Base) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) { b.Amino(cdc) }

func (b Base) RegisterInterfaces(r codectypes.InterfaceRegistry) { b.Interfaces(r) }

func (b Base) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := b.Gateway(clientCtx, mux); err != nil {
		panic(err)
	}
}

// RegisterServices registers the module's services and its store migrations.
func (b Base) RegisterServices(cfg module.Configurator) {
	b.Services(cfg)
	for _, m := range b.Migrations {
		if err := cfg.RegisterMigration(b.ModuleName, m.From, module.MigrationHandler(m.Migrate)); err != nil {
			panic(fmt.Errorf("%s: migration from version %d: %w", b.ModuleName, m.From, err))
		}
	}
}

func (b Base) RegisterInvariants(ir sdk.InvariantRegistry) { b.Invariants(ir) }

func (b Base) GenerateGenesisState(simState *module.SimulationState) { b.SimGenesis(simState) }

func (b Base) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return b.Operations()
}

// RegisterStoreDecoder decodes the module's store in simulation logs.
func (b Base) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[b.StoreKey] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(b.Schema)
}

// Gateway adapts a module's generated RegisterQueryHandlerClient and NewQueryClient to Base.Gateway.
func Gateway[C any](register func(context.Context, *gwruntime.ServeMux, C) error, newClient func(gogogrpc.ClientConn) C) func(client.Context, *gwruntime.ServeMux) error {
	return func(clientCtx client.Context, mux *gwruntime.ServeMux) error {
		return register(context.Background(), mux, newClient(clientCtx))
	}
}

// Address decodes a bech32 address of a message or query field, wrapping a failure in the
// module's registered invalid-address error and naming the field.
func Address(codec address.Codec, s, what string, invalid *errorsmod.Error) (sdk.AccAddress, error) {
	addr, err := codec.StringToBytes(s)
	if err != nil {
		return nil, errorsmod.Wrapf(invalid, "%s %q: %s", what, s, err)
	}
	return addr, nil
}

// Schema builds a keeper's collections schema; a bad schema is a programming error.
func Schema(sb *collections.SchemaBuilder) collections.Schema {
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	return schema
}

// NextID takes the next id from seq: ids start at 1, so that 0 means none; the sequence
// holds the last id given.
func NextID(ctx context.Context, seq collections.Sequence) (uint64, error) {
	id, err := seq.Next(ctx)
	return id + 1, err
}

// Get reads key from m; a missing key is the module's notFound error, naming the key.
func Get[K, V any](ctx context.Context, m collections.Map[K, V], key K, notFound *errorsmod.Error) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		name := fmt.Sprint(key)
		if s, ok := any(key).(fmt.Stringer); ok {
			name = s.String()
		}
		return v, errorsmod.Wrap(notFound, name)
	}
	return v, err
}

// ErrNoNextID is a next id of 0 given to SetNext: ids start at 1, so a next id is at least 1.
var ErrNoNextID = errors.New("next id 0: ids start at 1")

// SetNext sets each sequence so that the next id it gives (NextID) is the one mapped to it:
// a genesis's next ids. A next id of 0 is ErrNoNextID, and then no sequence is set.
func SetNext(ctx context.Context, next map[*collections.Sequence]uint64) error {
	for _, n := range next {
		if n == 0 {
			return ErrNoNextID
		}
	}
	for seq, n := range next {
		if err := seq.Set(ctx, n-1); err != nil {
			return err
		}
	}
	return nil
}

// PeekNext writes into each pointer the next id its sequence will give: a genesis's next ids.
func PeekNext(ctx context.Context, next map[*collections.Sequence]*uint64) error {
	for seq, n := range next {
		last, err := seq.Peek(ctx)
		if err != nil {
			return err
		}
		*n = last + 1
	}
	return nil
}
