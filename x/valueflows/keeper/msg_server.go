package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the valueflows Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

func (m msgServer) SetUnit(ctx context.Context, msg *types.MsgSetUnit) (*types.MsgSetUnitResponse, error) {
	if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Unit.Validate(); err != nil {
		return nil, err
	}
	return &types.MsgSetUnitResponse{}, m.Units.Set(ctx, msg.Unit.Symbol, msg.Unit)
}

// companyOrAssembly checks that signer is a company or the assembly.
func (m msgServer) companyOrAssembly(ctx context.Context, signer string) error {
	if m.membership.CheckAuthority(ctx, signer) == nil {
		return nil
	}
	_, err := m.company(ctx, signer)
	return err
}

// checkUnit fails with ErrUnknownUnit unless the region knows the unit.
func (m msgServer) checkUnit(ctx context.Context, unit string) error {
	ok, err := m.Units.Has(ctx, unit)
	if err == nil && !ok {
		err = errorsmod.Wrapf(types.ErrUnknownUnit, "%q: add it with set-unit first", unit)
	}
	return err
}

func (m msgServer) DefineSpec(ctx context.Context, msg *types.MsgDefineSpec) (*types.MsgDefineSpecResponse, error) {
	if err := m.companyOrAssembly(ctx, msg.Agent); err != nil {
		return nil, err
	}
	if err := types.ValidateName(msg.Name); err != nil {
		return nil, err
	}
	if len(msg.Classification) > 128 {
		return nil, errorsmod.Wrap(types.ErrInvalidSpec, "a classification of at most 128 bytes")
	}
	if err := m.checkUnit(ctx, msg.Unit); err != nil {
		return nil, err
	}
	id, err := modulekit.NextID(ctx, m.SpecSeq)
	if err != nil {
		return nil, err
	}
	s := types.ResourceSpecification{Id: id, Name: msg.Name, Unit: msg.Unit, Classification: msg.Classification, Owner: msg.Agent}
	return &types.MsgDefineSpecResponse{SpecId: id}, m.Specs.Set(ctx, id, s)
}

func (m msgServer) StartProcess(ctx context.Context, msg *types.MsgStartProcess) (*types.MsgStartProcessResponse, error) {
	if _, err := m.company(ctx, msg.Company); err != nil {
		return nil, err
	}
	if err := types.ValidateName(msg.Name); err != nil {
		return nil, err
	}
	if msg.RecipeId != 0 {
		if _, err := modulekit.Get(ctx, m.Recipes, msg.RecipeId, types.ErrUnknownRecipe); err != nil {
			return nil, err
		}
	}
	id, err := modulekit.NextID(ctx, m.ProcessSeq)
	if err != nil {
		return nil, err
	}
	p := types.Process{Id: id, Owner: msg.Company, Name: msg.Name, RecipeId: msg.RecipeId, Start: sdk.UnwrapSDKContext(ctx).BlockTime()}
	if err := m.Processes.Set(ctx, id, p); err != nil {
		return nil, err
	}
	return &types.MsgStartProcessResponse{ProcessId: id}, m.ProcessesByOwner.Set(ctx, collections.Join(p.Owner, id))
}

// openProcess returns the company's process id, open for events.
func (m msgServer) openProcess(ctx context.Context, company string, id uint64) (types.Process, error) {
	p, err := m.Process(ctx, id)
	if err != nil {
		return p, err
	}
	if p.Owner != company {
		return p, errorsmod.Wrapf(types.ErrNotOwner, "process %d is %s's", id, p.Owner)
	}
	if p.Finished {
		return p, errorsmod.Wrapf(types.ErrProcessFinished, "process %d", id)
	}
	return p, nil
}

