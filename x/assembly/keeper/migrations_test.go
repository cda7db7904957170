package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	storetypes "cosmossdk.io/store/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/cosmos/cosmos-sdk/types/query"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/x/assembly/keeper"
	"github.com/conductor-coop/conductor/x/assembly/types"
)

// v1Indexes are the proposal indexes of state version 1: by status only.
type v1Indexes struct {
	Status *indexes.Multi[int32, uint64, types.Proposal]
}

func (i v1Indexes) IndexesList() []collections.Index[uint64, types.Proposal] {
	return []collections.Index[uint64, types.Proposal]{i.Status}
}

// v1Store is a store with the proposals a version-1 assembly wrote: n proposals whose kind
// cycles through general, membership and upgrade and whose status cycles through passed,
// rejected and voting (a voting one has its running tally).
func v1Store(t *testing.T, n int) (sdk.Context, keeper.Keeper, []types.Proposal) {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient")).Ctx
	enc := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	upgradetypes.RegisterInterfaces(enc.InterfaceRegistry)
	banktypes.RegisterInterfaces(enc.InterfaceRegistry)
	svc := runtime.NewKVStoreService(key)

	sb := collections.NewSchemaBuilder(svc)
	v1 := collections.NewIndexedMap(sb, types.ProposalsKey, "proposals", collections.Uint64Key, codec.CollValue[types.Proposal](enc.Codec),
		v1Indexes{Status: indexes.NewMulti(sb, types.ProposalsByStatus, "proposals_by_status", collections.Int32Key, collections.Uint64Key,
			func(_ uint64, p types.Proposal) (int32, error) { return int32(p.Status), nil })})
	seq := collections.NewSequence(sb, types.ProposalSeqKey, "proposal_seq")
	tallies := collections.NewMap(sb, types.TalliesKey, "tallies", collections.Uint64Key, codec.CollValue[types.Tally](enc.Codec))
	_, err := sb.Build()
	require.NoError(t, err)

	kinds := []types.ProposalKind{types.PROPOSAL_KIND_GENERAL, types.PROPOSAL_KIND_MEMBERSHIP, types.PROPOSAL_KIND_UPGRADE}
	statuses := []types.ProposalStatus{types.PROPOSAL_STATUS_PASSED, types.PROPOSAL_STATUS_REJECTED, types.PROPOSAL_STATUS_VOTING, types.PROPOSAL_STATUS_PASSED}
	var stored []types.Proposal
	for i := range n {
		id := uint64(i + 1)
		kind := kinds[i%len(kinds)]
		var msg sdk.Msg = &banktypes.MsgSend{FromAddress: types.Address.String(), ToAddress: types.Address.String()}
		if kind == types.PROPOSAL_KIND_UPGRADE {
			msg = &upgradetypes.MsgSoftwareUpgrade{Authority: types.Address.String(), Plan: upgradetypes.Plan{Name: "v2", Height: 100}}
		}
		anyMsg, err := codectypes.NewAnyWithValue(msg)
		require.NoError(t, err)
		p := types.Proposal{Id: id, Kind: kind, Status: statuses[i%len(statuses)], Title: "p", Messages: []*codectypes.Any{anyMsg},
			SubmitTime: time.Unix(int64(1_700_000_000+i), 0).UTC()}
		if p.Status == types.PROPOSAL_STATUS_VOTING {
			require.NoError(t, tallies.Set(ctx, id, types.Tally{Yes: uint64(i)}))
		} else {
			p.Tally = types.Tally{Yes: 2, No: 1}
		}
		require.NoError(t, v1.Set(ctx, id, p))
		stored = append(stored, p)
	}
	require.NoError(t, seq.Set(ctx, uint64(n)))

	k := keeper.NewKeeper(keeper.Deps{Codec: enc.Codec, Store: svc, AddressCodec: addresscodec.NewBech32Codec("cosmos")})
	return ctx, k, stored
}

// byKind lists the ids the kind index holds for kind.
func byKind(t *testing.T, ctx sdk.Context, k keeper.Keeper, kind types.ProposalKind) []uint64 {
	t.Helper()
	it, err := k.Proposals.Indexes.Kind.MatchExact(ctx, int32(kind))
	require.NoError(t, err)
	ids, err := it.PrimaryKeys()
	require.NoError(t, err)
	return ids
}

func idsOf(ps []types.Proposal) []uint64 {
	ids := []uint64{}
	for _, p := range ps {
		ids = append(ids, p.Id)
	}
	return ids
}

