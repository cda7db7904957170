package types

import (
	"context"

	"github.com/cosmos/cosmos-sdk/x/group"
)

// AuthorityKeeper checks that a signer is the region's authority (the assembly's policy account).
type AuthorityKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
}

// ProposalKeeper reads the assembly's open proposals, to record which one made a change.
type ProposalKeeper interface {
	ProposalsByGroupPolicy(ctx context.Context, req *group.QueryProposalsByGroupPolicyRequest) (*group.QueryProposalsByGroupPolicyResponse, error)
}
