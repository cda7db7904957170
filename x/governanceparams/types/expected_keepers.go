package types

import (
	"context"

	"github.com/cosmos/gogoproto/proto"
)

// AuthorityKeeper checks that a signer is the region's authority (the assembly's policy
// account) and finds the assembly proposal behind a change, to record it.
type AuthorityKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
	ExecutingProposal(ctx context.Context, policy string, msg proto.Message) (uint64, error)
}