// TestMigrate1to2: a version-1 store has proposals and no kind index; the migration builds
// it, the proposals and the status index are as they were, and the Proposals query answers
// a kind from the index.
func TestMigrate1to2(t *testing.T) {
	ctx, k, stored := v1Store(t, 40)
	q := keeper.NewQueryServerImpl(k)
	kindReq := &types.QueryProposalsRequest{Kind: types.PROPOSAL_KIND_UPGRADE}

	require.Empty(t, byKind(t, ctx, k, types.PROPOSAL_KIND_UPGRADE), "a version-1 store has no kind index")
	res, err := q.Proposals(ctx, kindReq)
	require.NoError(t, err)
	require.Empty(t, res.Proposals, "the query reads the index, not every proposal")
	statusBefore := map[types.ProposalStatus][]uint64{}
	for _, s := range []types.ProposalStatus{types.PROPOSAL_STATUS_PASSED, types.PROPOSAL_STATUS_REJECTED, types.PROPOSAL_STATUS_VOTING} {
		it, err := k.Proposals.Indexes.Status.MatchExact(ctx, int32(s))
		require.NoError(t, err)
		statusBefore[s], err = it.PrimaryKeys()
		require.NoError(t, err)
	}

	require.NoError(t, keeper.NewMigrator(k).Migrate1to2(ctx))

	want := map[types.ProposalKind][]uint64{}
	for _, p := range stored {
		want[p.Kind] = append(want[p.Kind], p.Id)
	}
	for kind, ids := range want {
		require.Equal(t, ids, byKind(t, ctx, k, kind), kind.String())
	}
	require.Empty(t, byKind(t, ctx, k, types.PROPOSAL_KIND_PARAMETERS))
	for s, ids := range statusBefore {
		it, err := k.Proposals.Indexes.Status.MatchExact(ctx, int32(s))
		require.NoError(t, err)
		after, err := it.PrimaryKeys()
		require.NoError(t, err)
		require.Equal(t, ids, after, s.String())
	}
	for _, p := range stored {
		got, err := k.Proposals.Get(ctx, p.Id)
		require.NoError(t, err)
		require.Equal(t, p.Kind, got.Kind)
		require.Equal(t, p.Status, got.Status)
		require.Equal(t, p.Messages[0].TypeUrl, got.Messages[0].TypeUrl)
	}

	// the query: newest first, from the index; a voting proposal carries its running tally.
	res, err = q.Proposals(ctx, kindReq)
	require.NoError(t, err)
	wantUpgrade := reversed(want[types.PROPOSAL_KIND_UPGRADE])
	require.Equal(t, wantUpgrade, idsOf(res.Proposals))
	for _, p := range res.Proposals {
		require.Equal(t, types.PROPOSAL_KIND_UPGRADE, p.Kind)
		if p.Status == types.PROPOSAL_STATUS_VOTING {
			require.Equal(t, p.Id-1, p.Tally.Yes, "running tally of %d", p.Id)
		}
	}

	// a proposal set after the migration moves in the index as in any version-2 store.
	moved, err := k.Proposals.Get(ctx, wantUpgrade[0])
	require.NoError(t, err)
	moved.Kind = types.PROPOSAL_KIND_PARAMETERS
	require.NoError(t, k.Proposals.Set(ctx, moved.Id, moved))
	require.Equal(t, []uint64{moved.Id}, byKind(t, ctx, k, types.PROPOSAL_KIND_PARAMETERS))
	require.NotContains(t, byKind(t, ctx, k, types.PROPOSAL_KIND_UPGRADE), moved.Id)

	// running it again changes nothing.
	require.NoError(t, keeper.NewMigrator(k).Migrate1to2(ctx))
	require.Equal(t, []uint64{moved.Id}, byKind(t, ctx, k, types.PROPOSAL_KIND_PARAMETERS))
}

func reversed(ids []uint64) []uint64 {
	out := make([]uint64, 0, len(ids))
	for i := len(ids) - 1; i >= 0; i-- {
		out = append(out, ids[i])
	}
	return out
}

// TestProposalsQueryByIndex: paging a kind, a status, and both, from the indexes, gives the
// proposals the full scan gives, page by page (by key and by offset), with the total.
func TestProposalsQueryByIndex(t *testing.T) {
	ctx, k, stored := v1Store(t, 50)
	require.NoError(t, keeper.NewMigrator(k).Migrate1to2(ctx))
	q := keeper.NewQueryServerImpl(k)

	cases := []struct {
		name   string
		status types.ProposalStatus
		kind   types.ProposalKind
	}{
		{"kind", 0, types.PROPOSAL_KIND_MEMBERSHIP},
		{"status", types.PROPOSAL_STATUS_PASSED, 0},
		{"status and kind", types.PROPOSAL_STATUS_PASSED, types.PROPOSAL_KIND_UPGRADE},
		{"none", 0, 0},
		{"no match", types.PROPOSAL_STATUS_FAILED, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []uint64
			for _, p := range stored {
				if (c.status == 0 || p.Status == c.status) && (c.kind == 0 || p.Kind == c.kind) {
					want = append(want, p.Id)
				}
			}
			want = reversed(want) // newest first

			// one page, with the total
			res, err := q.Proposals(ctx, &types.QueryProposalsRequest{Status: c.status, Kind: c.kind, Pagination: &query.PageRequest{CountTotal: true}})
			require.NoError(t, err)
			require.Equal(t, want, idsOf(res.Proposals))
			require.Equal(t, uint64(len(want)), res.Pagination.Total)
			require.Nil(t, res.Pagination.NextKey)

			// pages of 4 by key, newest first (reverse given on the pages after the first)
			got := []uint64{}
			var next []byte
			for pages := 0; ; pages++ {
				require.Less(t, pages, 100)
				pr := &query.PageRequest{Limit: 4, Key: next}
				if next != nil {
					pr.Reverse = true
				}
				res, err := q.Proposals(ctx, &types.QueryProposalsRequest{Status: c.status, Kind: c.kind, Pagination: pr})
				require.NoError(t, err)
				require.LessOrEqual(t, len(res.Proposals), 4)
				got = append(got, idsOf(res.Proposals)...)
				if next = res.Pagination.NextKey; next == nil {
					break
				}
			}
			require.Equal(t, want, got)

			// oldest first from an offset
			res, err = q.Proposals(ctx, &types.QueryProposalsRequest{Status: c.status, Kind: c.kind,
				Pagination: &query.PageRequest{Offset: 2, Limit: 3}})
			require.NoError(t, err)
			asc := reversed(want)
			if len(asc) > 2 {
				asc = asc[2:]
			} else {
				asc = asc[:0]
			}
			require.Equal(t, asc[:min(3, len(asc))], idsOf(res.Proposals))
		})
	}

	_, err := q.Proposals(ctx, &types.QueryProposalsRequest{Kind: types.PROPOSAL_KIND_GENERAL, Pagination: &query.PageRequest{Offset: 1, Key: []byte{1}}})
	require.Error(t, err, "offset and key together")
}
