package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// groupGuard is x/group's Msg service with one rule added: nobody leaves a group that this
// module administers (the assembly, companies, regional companies, the bank) through
// x/group's MsgLeaveGroup, which would take a vote away behind the registry's back. Being the
// Msg service itself, it holds on every path: direct, authz, group proposal, ICA host.
type groupGuard struct {
	group.MsgServer
	k Keeper
}

// GuardGroupMsgServer wraps x/group's Msg service with the registry's rule.
func (k Keeper) GuardGroupMsgServer(inner group.MsgServer) group.MsgServer {
	return groupGuard{MsgServer: inner, k: k}
}

func (g groupGuard) LeaveGroup(ctx context.Context, msg *group.MsgLeaveGroup) (*group.MsgLeaveGroupResponse, error) {
	info, err := g.k.group.GroupInfo(ctx, &group.QueryGroupInfoRequest{GroupId: msg.GroupId})
	if err == nil && info.Info.Admin == g.k.admin {
		return nil, errorsmod.Wrapf(types.ErrManagedGroup, "group %d", msg.GroupId)
	}
	return g.MsgServer.LeaveGroup(ctx, msg)
}
