package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the housing module's name and store key.
	ModuleName = "housing"
	// StoreKey is the housing module's store key.
	StoreKey = ModuleName
)

var (
	UnitsKey              = collections.NewPrefix(0)
	UnitSeqKey            = collections.NewPrefix(1)
	VacantKey             = collections.NewPrefix(2)
	EntriesKey            = collections.NewPrefix(3)
	EntrySeqKey           = collections.NewPrefix(4)
	EntriesByKindKey      = collections.NewPrefix(5)
	EntriesByApplicantKey = collections.NewPrefix(6)
	LeasesKey             = collections.NewPrefix(7)
	LeaseSeqKey           = collections.NewPrefix(8)
	LeasesByTenantKey     = collections.NewPrefix(9)
	DueKey                = collections.NewPrefix(10)
	BooksKey              = collections.NewPrefix(11)
	WaitingKey            = collections.NewPrefix(12)
	OffersDueKey          = collections.NewPrefix(13)
	NoticesDueKey         = collections.NewPrefix(14)
	DebtorsKey            = collections.NewPrefix(15)
	NotedKey              = collections.NewPrefix(16)
	DebtorCountKey        = collections.NewPrefix(17)
)
