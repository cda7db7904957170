package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the dividend module's name and store key.
	ModuleName = "dividend"
	// StoreKey is the dividend module's store key.
	StoreKey = ModuleName
)

var (
	PeriodsKey     = collections.NewPrefix(0)
	CurrentKey     = collections.NewPrefix(1)
	MembersKey     = collections.NewPrefix(2)
	MemberCountKey = collections.NewPrefix(3)
	HoldingsKey    = collections.NewPrefix(4)
	RestSweepKey   = collections.NewPrefix(5)
	TotalsKey      = collections.NewPrefix(6)
)
