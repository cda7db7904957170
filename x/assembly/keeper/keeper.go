// Package keeper is the assembly: proposals, running tallies, proxies, and the EndBlocker
// that opens, closes and cleans up proposals, each step bounded.
package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// Deps are what the assembly needs from the app.
type Deps struct {
	Codec        codec.Codec
	Store        store.KVStoreService
	AddressCodec address.Codec
	Members      types.Members
	// Params returns the region's parameters (the assembly's rules among them).
	Params func(context.Context) (gptypes.Params, error)
	// Router runs a passed proposal's messages.
	Router baseapp.MessageRouter
}

// ProposalIndexes index proposals by status (the open ones are walked, bounded by
// max_open_proposals) and by kind; the Proposals query lists a status or a kind from its
// index.
type ProposalIndexes struct {
	Status *indexes.Multi[int32, uint64, types.Proposal]
	// Kind is new in state version 2 (Migrator.Migrate1to2 builds it).
	Kind *indexes.Multi[int32, uint64, types.Proposal]
}

// IndexesList lists the proposal indexes.
func (i ProposalIndexes) IndexesList() []collections.Index[uint64, types.Proposal] {
	return []collections.Index[uint64, types.Proposal]{i.Status, i.Kind}
}

// ProxyKey is (member, kind); kind 0 is the proxy on every kind without one of its own.
type ProxyKey = collections.Pair[sdk.AccAddress, int32]

// ProxyIndexes index proxies by their holder.
type ProxyIndexes struct {
	Holder *indexes.Multi[sdk.AccAddress, ProxyKey, types.Proxy]
}

// IndexesList lists the proxy indexes.
func (i ProxyIndexes) IndexesList() []collections.Index[ProxyKey, types.Proxy] {
	return []collections.Index[ProxyKey, types.Proxy]{i.Holder}
}

// Keeper is the assembly's state.
type Keeper struct {
	cdc          codec.Codec
	addressCodec address.Codec
	members      types.Members
	params       func(context.Context) (gptypes.Params, error)
	router       baseapp.MessageRouter

	Schema      collections.Schema
	ProposalSeq collections.Sequence
	Proposals   *collections.IndexedMap[uint64, types.Proposal, ProposalIndexes]
	// Tallies are the running tallies of the proposals in voting.
	Tallies collections.Map[uint64, types.Tally]
	// DeliberationQueue and VotingQueue order open proposals by when their stage ends.
	DeliberationQueue modulekit.DueQueue
	VotingQueue       modulekit.DueQueue
	// OpenBy counts a proposer's open proposals.
	OpenBy  collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	Votes   collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Vote]
	Proxies *collections.IndexedMap[ProxyKey, types.Proxy, ProxyIndexes]
	// Cleanup holds the closed proposals whose votes are still being deleted.
	Cleanup collections.KeySet[uint64]
}

// NewKeeper returns the assembly's keeper.
func NewKeeper(d Deps) Keeper {
	sb := collections.NewSchemaBuilder(d.Store)
	k := Keeper{
		cdc: d.Codec, addressCodec: d.AddressCodec, members: d.Members, params: d.Params, router: d.Router,
		ProposalSeq: collections.NewSequence(sb, types.ProposalSeqKey, "proposal_seq"),
		Proposals: collections.NewIndexedMap(sb, types.ProposalsKey, "proposals", collections.Uint64Key, codec.CollValue[types.Proposal](d.Codec),
			ProposalIndexes{
				Status: indexes.NewMulti(sb, types.ProposalsByStatus, "proposals_by_status", collections.Int32Key, collections.Uint64Key,
					func(_ uint64, p types.Proposal) (int32, error) { return int32(p.Status), nil }),
				Kind: indexes.NewMulti(sb, types.ProposalsByKind, "proposals_by_kind", collections.Int32Key, collections.Uint64Key,
					func(_ uint64, p types.Proposal) (int32, error) { return int32(p.Kind), nil }),
			}),
		Tallies:           collections.NewMap(sb, types.TalliesKey, "tallies", collections.Uint64Key, codec.CollValue[types.Tally](d.Codec)),
		DeliberationQueue: collections.NewKeySet(sb, types.DeliberationQueue, "deliberation_queue", collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		VotingQueue:       collections.NewKeySet(sb, types.VotingQueue, "voting_queue", collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		OpenBy:            collections.NewKeySet(sb, types.OpenByProposerKey, "open_by", collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		Votes: collections.NewMap(sb, types.VotesKey, "votes", collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey),
			codec.CollValue[types.Vote](d.Codec)),
		Proxies: collections.NewIndexedMap(sb, types.ProxiesKey, "proxies", collections.PairKeyCodec(sdk.AccAddressKey, collections.Int32Key),
			codec.CollValue[types.Proxy](d.Codec),
			ProxyIndexes{Holder: indexes.NewMulti(sb, types.ProxiesByHolderKey, "proxies_by_holder", sdk.AccAddressKey,
				collections.PairKeyCodec(sdk.AccAddressKey, collections.Int32Key),
				func(_ ProxyKey, p types.Proxy) (sdk.AccAddress, error) { return d.AddressCodec.StringToBytes(p.Holder) })}),
		Cleanup: collections.NewKeySet(sb, types.CleanupKey, "cleanup", collections.Uint64Key),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

// Logger returns the module's logger.
func (k Keeper) Logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

func (k Keeper) rules(ctx context.Context) (gptypes.AssemblyRules, error) {
	p, err := k.params(ctx)
	return p.Assembly, err
}

// requireMember returns ErrNotMember unless addr is a member now.
func (k Keeper) requireMember(ctx context.Context, addr sdk.AccAddress, who string) error {
	member, _, err := k.members.MemberSince(ctx, addr)
	if err != nil {
		return err
	}
	if !member {
		return types.ErrNotMember.Wrapf("%s %s", who, addr)
	}
	return nil
}

// eligible tells whether addr votes on p: a member admitted no later than the block voting
// opened in (the members counted in p.Eligible).
func (k Keeper) eligible(ctx context.Context, p types.Proposal, addr sdk.AccAddress) (bool, error) {
	member, since, err := k.members.MemberSince(ctx, addr)
	return member && since <= p.VotingHeight, err
}

// voting returns the proposals still open for votes at this block's time, in id order (at
// most max_open_proposals): a proposal whose voting end has come is closed by the EndBlocker
// from its tally as it stood, and no proxy change or leaving moves it any more.
func (k Keeper) voting(ctx context.Context) ([]types.Proposal, error) {
	it, err := k.Proposals.Indexes.Status.MatchExact(ctx, int32(types.PROPOSAL_STATUS_VOTING))
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []types.Proposal
	for ; it.Valid(); it.Next() {
		id, err := it.PrimaryKey()
		if err != nil {
			return nil, err
		}
		p, err := k.Proposals.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if sdk.UnwrapSDKContext(ctx).BlockTime().Before(p.VotingEnd) {
			out = append(out, p)
		}
	}
	return out, nil
}
