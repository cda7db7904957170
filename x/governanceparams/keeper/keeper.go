package keeper

import (
	"bytes"
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"
	"github.com/cosmos/gogoproto/proto"

	"github.com/conductor-coop/conductor/x/governanceparams/types"
)

// Keeper holds the region's decided numbers and the record of every change to them.
type Keeper struct {
	cdc       codec.BinaryCodec
	authority types.AuthorityKeeper
	proposals types.ProposalKeeper

	Schema    collections.Schema
	Params    collections.Item[types.Params]
	Changes   collections.Map[uint64, types.ParamChange]
	ChangeSeq collections.Sequence
}

// NewKeeper returns the governanceparams keeper.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper, proposals types.ProposalKeeper) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:       cdc,
		authority: authority,
		proposals: proposals,
		Params:    collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Changes:   collections.NewMap(sb, types.ChangesKey, "changes", collections.Uint64Key, codec.CollValue[types.ParamChange](cdc)),
		ChangeSeq: collections.NewSequence(sb, types.ChangeSeqKey, "change_seq"),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetParams returns the parameters in force: the narrow read other modules use.
func (k Keeper) GetParams(ctx context.Context) (types.Params, error) {
	return k.Params.Get(ctx)
}

// executingProposal finds the assembly proposal now executing msg: an open proposal of the
// authority's policy that carries exactly this message and has not yet run successfully.
// x/group prunes a proposal once it has run, so the id is recorded here, while it runs.
// Returns 0 when msg did not come from a proposal.
func (k Keeper) executingProposal(ctx context.Context, policy string, msg proto.Message) (uint64, error) {
	want, err := k.cdc.Marshal(msg)
	if err != nil {
		return 0, err
	}
	typeURL := sdk.MsgTypeURL(msg)
	page := &query.PageRequest{Limit: 100}
	for {
		res, err := k.proposals.ProposalsByGroupPolicy(ctx, &group.QueryProposalsByGroupPolicyRequest{Address: policy, Pagination: page})
		if err != nil {
			return 0, err
		}
		for _, p := range res.Proposals {
			if p.ExecutorResult == group.PROPOSAL_EXECUTOR_RESULT_SUCCESS || p.Status == group.PROPOSAL_STATUS_REJECTED || p.Status == group.PROPOSAL_STATUS_ABORTED || p.Status == group.PROPOSAL_STATUS_WITHDRAWN {
				continue
			}
			for _, m := range p.Messages {
				if m.TypeUrl == typeURL && bytes.Equal(m.Value, want) {
					return p.Id, nil
				}
			}
		}
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			return 0, nil
		}
		page = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 100}
	}
}