// resourceOf returns resource id, which owner must own and which must be of spec (if not 0);
// id 0 opens a new resource of spec for owner.
func (m msgServer) resourceOf(ctx context.Context, owner string, id, spec uint64) (*types.EconomicResource, *types.EconomicResource, error) {
	if id == 0 {
		s, err := m.Spec(ctx, spec)
		if err != nil {
			return nil, nil, err
		}
		r, err := m.newResource(ctx, owner, s)
		return nil, &r, err
	}
	r, err := m.Resource(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if r.Owner != owner {
		return nil, nil, errorsmod.Wrapf(types.ErrNotOwner, "resource %d is %s's", id, r.Owner)
	}
	if spec != 0 && r.SpecId != spec {
		return nil, nil, errorsmod.Wrapf(types.ErrSpecMismatch, "resource %d is of kind %d, not %d", id, r.SpecId, spec)
	}
	old := r
	return &old, &r, nil
}

func (m msgServer) RecordEvent(ctx context.Context, msg *types.MsgRecordEvent) (*types.MsgRecordEventResponse, error) {
	_, kind, err := m.companyKind(ctx, msg.Company)
	if err != nil {
		return nil, err
	}
	quantity, err := types.ParseQuantity(msg.Quantity, "quantity")
	if err != nil {
		return nil, err
	}
	value, err := types.ParseQuantity(msg.Value, "value")
	if err != nil {
		return nil, err
	}
	if !quantity.IsPositive() {
		return nil, errorsmod.Wrap(types.ErrInvalidQuantity, "a positive quantity")
	}
	if len(msg.Description) > 256 {
		return nil, errorsmod.Wrap(types.ErrInvalidAction, "a note of at most 256 bytes")
	}
	e := types.EconomicEvent{Action: msg.Action, Provider: msg.Company, Receiver: msg.Company, Quantity: quantity, Note: msg.Description}
	switch msg.Action {
	case types.ACTION_CONSUME, types.ACTION_USE, types.ACTION_CITE:
		e.InputOf = msg.ProcessId
	case types.ACTION_PRODUCE:
		e.OutputOf = msg.ProcessId
	case types.ACTION_RAISE, types.ACTION_LOWER:
		if kind == membershiptypes.AGENT_KIND_REGIONAL_COMPANY && !value.IsZero() {
			return nil, errorsmod.Wrapf(types.ErrRegionalValue,
				"a %s of a regional company carries no value: its resources are valued by the work, inputs and rents recorded for them", msg.Action.Label())
		}
	case types.ACTION_MOVE:
	case types.ACTION_TRANSFER, types.ACTION_TRANSFER_CUSTODY, types.ACTION_TRANSFER_ALL_RIGHTS:
		if _, err := m.address(msg.Receiver, "receiver"); err != nil {
			return nil, err
		}
		e.Receiver = msg.Receiver
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidAction, "%s is recorded by the region's own actions (payroll, housing, market)", msg.Action.Label())
	}
	if msg.Action.IsInput() || msg.Action == types.ACTION_PRODUCE {
		if _, err := m.openProcess(ctx, msg.Company, msg.ProcessId); err != nil {
			return nil, err
		}
	}
	var old, res, oldTo, to *types.EconomicResource
	switch {
	case msg.Action.NeedsResource():
		opens := msg.Action == types.ACTION_PRODUCE || msg.Action == types.ACTION_RAISE
		if msg.ResourceId == 0 && !opens {
			return nil, errorsmod.Wrapf(types.ErrUnknownResource, "%s needs a resource", msg.Action.Label())
		}
		if old, res, err = m.resourceOf(ctx, msg.Company, msg.ResourceId, msg.SpecId); err != nil {
			return nil, err
		}
	case msg.ResourceId != 0: // use or cite of one of the company's resources: not changed
		if _, res, err = m.resourceOf(ctx, msg.Company, msg.ResourceId, msg.SpecId); err != nil {
			return nil, err
		}
	default: // use or cite of a kind
		if _, err := m.Spec(ctx, msg.SpecId); err != nil {
			return nil, err
		}
		e.SpecId = msg.SpecId
	}
	if res != nil {
		e.ResourceId, e.SpecId, e.Unit = res.Id, res.SpecId, res.Unit
	} else if s, err := m.Spec(ctx, e.SpecId); err == nil {
		e.Unit = s.Unit
	}
	if msg.Action.NeedsReceiver() && e.Receiver != msg.Company {
		return m.propose(ctx, msg, *res, quantity)
	}
	if msg.Action.NeedsReceiver() {
		if oldTo, to, err = m.resourceOf(ctx, e.Receiver, msg.ToResourceId, res.SpecId); err != nil {
			return nil, err
		}
		if to.Id == res.Id {
			return nil, errorsmod.Wrap(types.ErrInvalidAction, "from and to the same resource")
		}
		e.ToResourceId = to.Id
	}
	if e.Value, err = types.ApplyEffect(msg.Action, res, to, quantity); err != nil {
		return nil, err
	}
	if msg.Action == types.ACTION_RAISE {
		if value.IsNegative() {
			return nil, errorsmod.Wrap(types.ErrInvalidQuantity, "a raise's value cannot be negative")
		}
		res.Value, e.Value = res.Value.Add(value), value
	}
	for _, r := range []struct{ old, new *types.EconomicResource }{{old, res}, {oldTo, to}} {
		if r.new != nil && msg.Action.NeedsResource() { // use and cite change no resource
			if err := m.setResource(ctx, r.old, *r.new); err != nil {
				return nil, err
			}
		}
	}
	id, err := m.Record(ctx, e)
	if err != nil {
		return nil, err
	}
	resID := e.ResourceId
	if to != nil {
		resID = to.Id
	}
	return &types.MsgRecordEventResponse{EventId: id, ResourceId: resID},
		sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecorded{EventId: id, Action: msg.Action, ResourceId: resID})
}

