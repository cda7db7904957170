package keeper

import (
	"context"
	"encoding/binary"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the valueflows Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Units(ctx context.Context, _ *types.QueryUnitsRequest) (*types.QueryUnitsResponse, error) {
	units, err := modulekit.Values(ctx, q.Keeper.Units)
	return &types.QueryUnitsResponse{Units: units}, err
}

func (q queryServer) Specs(ctx context.Context, req *types.QuerySpecsRequest) (*types.QuerySpecsResponse, error) {
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Specs, req.Pagination,
		func(_ uint64, s types.ResourceSpecification) (types.ResourceSpecification, error) { return s, nil })
	return &types.QuerySpecsResponse{Specs: list, Pagination: page}, err
}

func (q queryServer) Spec(ctx context.Context, req *types.QuerySpecRequest) (*types.QuerySpecResponse, error) {
	s, err := q.Keeper.Spec(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return &types.QuerySpecResponse{Spec: s}, nil
}

// byIndex pages through an index keyed (K, id) under prefix, reading each id with get.
func byIndex[K, V any](ctx context.Context, index collections.KeySet[collections.Pair[K, uint64]], prefix K,
	page *query.PageRequest, get func(context.Context, uint64) (V, error),
) ([]V, *query.PageResponse, error) {
	return query.CollectionPaginate(ctx, index, page,
		func(key collections.Pair[K, uint64], _ collections.NoValue) (V, error) { return get(ctx, key.K2()) },
		query.WithCollectionPaginationPairPrefix[K, uint64](prefix))
}

func (q queryServer) Resources(ctx context.Context, req *types.QueryResourcesRequest) (*types.QueryResourcesResponse, error) {
	var list []types.EconomicResource
	var page *query.PageResponse
	var err error
	switch {
	case req.Owner != "" && req.SpecId != 0:
		return nil, errorsmod.Wrap(types.ErrInvalidQuery, "an owner or a kind, not both")
	case req.Owner != "":
		list, page, err = byIndex(ctx, q.ResourcesByOwner, req.Owner, req.Pagination, q.Keeper.Resource)
	case req.SpecId != 0:
		list, page, err = byIndex(ctx, q.ResourcesBySpec, req.SpecId, req.Pagination, q.Keeper.Resource)
	default:
		list, page, err = query.CollectionPaginate(ctx, q.Keeper.Resources, req.Pagination,
			func(_ uint64, r types.EconomicResource) (types.EconomicResource, error) { return r, nil })
	}
	return &types.QueryResourcesResponse{Resources: list, Pagination: page}, err
}

func (q queryServer) Resource(ctx context.Context, req *types.QueryResourceRequest) (*types.QueryResourceResponse, error) {
	r, err := q.Keeper.Resource(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return &types.QueryResourceResponse{Resource: r}, nil
}

func (q queryServer) event(ctx context.Context, id uint64) (types.EconomicEvent, error) {
	return modulekit.Get(ctx, q.Keeper.Events, id, types.ErrUnknownEvent)
}

// Events lists events by one index: agent, process, resource, or time (period).
func (q queryServer) Events(ctx context.Context, req *types.QueryEventsRequest) (*types.QueryEventsResponse, error) {
	given := 0
	for _, set := range []bool{req.Agent != "", req.ProcessId != 0, req.ResourceId != 0, req.Period != ""} {
		if set {
			given++
		}
	}
	if given != 1 {
		return nil, errorsmod.Wrap(types.ErrInvalidQuery, "one of agent, process, resource or period")
	}
	var list []types.EconomicEvent
	var page *query.PageResponse
	var err error
	switch {
	case req.Agent != "":
		list, page, err = byIndex(ctx, q.EventsByAgent, req.Agent, req.Pagination, q.event)
	case req.ProcessId != 0:
		list, page, err = byIndex(ctx, q.EventsByProcess, req.ProcessId, req.Pagination, q.event)
	case req.ResourceId != 0:
		list, page, err = byIndex(ctx, q.EventsByResource, req.ResourceId, req.Pagination, q.event)
	default:
		list, page, err = q.eventsIn(ctx, req.Period, req.Pagination)
	}
	res := &types.QueryEventsResponse{Events: list, Pagination: page}
	if err == nil && req.Agent != "" && (req.Pagination == nil || len(req.Pagination.Key) == 0 && req.Pagination.Offset == 0) {
		res.Statements, err = q.StatementsOf(ctx, req.Agent)
	}
	return res, err
}

// eventsIn pages through the events of a period. Event ids follow block time, so the
// first event of the period is found by a binary search over ids; the page key is the id
// to resume at.
func (q queryServer) eventsIn(ctx context.Context, period string, page *query.PageRequest) ([]types.EconomicEvent, *query.PageResponse, error) {
	from, to, err := types.ParsePeriod(period)
	if err != nil {
		return nil, nil, err
	}
	limit := uint64(query.DefaultLimit)
	var start uint64
	if page != nil {
		if page.Offset != 0 || page.CountTotal || page.Reverse {
			return nil, nil, errorsmod.Wrap(types.ErrInvalidQuery, "a period pages by key only")
		}
		if page.Limit != 0 {
			limit = min(page.Limit, 1000)
		}
		if len(page.Key) > 0 {
			if len(page.Key) != 8 {
				return nil, nil, errorsmod.Wrap(types.ErrInvalidQuery, "page key")
			}
			start = binary.BigEndian.Uint64(page.Key)
		}
	}
	if start == 0 {
		if start, err = q.firstEventAt(ctx, from); err != nil {
			return nil, nil, err
		}
	}
	it, err := q.Keeper.Events.Iterate(ctx, new(collections.Range[uint64]).StartInclusive(start))
	if err != nil {
		return nil, nil, err
	}
	defer it.Close()
	var list []types.EconomicEvent
	res := &query.PageResponse{}
	for ; it.Valid(); it.Next() {
		e, err := it.Value()
		if err != nil {
			return nil, nil, err
		}
		if !e.Time.Before(to) {
			break
		}
		if uint64(len(list)) == limit {
			res.NextKey = binary.BigEndian.AppendUint64(nil, e.Id)
			break
		}
		list = append(list, e)
	}
	return list, res, nil
}

// firstEventAt is the id of the first event at or after t (one past the last if none).
func (q queryServer) firstEventAt(ctx context.Context, t time.Time) (uint64, error) {
	last, err := q.EventSeq.Peek(ctx)
	if err != nil {
		return 0, err
	}
	lo, hi := uint64(1), last+1
	for lo < hi {
		mid := lo + (hi-lo)/2
		// the first event from mid on: the ids of folded events are gone, and the events
		// left still follow block time
		it, err := q.Keeper.Events.Iterate(ctx, new(collections.Range[uint64]).StartInclusive(mid))
		if err != nil {
			return 0, err
		}
		found := it.Valid()
		var e types.EconomicEvent
		if found {
			e, err = it.Value()
		}
		it.Close()
		if err != nil {
			return 0, err
		}
		if found && e.Time.Before(t) {
			lo = e.Id + 1
		} else {
			hi = mid
		}
	}
	return lo, nil
}

func (q queryServer) Event(ctx context.Context, req *types.QueryEventRequest) (*types.QueryEventResponse, error) {
	e, err := q.event(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return &types.QueryEventResponse{Event: e}, nil
}

func (q queryServer) Processes(ctx context.Context, req *types.QueryProcessesRequest) (*types.QueryProcessesResponse, error) {
	var list []types.Process
	var page *query.PageResponse
	var err error
	if req.Owner != "" {
		list, page, err = byIndex(ctx, q.ProcessesByOwner, req.Owner, req.Pagination, q.Keeper.Process)
	} else {
		list, page, err = query.CollectionPaginate(ctx, q.Keeper.Processes, req.Pagination,
			func(_ uint64, p types.Process) (types.Process, error) { return p, nil })
	}
	return &types.QueryProcessesResponse{Processes: list, Pagination: page}, err
}

func (q queryServer) Process(ctx context.Context, req *types.QueryProcessRequest) (*types.QueryProcessResponse, error) {
	p, err := q.Keeper.Process(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	res := &types.QueryProcessResponse{Process: p}
	if res.Events, err = q.indexed(ctx, q.EventsByProcess, p.Id); err != nil {
		return nil, err
	}
	err = q.Attachments.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](p.Id), func(_ idID, a types.Attachment) (bool, error) {
		res.Attachments = append(res.Attachments, a)
		return false, nil
	})
	return res, err
}

func (q queryServer) Cost(ctx context.Context, req *types.QueryCostRequest) (*types.QueryCostResponse, error) {
	return q.Keeper.Cost(ctx, req.ResourceId)
}

func (q queryServer) Trace(ctx context.Context, req *types.QueryTraceRequest) (*types.QueryTraceResponse, error) {
	return q.Keeper.Trace(ctx, req.ResourceId, req.Forward)
}

func (q queryServer) Recipes(ctx context.Context, req *types.QueryRecipesRequest) (*types.QueryRecipesResponse, error) {
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Recipes, req.Pagination,
		func(_ uint64, r types.Recipe) (types.Recipe, error) { return r, nil })
	return &types.QueryRecipesResponse{Recipes: list, Pagination: page}, err
}

func (q queryServer) Transfers(ctx context.Context, req *types.QueryTransfersRequest) (*types.QueryTransfersResponse, error) {
	list, page, err := byAgentOrAll(ctx, q.Keeper.Transfers, q.TransfersByAgent, req.Agent, req.Pagination)
	return &types.QueryTransfersResponse{Transfers: list, Pagination: page}, err
}

func (q queryServer) Intents(ctx context.Context, req *types.QueryIntentsRequest) (*types.QueryIntentsResponse, error) {
	list, page, err := byAgentOrAll(ctx, q.Keeper.Intents, q.IntentsByAgent, req.Agent, req.Pagination)
	return &types.QueryIntentsResponse{Intents: list, Pagination: page}, err
}

// byAgentOrAll pages through m: the records of agent, through its index, or all of them.
func byAgentOrAll[V any](ctx context.Context, m collections.Map[uint64, V], index collections.KeySet[collections.Pair[string, uint64]],
	agent string, page *query.PageRequest,
) ([]V, *query.PageResponse, error) {
	if agent != "" {
		return byIndex(ctx, index, agent, page, m.Get)
	}
	return query.CollectionPaginate(ctx, m, page, func(_ uint64, v V) (V, error) { return v, nil })
}

func (q queryServer) Plans(ctx context.Context, req *types.QueryPlansRequest) (*types.QueryPlansResponse, error) {
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Plans, req.Pagination,
		func(_ uint64, p types.Plan) (types.Plan, error) { return p, nil })
	return &types.QueryPlansResponse{Plans: list, Pagination: page}, err
}

