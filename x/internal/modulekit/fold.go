package modulekit

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Month is the statement month of a record's time: yyyymm, in UTC.
func Month(t time.Time) uint32 {
	t = t.UTC()
	return uint32(t.Year()*100 + int(t.Month()))
}

// FoldCutoff is the time before which a module folds its records into statements (the
// block time less the retention window), and how many it may fold in the block. A zero
// window (the parameters of a region from before retention, until its upgrade sets them)
// folds nothing.
func FoldCutoff(ctx context.Context, window time.Duration, maxPerBlock uint32) (time.Time, int, bool) {
	if window <= 0 || maxPerBlock == 0 {
		return time.Time{}, 0, false
	}
	return sdk.UnwrapSDKContext(ctx).BlockTime().Add(-window), int(maxPerBlock), true
}

// keyIterator is a collections map's or key set's iterator.
type keyIterator[K any] interface {
	Valid() bool
	Next()
	Key() (K, error)
	Close() error
}

// DueKeys reads, in order, the keys of an iterator whose records are due to be folded (due
// reads the record), at most limit of them, stopping at the first that is not: a block whose
// oldest record is inside the window reads one. It closes the iterator: a fold reads its
// batch's keys before it removes any, since a store's iterator must not run over its own
// writes.
func DueKeys[K any, I keyIterator[K]](it I, err error, limit int, due func(K) (bool, error)) ([]K, error) {
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var keys []K
	for ; it.Valid() && len(keys) < limit; it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, err
		}
		if ok, err := due(key); err != nil || !ok {
			return keys, err
		}
		keys = append(keys, key)
	}
	return keys, nil
}

// DueByID reads the records of an id-keyed map due to be folded: from the id in cursor on,
// in id order (ids follow block time), those whose time is before the retention window, at
// most the block's limit. None with a zero window.
func DueByID[V any](ctx context.Context, m collections.Map[uint64, V], cursor collections.Item[uint64], window time.Duration, maxPerBlock uint32, timeOf func(V) time.Time) ([]uint64, []V, error) {
	cutoff, limit, ok := FoldCutoff(ctx, window, maxPerBlock)
	if !ok {
		return nil, nil, nil
	}
	from, err := cursor.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, nil, err
	}
	var records []V
	it, err := m.Iterate(ctx, new(collections.Range[uint64]).StartInclusive(from))
	ids, err := DueKeys(it, err, limit, func(id uint64) (bool, error) {
		v, err := m.Get(ctx, id)
		if err != nil || timeOf(v).After(cutoff) {
			return false, err
		}
		records = append(records, v)
		return true, nil
	})
	return ids, records, err
}

// Folding runs a block's fold in its own branch of the state: a fold that fails (a store
// error, or a bug) is logged and dropped, and tried again in the next block; it never halts
// the chain.
func Folding(ctx sdk.Context, module string, fold func(sdk.Context) error) {
	cache, write := ctx.CacheContext()
	if err := fold(cache); err != nil {
		ctx.Logger().With("module", "x/"+module).Error("folding records into statements", "err", err)
		return
	}
	write()
}

// Statements gathers a fold's statements: each one a batch touches is read once and
// written once, in the order the batch first met it.
type Statements[K, V any] struct {
	m     collections.Map[K, V]
	byKey map[string]*V
	keys  []K
	order []string
}

// NewStatements starts a batch of statements stored in m.
func NewStatements[K, V any](m collections.Map[K, V]) *Statements[K, V] {
	return &Statements[K, V]{m: m, byKey: map[string]*V{}}
}

// Get returns the statement at key, read from the store the first time, or empty() if there
// is none yet.
func (s *Statements[K, V]) Get(ctx context.Context, key K, empty func() V) (*V, error) {
	bz, err := collections.EncodeKeyWithPrefix(nil, s.m.KeyCodec(), key) // collections keys are not comparable
	if err != nil {
		return nil, err
	}
	if st, ok := s.byKey[string(bz)]; ok {
		return st, nil
	}
	st, err := s.m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		st, err = empty(), nil
	}
	if err != nil {
		return nil, err
	}
	s.byKey[string(bz)] = &st
	s.keys, s.order = append(s.keys, key), append(s.order, string(bz))
	return &st, nil
}

// Write stores the batch's statements.
func (s *Statements[K, V]) Write(ctx context.Context) error {
	for i, key := range s.keys {
		if err := s.m.Set(ctx, key, *s.byKey[s.order[i]]); err != nil {
			return err
		}
	}
	return nil
}

// NewestFirst lists the statements of one owner (the first part of their key), newest
// month first.
func NewestFirst[K1, K2, V any](ctx context.Context, m collections.Map[collections.Pair[K1, K2], V], owner K1) ([]V, error) {
	it, err := m.Iterate(ctx, collections.NewPrefixedPairRange[K1, K2](owner))
	if err != nil {
		return nil, err
	}
	list, err := it.Values()
	slices.Reverse(list)
	return list, err
}