// propose keeps a transfer to another agent as pending: what can be checked now is (the
// receiving resource is the receiver's and of the kind, the provider has the quantity), but
// neither resource changes until the receiver accepts it.
func (m msgServer) propose(ctx context.Context, msg *types.MsgRecordEvent, res types.EconomicResource, q math.LegacyDec) (*types.MsgRecordEventResponse, error) {
	z := math.LegacyZeroDec()
	to := &types.EconomicResource{AccountingQuantity: z, OnhandQuantity: z, Value: z}
	if msg.ToResourceId != 0 {
		var err error
		if _, to, err = m.resourceOf(ctx, msg.Receiver, msg.ToResourceId, res.SpecId); err != nil {
			return nil, err
		}
	}
	if _, err := types.ApplyEffect(msg.Action, &res, to, q); err != nil { // on copies: nothing is written
		return nil, err
	}
	id, err := modulekit.NextID(ctx, m.TransferSeq)
	if err != nil {
		return nil, err
	}
	p := types.PendingTransfer{Id: id, Action: msg.Action, Provider: msg.Company, Receiver: msg.Receiver, ResourceId: res.Id,
		ToResourceId: msg.ToResourceId, Quantity: q, Note: msg.Description, Created: sdk.UnwrapSDKContext(ctx).BlockTime()}
	if err := m.setTransfer(ctx, p); err != nil {
		return nil, err
	}
	return &types.MsgRecordEventResponse{ResourceId: res.Id, TransferId: id},
		sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventTransferPending{TransferId: id, Provider: p.Provider, Receiver: p.Receiver})
}

func (m msgServer) AcceptTransfer(ctx context.Context, msg *types.MsgAcceptTransfer) (*types.MsgAcceptTransferResponse, error) {
	p, err := modulekit.Get(ctx, m.Transfers, msg.TransferId, types.ErrUnknownTransfer)
	if err != nil {
		return nil, err
	}
	if p.Receiver != msg.Receiver {
		return nil, errorsmod.Wrapf(types.ErrNotReceiver, "transfer %d is to %s", p.Id, p.Receiver)
	}
	old, res, err := m.resourceOf(ctx, p.Provider, p.ResourceId, 0)
	if err != nil {
		return nil, err
	}
	oldTo, to, err := m.resourceOf(ctx, p.Receiver, p.ToResourceId, res.SpecId)
	if err != nil {
		return nil, err
	}
	value, err := types.ApplyEffect(p.Action, res, to, p.Quantity)
	if err != nil {
		return nil, err
	}
	if err := m.setResource(ctx, old, *res); err != nil {
		return nil, err
	}
	if err := m.setResource(ctx, oldTo, *to); err != nil {
		return nil, err
	}
	if err := m.removeTransfer(ctx, p); err != nil {
		return nil, err
	}
	id, err := m.Record(ctx, types.EconomicEvent{Action: p.Action, Provider: p.Provider, Receiver: p.Receiver, SpecId: res.SpecId,
		Quantity: p.Quantity, Unit: res.Unit, ResourceId: res.Id, ToResourceId: to.Id, Value: value, Note: p.Note,
		Link: fmt.Sprintf("valueflows/transfer/%d", p.Id)})
	if err != nil {
		return nil, err
	}
	return &types.MsgAcceptTransferResponse{EventId: id, ResourceId: to.Id},
		sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecorded{EventId: id, Action: p.Action, ResourceId: to.Id})
}

func (m msgServer) RejectTransfer(ctx context.Context, msg *types.MsgRejectTransfer) (*types.MsgRejectTransferResponse, error) {
	p, err := modulekit.Get(ctx, m.Transfers, msg.TransferId, types.ErrUnknownTransfer)
	if err != nil {
		return nil, err
	}
	if msg.Agent != p.Receiver && msg.Agent != p.Provider {
		return nil, errorsmod.Wrapf(types.ErrNotOwner, "transfer %d is from %s to %s", p.Id, p.Provider, p.Receiver)
	}
	if err := m.removeTransfer(ctx, p); err != nil {
		return nil, err
	}
	return &types.MsgRejectTransferResponse{},
		sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventTransferRejected{TransferId: p.Id, By: msg.Agent})
}

