package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the governanceparams module's name and store key.
	ModuleName = "governanceparams"
	// StoreKey is the store key of the module; it differs from the module name because
	// store keys may not be prefixes of each other ("gov").
	StoreKey = "regionparams"
)

var (
	ParamsKey    = collections.NewPrefix(0)
	ChangesKey   = collections.NewPrefix(1)
	ChangeSeqKey = collections.NewPrefix(2)
)
