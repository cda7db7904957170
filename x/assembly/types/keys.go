// Package types holds the assembly's messages, state and errors.
package types

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

const (
	// ModuleName is the assembly's name and store key.
	ModuleName = "assembly"
	StoreKey   = ModuleName
)

// Address is the assembly's module account: the signer of every message a passed proposal
// runs, and the authority of every Conductor module and of the SDK and IBC modules that have one.
var Address = authtypes.NewModuleAddress(ModuleName)

var (
	ProposalSeqKey     = collections.NewPrefix(0)
	ProposalsKey       = collections.NewPrefix(1)
	ProposalsByStatus  = collections.NewPrefix(2)
	DeliberationQueue  = collections.NewPrefix(3)
	VotingQueue        = collections.NewPrefix(4)
	OpenByProposerKey  = collections.NewPrefix(5)
	VotesKey           = collections.NewPrefix(6)
	ProxiesKey         = collections.NewPrefix(7)
	ProxiesByHolderKey = collections.NewPrefix(8)
	CleanupKey         = collections.NewPrefix(9)
	TalliesKey         = collections.NewPrefix(10)
	// ProposalsByKind indexes proposals by kind (state version 2; migration 1→2 builds it).
	ProposalsByKind = collections.NewPrefix(11)
)

// IsOpen tells whether a proposal is in deliberation or voting.
func (s ProposalStatus) IsOpen() bool {
	return s == PROPOSAL_STATUS_DELIBERATION || s == PROPOSAL_STATUS_VOTING
}

type executingKey struct{}

// WithExecuting marks the context in which the assembly runs proposal id's messages, so that
// a module can record which decision carried a message (x/membership's ExecutingProposal). It
// unlocks nothing: the messages are authorized by their signer, the assembly's account, which
// only the assembly's execution of a passed proposal can be.
func WithExecuting(ctx context.Context, id uint64) context.Context {
	return sdk.UnwrapSDKContext(ctx).WithValue(executingKey{}, id)
}

// Executing returns the proposal whose messages run in ctx, or 0.
func Executing(ctx context.Context) uint64 {
	id, _ := ctx.Value(executingKey{}).(uint64)
	return id
}
