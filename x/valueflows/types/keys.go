package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the valueflows module's name and store key.
	ModuleName = "valueflows"
	// StoreKey is the valueflows module's store key.
	StoreKey = ModuleName
)

var (
	UnitsKey            = collections.NewPrefix(0)
	SpecsKey            = collections.NewPrefix(1)
	SpecSeqKey          = collections.NewPrefix(2)
	ResourcesKey        = collections.NewPrefix(3)
	ResourceSeqKey      = collections.NewPrefix(4)
	ResourcesByOwnerKey = collections.NewPrefix(5)
	ResourcesBySpecKey  = collections.NewPrefix(6)
	EventsKey           = collections.NewPrefix(7)
	EventSeqKey         = collections.NewPrefix(8)
	EventsByAgentKey    = collections.NewPrefix(9)
	EventsByProcessKey  = collections.NewPrefix(10)
	EventsByResourceKey = collections.NewPrefix(11)
	AttachmentsKey      = collections.NewPrefix(13)
	AttachedKey         = collections.NewPrefix(14)
	ProcessesKey        = collections.NewPrefix(15)
	ProcessSeqKey       = collections.NewPrefix(16)
	ProcessesByOwnerKey = collections.NewPrefix(17)
	RecipesKey          = collections.NewPrefix(18)
	RecipeSeqKey        = collections.NewPrefix(19)
	RecipesByOutputKey  = collections.NewPrefix(20)
	IntentsKey          = collections.NewPrefix(21)
	IntentSeqKey        = collections.NewPrefix(22)
	IntentsByAgentKey   = collections.NewPrefix(23)
	PlansKey            = collections.NewPrefix(24)
	PlanSeqKey          = collections.NewPrefix(25)
	StockKey            = collections.NewPrefix(26)
	AllocatedKey        = collections.NewPrefix(27)
	ScheduledKey        = collections.NewPrefix(28)
	FlowsKey            = collections.NewPrefix(29)
	TransfersKey        = collections.NewPrefix(30)
	TransferSeqKey      = collections.NewPrefix(31)
	TransfersByAgentKey = collections.NewPrefix(32)
	StatementsKey       = collections.NewPrefix(33)
	FoldCursorKey       = collections.NewPrefix(34)
	FoldedKey           = collections.NewPrefix(35)
)

// The region's own resource kinds, present from genesis: other modules record their flows
// in them.
const (
	SpecRSC       uint64 = 1
	SpecLabour    uint64 = 2
	SpecHome      uint64 = 3
	SpecFacility  uint64 = 4
	SpecEquipment uint64 = 5
	SpecSchooling uint64 = 6
)

// Flow kinds of the daily flow index that flow-gap reports read.
const (
	FlowDemand   uint8 = 1
	FlowSupply   uint8 = 2
	FlowProduced uint8 = 3
	FlowConsumed uint8 = 4
)