func (m msgServer) Attach(ctx context.Context, msg *types.MsgAttach) (*types.MsgAttachResponse, error) {
	if _, err := m.company(ctx, msg.Company); err != nil {
		return nil, err
	}
	e, err := modulekit.Get(ctx, m.Events, msg.EventId, types.ErrUnknownEvent)
	if err != nil {
		return nil, err
	}
	if e.Action != types.ACTION_WORK && e.Action != types.ACTION_USE || e.Receiver != msg.Company {
		return nil, errorsmod.Wrapf(types.ErrInvalidAction, "event %d is a %s for %s: attach work done for, or facilities rented by, the company", e.Id, e.Action.Label(), e.Receiver)
	}
	if _, err := m.openProcess(ctx, msg.Company, msg.ProcessId); err != nil {
		return nil, err
	}
	attached, err := getDec(ctx, m.Attached, e.Id)
	if err != nil {
		return nil, err
	}
	left := e.Quantity.Sub(attached)
	q, err := types.ParseQuantity(msg.Quantity, "quantity")
	if err != nil {
		return nil, err
	}
	if q.IsZero() {
		q = left
	}
	if !q.IsPositive() || q.GT(left) {
		return nil, errorsmod.Wrapf(types.ErrOverAttached, "%s %s asked, %s left of event %d", q, e.Unit, left, e.Id)
	}
	value := e.Value.Mul(q).Quo(e.Quantity)
	if q.Equal(left) { // the last part takes what is left of the value
		value = e.Value.Sub(e.Value.Mul(attached).Quo(e.Quantity))
	}
	key := collections.Join(msg.ProcessId, e.Id)
	a, err := m.Attachments.Get(ctx, key)
	if err != nil {
		a = types.Attachment{ProcessId: msg.ProcessId, EventId: e.Id, Quantity: math.LegacyZeroDec(), Value: math.LegacyZeroDec()}
	}
	a.Quantity, a.Value = a.Quantity.Add(q), a.Value.Add(value)
	if err := m.Attachments.Set(ctx, key, a); err != nil {
		return nil, err
	}
	return &types.MsgAttachResponse{}, m.Attached.Set(ctx, e.Id, attached.Add(q))
}

func (m msgServer) FinishProcess(ctx context.Context, msg *types.MsgFinishProcess) (*types.MsgFinishProcessResponse, error) {
	if _, err := m.company(ctx, msg.Company); err != nil {
		return nil, err
	}
	p, err := m.openProcess(ctx, msg.Company, msg.ProcessId)
	if err != nil {
		return nil, err
	}
	cost, outputs, err := m.processCost(ctx, p.Id)
	if err != nil {
		return nil, err
	}
	if err := m.assignCost(ctx, cost, outputs); err != nil {
		return nil, err
	}
	end := sdk.UnwrapSDKContext(ctx).BlockTime()
	p.Finished, p.End, p.Cost = true, &end, &cost
	if err := m.Processes.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return &types.MsgFinishProcessResponse{Cost: cost},
		sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventProcessFinished{ProcessId: p.Id, Cost: cost})
}

func (m msgServer) CreateRecipe(ctx context.Context, msg *types.MsgCreateRecipe) (*types.MsgCreateRecipeResponse, error) {
	if err := m.companyOrAssembly(ctx, msg.Agent); err != nil {
		return nil, err
	}
	output, err := types.ParseQuantity(msg.OutputQuantity, "output quantity")
	if err != nil {
		return nil, err
	}
	inputs, err := types.Flows(msg.Inputs)
	if err != nil {
		return nil, err
	}
	r := types.Recipe{Owner: msg.Agent, Name: msg.Name, OutputSpecId: msg.OutputSpecId, OutputQuantity: output, Duration: msg.Duration, Inputs: inputs}
	if err := m.checkRecipe(ctx, r); err != nil {
		return nil, err
	}
	id, err := modulekit.NextID(ctx, m.RecipeSeq)
	if err != nil {
		return nil, err
	}
	r.Id = id
	return &types.MsgCreateRecipeResponse{RecipeId: id}, m.setRecipe(ctx, r)
}

