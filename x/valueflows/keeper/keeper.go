package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

type (
	strID   = collections.Pair[string, uint64]
	idID    = collections.Pair[uint64, uint64]
	flowKey = collections.Triple[uint64, int64, uint64]  // kind, day, spec
	planKey = collections.Triple[uint64, uint64, uint64] // spec, plan, planned process index
)

// Keeper records the region's economic events (VF 1.0), the resources they change, the
// processes companies run, their costs, recipes, intents and plans. Other modules record
// their flows through Record.
type Keeper struct {
	addressCodec address.Codec
	membership   types.MembershipKeeper
	params       types.ParamsKeeper

	Schema           collections.Schema
	Units            collections.Map[string, types.Unit]
	Specs            collections.Map[uint64, types.ResourceSpecification]
	SpecSeq          collections.Sequence
	Resources        collections.Map[uint64, types.EconomicResource]
	ResourceSeq      collections.Sequence
	ResourcesByOwner collections.KeySet[strID]
	ResourcesBySpec  collections.KeySet[idID]
	Events           collections.Map[uint64, types.EconomicEvent]
	EventSeq         collections.Sequence
	EventsByAgent    collections.KeySet[strID]
	EventsByProcess  collections.KeySet[idID]
	EventsByResource collections.KeySet[idID]
	// Attachments are keyed (process, event); Attached is how much of each event is attached.
	Attachments      collections.Map[idID, types.Attachment]
	Attached         collections.Map[uint64, math.LegacyDec]
	Processes        collections.Map[uint64, types.Process]
	ProcessSeq       collections.Sequence
	ProcessesByOwner collections.KeySet[strID]
	Recipes          collections.Map[uint64, types.Recipe]
	RecipeSeq        collections.Sequence
	RecipesByOutput  collections.KeySet[idID]
	Intents          collections.Map[uint64, types.Intent]
	IntentSeq        collections.Sequence
	IntentsByAgent   collections.KeySet[strID]
	Plans            collections.Map[uint64, types.Plan]
	PlanSeq          collections.Sequence
	// Stock is the region's on-hand quantity by kind; Allocated what open plans take of it;
	// Scheduled the planned processes of open plans with output to spare, by kind; Flows the
	// expected and recorded flows by kind and day, for flow-gap reports.
	Stock     collections.Map[uint64, math.LegacyDec]
	Allocated collections.Map[uint64, math.LegacyDec]
	Scheduled collections.KeySet[planKey]
	Flows     collections.Map[flowKey, math.LegacyDec]
	// Transfers are the transfers to other agents waiting for their receivers' acceptance,
	// indexed by provider and receiver.
	Transfers        collections.Map[uint64, types.PendingTransfer]
	TransferSeq      collections.Sequence
	TransfersByAgent collections.KeySet[strID]
	// Statements are the events folded out of the state, per agent and month; FoldCursor
	// is the next event id the fold looks at; Folded counts the events folded.
	Statements collections.Map[collections.Pair[string, uint32], types.Statement]
	FoldCursor collections.Item[uint64]
	Folded     collections.Item[uint64]
}