func (q queryServer) Plan(ctx context.Context, req *types.QueryPlanRequest) (*types.QueryPlanResponse, error) {
	p, err := modulekit.Get(ctx, q.Keeper.Plans, req.Id, types.ErrUnknownPlan)
	if err != nil {
		return nil, err
	}
	return &types.QueryPlanResponse{Plan: p}, nil
}

func (q queryServer) FlowGaps(ctx context.Context, req *types.QueryFlowGapsRequest) (*types.QueryFlowGapsResponse, error) {
	gaps, err := q.Keeper.FlowGaps(ctx, req)
	if err != nil {
		return nil, err
	}
	return &types.QueryFlowGapsResponse{Gaps: gaps}, nil
}

func (q queryServer) CanMake(ctx context.Context, req *types.QueryCanMakeRequest) (*types.QueryCanMakeResponse, error) {
	return q.Keeper.CanMake(ctx, req.SpecId)
}

// Export writes a process (with its events, resources and kinds), a plan (its planned
// processes as commitments, its gaps as intents) or a period's events as JSON-LD.
func (q queryServer) Export(ctx context.Context, req *types.QueryExportRequest) (*types.QueryExportResponse, error) {
	x := newExporter(ctx, q.Keeper)
	res := &types.QueryExportResponse{}
	var err error
	switch req.Subject {
	case "process":
		err = x.process(req.Id)
	case "plan":
		err = x.plan(req.Id)
	case "period":
		var events []types.EconomicEvent
		if events, res.Pagination, err = q.eventsIn(ctx, req.Period, req.Pagination); err != nil {
			return nil, err
		}
		for _, e := range events {
			if err = x.event(e); err != nil {
				break
			}
		}
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidQuery, "subject %q: process, plan or period", req.Subject)
	}
	if err != nil {
		return nil, err
	}
	res.JsonLd, err = x.document()
	return res, err
}
