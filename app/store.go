package app

import (
	"context"

	"cosmossdk.io/core/store"
)

// keepIndexEntries is a KVStoreService whose stores do not write again an index entry (an
// empty value) that is already there. x/bank's balances carry a denom index that it sets on
// every balance change; IAVL turns each such write into a new version of the leaf (a new
// path from the root, hashed and saved at commit) although nothing changed, which made every
// transfer to an existing holder cost two leaf writes instead of one.
type keepIndexEntries struct{ store.KVStoreService }

func (s keepIndexEntries) OpenKVStore(ctx context.Context) store.KVStore {
	return indexEntriesKept{s.KVStoreService.OpenKVStore(ctx)}
}

type indexEntriesKept struct{ store.KVStore }

func (s indexEntriesKept) Set(key, value []byte) error {
	if len(value) == 0 {
		if has, err := s.KVStore.Has(key); err != nil || has {
			return err
		}
	}
	return s.KVStore.Set(key, value)
}