func (m msgServer) Intend(ctx context.Context, msg *types.MsgIntend) (*types.MsgIntendResponse, error) {
	addr, err := m.address(msg.Agent, "agent")
	if err != nil {
		return nil, err
	}
	if _, err := m.membership.GetAgent(ctx, addr); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidIntent, "%s is not an agent of the region: %s", msg.Agent, err)
	}
	if msg.Kind != types.INTENT_KIND_DEMAND && msg.Kind != types.INTENT_KIND_OFFER {
		return nil, errorsmod.Wrap(types.ErrInvalidIntent, "kind: demand or offer")
	}
	if _, err := m.Spec(ctx, msg.SpecId); err != nil {
		return nil, err
	}
	quantity, err := types.ParseQuantity(msg.Quantity, "quantity")
	if err != nil {
		return nil, err
	}
	if !quantity.IsPositive() {
		return nil, errorsmod.Wrap(types.ErrInvalidQuantity, "a positive quantity")
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if msg.Due.Before(now) || msg.Due.After(now.Add(types.MaxPlanHorizon)) {
		return nil, errorsmod.Wrapf(types.ErrInvalidIntent, "due %s: from now to ten years ahead", msg.Due)
	}
	if len(msg.Description) > 256 {
		return nil, errorsmod.Wrap(types.ErrInvalidIntent, "a note of at most 256 bytes")
	}
	id, err := modulekit.NextID(ctx, m.IntentSeq)
	if err != nil {
		return nil, err
	}
	in := types.Intent{Id: id, Kind: msg.Kind, Agent: msg.Agent, SpecId: msg.SpecId, Quantity: quantity, Due: msg.Due.UTC(), Note: msg.Description, Open: true}
	if err := m.setIntent(ctx, nil, in); err != nil {
		return nil, err
	}
	return &types.MsgIntendResponse{IntentId: id}, m.IntentsByAgent.Set(ctx, collections.Join(in.Agent, id))
}

func (m msgServer) CloseIntent(ctx context.Context, msg *types.MsgCloseIntent) (*types.MsgCloseIntentResponse, error) {
	in, err := modulekit.Get(ctx, m.Intents, msg.IntentId, types.ErrUnknownIntent)
	if err != nil {
		return nil, err
	}
	if in.Agent != msg.Agent {
		return nil, errorsmod.Wrapf(types.ErrNotOwner, "intent %d is %s's", in.Id, in.Agent)
	}
	if !in.Open {
		return nil, errorsmod.Wrapf(types.ErrInvalidIntent, "intent %d is closed", in.Id)
	}
	old := in
	in.Open = false
	return &types.MsgCloseIntentResponse{}, m.setIntent(ctx, &old, in)
}

func (m msgServer) CreatePlan(ctx context.Context, msg *types.MsgCreatePlan) (*types.MsgCreatePlanResponse, error) {
	addr, err := m.address(msg.Planner, "planner")
	if err != nil {
		return nil, err
	}
	if _, err := m.membership.GetAgent(ctx, addr); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidPlan, "%s is not an agent of the region: %s", msg.Planner, err)
	}
	if err := types.ValidateName(msg.Name); err != nil {
		return nil, err
	}
	p, err := m.plan(ctx, msg.Planner, msg.Name, msg.IntentIds)
	if err != nil {
		return nil, err
	}
	gaps := 0
	for _, l := range p.Lines {
		if l.ToAcquire.IsPositive() {
			gaps++
		}
	}
	return &types.MsgCreatePlanResponse{PlanId: p.Id}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(
		&types.EventPlanCreated{PlanId: p.Id, Processes: uint32(len(p.Processes)), Gaps: uint32(gaps)})
}

func (m msgServer) ClosePlan(ctx context.Context, msg *types.MsgClosePlan) (*types.MsgClosePlanResponse, error) {
	p, err := modulekit.Get(ctx, m.Plans, msg.PlanId, types.ErrUnknownPlan)
	if err != nil {
		return nil, err
	}
	if p.Planner != msg.Planner && m.membership.CheckAuthority(ctx, msg.Planner) != nil {
		return nil, errorsmod.Wrapf(types.ErrNotOwner, "plan %d is %s's", p.Id, p.Planner)
	}
	if !p.Open {
		return nil, errorsmod.Wrapf(types.ErrInvalidPlan, "plan %d is closed", p.Id)
	}
	return &types.MsgClosePlanResponse{}, m.closePlan(ctx, p)
}