// NewKeeper returns the valueflows keeper.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec, membership types.MembershipKeeper, params types.ParamsKeeper) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	u64 := collections.Uint64Key
	strIDKey := collections.PairKeyCodec(collections.StringKey, u64)
	idIDKey := collections.PairKeyCodec(u64, u64)
	k := Keeper{
		addressCodec: addressCodec, membership: membership, params: params,
		Units:            collections.NewMap(sb, types.UnitsKey, "units", collections.StringKey, codec.CollValue[types.Unit](cdc)),
		Specs:            collections.NewMap(sb, types.SpecsKey, "specs", u64, codec.CollValue[types.ResourceSpecification](cdc)),
		SpecSeq:          collections.NewSequence(sb, types.SpecSeqKey, "spec_seq"),
		Resources:        collections.NewMap(sb, types.ResourcesKey, "resources", u64, codec.CollValue[types.EconomicResource](cdc)),
		ResourceSeq:      collections.NewSequence(sb, types.ResourceSeqKey, "resource_seq"),
		ResourcesByOwner: collections.NewKeySet(sb, types.ResourcesByOwnerKey, "resources_by_owner", strIDKey),
		ResourcesBySpec:  collections.NewKeySet(sb, types.ResourcesBySpecKey, "resources_by_spec", idIDKey),
		Events:           collections.NewMap(sb, types.EventsKey, "events", u64, codec.CollValue[types.EconomicEvent](cdc)),
		EventSeq:         collections.NewSequence(sb, types.EventSeqKey, "event_seq"),
		EventsByAgent:    collections.NewKeySet(sb, types.EventsByAgentKey, "events_by_agent", strIDKey),
		EventsByProcess:  collections.NewKeySet(sb, types.EventsByProcessKey, "events_by_process", idIDKey),
		EventsByResource: collections.NewKeySet(sb, types.EventsByResourceKey, "events_by_resource", idIDKey),
		Attachments:      collections.NewMap(sb, types.AttachmentsKey, "attachments", idIDKey, codec.CollValue[types.Attachment](cdc)),
		Attached:         collections.NewMap(sb, types.AttachedKey, "attached", u64, sdk.LegacyDecValue),
		Processes:        collections.NewMap(sb, types.ProcessesKey, "processes", u64, codec.CollValue[types.Process](cdc)),
		ProcessSeq:       collections.NewSequence(sb, types.ProcessSeqKey, "process_seq"),
		ProcessesByOwner: collections.NewKeySet(sb, types.ProcessesByOwnerKey, "processes_by_owner", strIDKey),
		Recipes:          collections.NewMap(sb, types.RecipesKey, "recipes", u64, codec.CollValue[types.Recipe](cdc)),
		RecipeSeq:        collections.NewSequence(sb, types.RecipeSeqKey, "recipe_seq"),
		RecipesByOutput:  collections.NewKeySet(sb, types.RecipesByOutputKey, "recipes_by_output", idIDKey),
		Intents:          collections.NewMap(sb, types.IntentsKey, "intents", u64, codec.CollValue[types.Intent](cdc)),
		IntentSeq:        collections.NewSequence(sb, types.IntentSeqKey, "intent_seq"),
		IntentsByAgent:   collections.NewKeySet(sb, types.IntentsByAgentKey, "intents_by_agent", strIDKey),
		Plans:            collections.NewMap(sb, types.PlansKey, "plans", u64, codec.CollValue[types.Plan](cdc)),
		PlanSeq:          collections.NewSequence(sb, types.PlanSeqKey, "plan_seq"),
		Stock:            collections.NewMap(sb, types.StockKey, "stock", u64, sdk.LegacyDecValue),
		Allocated:        collections.NewMap(sb, types.AllocatedKey, "allocated", u64, sdk.LegacyDecValue),
		Scheduled:        collections.NewKeySet(sb, types.ScheduledKey, "scheduled", collections.TripleKeyCodec(u64, u64, u64)),
		Flows:            collections.NewMap(sb, types.FlowsKey, "flows", collections.TripleKeyCodec(u64, collections.Int64Key, u64), sdk.LegacyDecValue),
		Transfers:        collections.NewMap(sb, types.TransfersKey, "transfers", u64, codec.CollValue[types.PendingTransfer](cdc)),
		TransferSeq:      collections.NewSequence(sb, types.TransferSeqKey, "transfer_seq"),
		TransfersByAgent: collections.NewKeySet(sb, types.TransfersByAgentKey, "transfers_by_agent", strIDKey),
		Statements: collections.NewMap(sb, types.StatementsKey, "statements",
			collections.PairKeyCodec(collections.StringKey, collections.Uint32Key), codec.CollValue[types.Statement](cdc)),
		FoldCursor: collections.NewItem(sb, types.FoldCursorKey, "fold_cursor", collections.Uint64Value),
		Folded:     collections.NewItem(sb, types.FoldedKey, "folded", collections.Uint64Value),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

// Spec returns a resource kind, or ErrUnknownSpec.
func (k Keeper) Spec(ctx context.Context, id uint64) (types.ResourceSpecification, error) {
	return modulekit.Get(ctx, k.Specs, id, types.ErrUnknownSpec)
}

// Resource returns a resource, or ErrUnknownResource.
func (k Keeper) Resource(ctx context.Context, id uint64) (types.EconomicResource, error) {
	return modulekit.Get(ctx, k.Resources, id, types.ErrUnknownResource)
}

// Process returns a process, or ErrUnknownProcess.
func (k Keeper) Process(ctx context.Context, id uint64) (types.Process, error) {
	return modulekit.Get(ctx, k.Processes, id, types.ErrUnknownProcess)
}

// company checks that addr is a company of the region (a co-op, a regional company).
func (k Keeper) company(ctx context.Context, addr string) (sdk.AccAddress, error) {
	a, _, err := k.companyKind(ctx, addr)
	return a, err
}

// companyKind is company that also returns the company's kind.
func (k Keeper) companyKind(ctx context.Context, addr string) (sdk.AccAddress, membershiptypes.AgentKind, error) {
	a, err := k.address(addr, "company")
	if err != nil {
		return nil, 0, err
	}
	agent, err := k.membership.GetAgent(ctx, a)
	if err != nil {
		return nil, 0, errorsmod.Wrapf(types.ErrNotCompany, "%s: %s", addr, err)
	}
	if !agent.Kind.IsCompany() {
		return nil, 0, errorsmod.Wrapf(types.ErrNotCompany, "%s is a %s", addr, agent.Kind.Label())
	}
	return a, agent.Kind, nil
}

// Record stores an economic event another module's action made (its id, time and height
// are filled in) and indexes it by agent, process and resource (ids follow block time, so
// they index time too). It changes no resource: the caller has already applied the
// action's effect, if any.
func (k Keeper) Record(ctx context.Context, e types.EconomicEvent) (uint64, error) {
	router.NoteFlow(ctx)
	id, err := modulekit.NextID(ctx, k.EventSeq)
	if err != nil {
		return 0, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	e.Id, e.Time, e.Height = id, sdkCtx.BlockTime(), sdkCtx.BlockHeight()
	if e.Wage.IsNil() {
		e.Wage = math.ZeroInt()
	}
	if e.Value.IsNil() {
		e.Value = math.LegacyZeroDec()
	}
	return id, k.setEvent(ctx, e)
}

// setEvent writes an event with its indexes and its place in the flow index.
func (k Keeper) setEvent(ctx context.Context, e types.EconomicEvent) error {
	if err := k.Events.Set(ctx, e.Id, e); err != nil {
		return err
	}
	for _, agent := range []string{e.Provider, e.Receiver} {
		if agent != "" {
			if err := k.EventsByAgent.Set(ctx, collections.Join(agent, e.Id)); err != nil {
				return err
			}
		}
		if e.Receiver == e.Provider {
			break
		}
	}
	for _, p := range []uint64{e.InputOf, e.OutputOf} {
		if p != 0 {
			if err := k.EventsByProcess.Set(ctx, collections.Join(p, e.Id)); err != nil {
				return err
			}
		}
	}
	for _, r := range []uint64{e.ResourceId, e.ToResourceId} {
		if r != 0 {
			if err := k.EventsByResource.Set(ctx, collections.Join(r, e.Id)); err != nil {
				return err
			}
		}
	}
	switch e.Action {
	case types.ACTION_PRODUCE:
		return k.addFlow(ctx, types.FlowProduced, e.Time, e.SpecId, e.Quantity)
	case types.ACTION_CONSUME:
		return k.addFlow(ctx, types.FlowConsumed, e.Time, e.SpecId, e.Quantity)
	}
	return nil
}

// indexed returns the events an index (by process or by resource) holds under id, in id
// order.
func (k Keeper) indexed(ctx context.Context, index collections.KeySet[idID], id uint64) ([]types.EconomicEvent, error) {
	var out []types.EconomicEvent
	err := index.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](id), func(key idID) (bool, error) {
		e, err := k.Events.Get(ctx, key.K2())
		out = append(out, e)
		return err != nil, err
	})
	return out, err
}

