package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the federation module's name and store key.
	ModuleName = "federation"
	// StoreKey is the federation module's store key.
	StoreKey = ModuleName
)

var (
	RegionsKey          = collections.NewPrefix(0)
	RegionsByChannelKey = collections.NewPrefix(1)
	PoolsKey            = collections.NewPrefix(2)
	PoolSeqKey          = collections.NewPrefix(3)
	PoolsByAddressKey   = collections.NewPrefix(4)
	ContributionsKey    = collections.NewPrefix(5)
	SpendsKey           = collections.NewPrefix(6)
	SpendSeqKey         = collections.NewPrefix(7)
	SpendsByPoolKey     = collections.NewPrefix(8)
)
