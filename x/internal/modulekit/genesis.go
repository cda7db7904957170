// Package modulekit holds the plumbing every Conductor module shares, so that a module's
// module.go says only what is particular to it.
package modulekit

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cosmos/gogoproto/proto"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// GenesisState is a module's genesis message.
type GenesisState[G any] interface {
	*G
	proto.Message
	Validate() error
}

// Genesis adapts a module's typed genesis (default, validation, init and export through its
// keeper) to the SDK's JSON genesis methods; a module's AppModule embeds it.
type Genesis[G any, P GenesisState[G]] struct {
	ModuleName string
	Default    func() P
	Init       func(context.Context, P) error
	Export     func(context.Context) (P, error)
}

func (g Genesis[G, P]) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(g.Default())
}

func (g Genesis[G, P]) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	gs := P(new(G))
	if err := cdc.UnmarshalJSON(bz, gs); err != nil {
		return fmt.Errorf("%s genesis: %w", g.ModuleName, err)
	}
	return gs.Validate()
}

// InitGenesis panics on an invalid genesis, as the chain cannot start from it.
func (g Genesis[G, P]) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	gs := P(new(G))
	cdc.MustUnmarshalJSON(bz, gs)
	if err := g.Init(ctx, gs); err != nil {
		panic(fmt.Errorf("%s genesis: %w", g.ModuleName, err))
	}
}

func (g Genesis[G, P]) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := g.Export(ctx)
	if err != nil {
		panic(fmt.Errorf("%s export: %w", g.ModuleName, err))
	}
	return cdc.MustMarshalJSON(gs)
}

// Values returns every value of a map, in key order, for a module's genesis export.
func Values[K, V any](ctx context.Context, m collections.Map[K, V]) ([]V, error) {
	var out []V
	err := m.Walk(ctx, nil, func(_ K, v V) (bool, error) {
		out = append(out, v)
		return false, nil
	})
	return out, err
}