// addDec adds d to the decimal at key (removing it at zero).
func addDec[K any](ctx context.Context, m collections.Map[K, math.LegacyDec], key K, d math.LegacyDec) error {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		v, err = math.LegacyZeroDec(), nil
	}
	if err != nil {
		return err
	}
	if v = v.Add(d); v.IsZero() {
		return m.Remove(ctx, key)
	}
	return m.Set(ctx, key, v)
}

// getDec reads a decimal, zero if absent.
func getDec[K any](ctx context.Context, m collections.Map[K, math.LegacyDec], key K) (math.LegacyDec, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return math.LegacyZeroDec(), nil
	}
	return v, err
}

// addFlow adds q of spec on t's day to the flow index of kind.
func (k Keeper) addFlow(ctx context.Context, kind uint8, t time.Time, spec uint64, q math.LegacyDec) error {
	return addDec(ctx, k.Flows, collections.Join3(uint64(kind), types.Day(t), spec), q)
}

// setResource writes a resource and its indexes, moving the region's stock of its kind by
// the change in its on-hand quantity since old (nil for a new resource).
func (k Keeper) setResource(ctx context.Context, old *types.EconomicResource, r types.EconomicResource) error {
	delta := r.OnhandQuantity
	if old != nil {
		delta = delta.Sub(old.OnhandQuantity)
	} else {
		if err := k.ResourcesByOwner.Set(ctx, collections.Join(r.Owner, r.Id)); err != nil {
			return err
		}
		if err := k.ResourcesBySpec.Set(ctx, collections.Join(r.SpecId, r.Id)); err != nil {
			return err
		}
	}
	if !delta.IsZero() {
		if err := addDec(ctx, k.Stock, r.SpecId, delta); err != nil {
			return err
		}
	}
	return k.Resources.Set(ctx, r.Id, r)
}

