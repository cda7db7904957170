package modulekit_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// TestSetNext: a sequence set to next id n gives n; a next id of 0 (ids start at 1) is
// refused and sets no sequence.
func TestSetNext(t *testing.T) {
	key := storetypes.NewKVStoreKey("test")
	ctx := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("transient"))
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(key))
	a, b := collections.NewSequence(sb, collections.NewPrefix(1), "a"), collections.NewSequence(sb, collections.NewPrefix(2), "b")
	_ = modulekit.Schema(sb)

	require.NoError(t, modulekit.SetNext(ctx, map[*collections.Sequence]uint64{&a: 5, &b: 1}))
	id, err := modulekit.NextID(ctx, a)
	require.NoError(t, err)
	require.Equal(t, uint64(5), id)
	id, err = modulekit.NextID(ctx, b)
	require.NoError(t, err)
	require.Equal(t, uint64(1), id)

	err = modulekit.SetNext(ctx, map[*collections.Sequence]uint64{&a: 9, &b: 0})
	require.True(t, errors.Is(err, modulekit.ErrNoNextID), err)
	id, err = modulekit.NextID(ctx, a)
	require.NoError(t, err)
	require.Equal(t, uint64(6), id, "a sequence was set though a next id was 0")
}
