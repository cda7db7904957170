package app

import (
	upgradetypes "cosmossdk.io/x/upgrade/types"
	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// upgradeOnlyRouter is the message router handed to x/gov: it routes software upgrades
// only. x/gov weighs votes by stake, so every other collective decision of the region goes
// through the one-member-one-vote assembly (x/group) instead; a gov proposal carrying any
// other message is refused at submission as unroutable.
type upgradeOnlyRouter struct{ baseapp.MessageRouter }

var upgradeMsgs = map[string]bool{
	sdk.MsgTypeURL(&upgradetypes.MsgSoftwareUpgrade{}): true,
	sdk.MsgTypeURL(&upgradetypes.MsgCancelUpgrade{}):   true,
}

func (r upgradeOnlyRouter) Handler(msg sdk.Msg) baseapp.MsgServiceHandler {
	return r.HandlerByTypeURL(sdk.MsgTypeURL(msg))
}

func (r upgradeOnlyRouter) HandlerByTypeURL(typeURL string) baseapp.MsgServiceHandler {
	if !upgradeMsgs[typeURL] {
		return nil
	}
	return r.MessageRouter.HandlerByTypeURL(typeURL)
}