// newResource opens an empty resource of spec for owner.
func (k Keeper) newResource(ctx context.Context, owner string, spec types.ResourceSpecification) (types.EconomicResource, error) {
	id, err := modulekit.NextID(ctx, k.ResourceSeq)
	z := math.LegacyZeroDec()
	return types.EconomicResource{Id: id, SpecId: spec.Id, Owner: owner, Name: spec.Name, Unit: spec.Unit,
		AccountingQuantity: z, OnhandQuantity: z, Value: z}, err
}

// setTransfer writes a pending transfer and indexes it by its provider and receiver.
func (k Keeper) setTransfer(ctx context.Context, p types.PendingTransfer) error {
	for _, agent := range []string{p.Provider, p.Receiver} {
		if err := k.TransfersByAgent.Set(ctx, collections.Join(agent, p.Id)); err != nil {
			return err
		}
	}
	return k.Transfers.Set(ctx, p.Id, p)
}

// removeTransfer drops a pending transfer (accepted, declined or withdrawn) and its indexes.
func (k Keeper) removeTransfer(ctx context.Context, p types.PendingTransfer) error {
	for _, agent := range []string{p.Provider, p.Receiver} {
		if err := k.TransfersByAgent.Remove(ctx, collections.Join(agent, p.Id)); err != nil {
			return err
		}
	}
	return k.Transfers.Remove(ctx, p.Id)
}
