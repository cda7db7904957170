package app

import (
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

const (
	// AppName is the name of the region chain's application.
	AppName = "conductor"
	// Bech32Prefix is the address prefix of a region: rsc1...
	Bech32Prefix = "rsc"
	// Denom is the base denomination of RSC: 1 RSC = 1,000,000 ursc.
	Denom = membershiptypes.Denom
	// DisplayDenom is the denomination people read.
	DisplayDenom = "RSC"
)

func init() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+"pub")
	cfg.SetBech32PrefixForValidator(Bech32Prefix+"valoper", Bech32Prefix+"valoperpub")
	cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+"valcons", Bech32Prefix+"valconspub")
	sdk.DefaultBondDenom = Denom
	if err := sdk.RegisterDenom(DisplayDenom, math.LegacyOneDec()); err != nil {
		panic(err)
	}
	if err := sdk.RegisterDenom(Denom, math.LegacyNewDecWithPrec(1, 6)); err != nil {
		panic(err)
	}
}
