package types

import errorsmod "cosmossdk.io/errors"

// The assembly's errors.
var (
	ErrNotMember       = errorsmod.Register(ModuleName, 2, "not a member of the region")
	ErrUnknownProposal = errorsmod.Register(ModuleName, 3, "unknown proposal")
	ErrNotVoting       = errorsmod.Register(ModuleName, 4, "the proposal is not open for voting")
	ErrNotDeliberation = errorsmod.Register(ModuleName, 5, "the proposal is no longer in deliberation: it cannot be amended")
	ErrNotProposer     = errorsmod.Register(ModuleName, 6, "only the proposer may amend a proposal")
	ErrNotEligible     = errorsmod.Register(ModuleName, 7, "admitted after voting opened: a new member votes from the next proposal")
	ErrInvalidVote     = errorsmod.Register(ModuleName, 8, "vote must be yes, no or abstain")
	ErrInvalidProposal = errorsmod.Register(ModuleName, 9, "invalid proposal")
	ErrWrongSigner     = errorsmod.Register(ModuleName, 10, "a proposal's messages must be signed by the assembly alone")
	ErrKindMismatch    = errorsmod.Register(ModuleName, 11, "the proposal's kind is not the kind its messages need")
	ErrTooManyOpen     = errorsmod.Register(ModuleName, 12, "too many open proposals")
	ErrSelfProxy       = errorsmod.Register(ModuleName, 13, "a member cannot hold their own proxy")
	ErrProxyChain      = errorsmod.Register(ModuleName, 14, "a held vote is not passed on: a proxy holder cannot give a proxy, nor receive one from a member who holds proxies")
	ErrTooManyProxies  = errorsmod.Register(ModuleName, 15, "the holder holds the most proxies the region allows")
	ErrNoProxy         = errorsmod.Register(ModuleName, 16, "no proxy of this kind to take back")
	ErrInvalidAddress  = errorsmod.Register(ModuleName, 17, "invalid address")
	ErrUnroutable      = errorsmod.Register(ModuleName, 18, "a proposal's message has no handler")
	ErrInvalidGenesis  = errorsmod.Register(ModuleName, 19, "invalid assembly genesis")
	ErrProxyExists     = errorsmod.Register(ModuleName, 20, "the holder already holds this proxy")
	ErrExecutionFailed = errorsmod.Register(ModuleName, 21, "a passed proposal's message failed")
	ErrNotInPerson     = errorsmod.Register(ModuleName, 22, "a member votes, amends and gives proxies by signing themselves: a vote is given to another member by a proxy, not by an authz grant")
)
