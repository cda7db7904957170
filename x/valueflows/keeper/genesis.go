package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// InitGenesis writes the module's state and rebuilds its indexes: by owner, kind, agent,
// process, resource and time; the region's stock; the flow index; open plans' netting;
// pending transfers by agent.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, u := range gs.Units {
		if err := k.Units.Set(ctx, u.Symbol, u); err != nil {
			return err
		}
	}
	for _, s := range gs.Specs {
		if err := k.Specs.Set(ctx, s.Id, s); err != nil {
			return err
		}
	}
	for _, r := range gs.Resources {
		if err := k.setResource(ctx, nil, r); err != nil {
			return err
		}
	}
	for _, e := range gs.Events {
		if err := k.setEvent(ctx, e); err != nil {
			return err
		}
	}
	for _, a := range gs.Attachments {
		if err := k.Attachments.Set(ctx, collections.Join(a.ProcessId, a.EventId), a); err != nil {
			return err
		}
		if err := addDec(ctx, k.Attached, a.EventId, a.Quantity); err != nil {
			return err
		}
	}
	for _, p := range gs.Processes {
		if err := k.Processes.Set(ctx, p.Id, p); err != nil {
			return err
		}
		if err := k.ProcessesByOwner.Set(ctx, collections.Join(p.Owner, p.Id)); err != nil {
			return err
		}
	}
	for _, r := range gs.Recipes {
		if err := k.setRecipe(ctx, r); err != nil {
			return err
		}
	}
	for _, in := range gs.Intents {
		if err := k.setIntent(ctx, nil, in); err != nil {
			return err
		}
		if err := k.IntentsByAgent.Set(ctx, collections.Join(in.Agent, in.Id)); err != nil {
			return err
		}
	}
	for _, p := range gs.Plans {
		var err error
		if p.Open {
			err = k.indexPlan(ctx, p, true)
		} else {
			err = k.Plans.Set(ctx, p.Id, p)
		}
		if err != nil {
			return err
		}
	}
	for _, p := range gs.Transfers {
		if err := k.setTransfer(ctx, p); err != nil {
			return err
		}
	}
	for _, s := range gs.Statements {
		if err := k.Statements.Set(ctx, collections.Join(s.Agent, s.Month), s); err != nil {
			return err
		}
	}
	if err := k.FoldCursor.Set(ctx, gs.FoldCursor); err != nil {
		return err
	}
	if err := k.Folded.Set(ctx, gs.Folded); err != nil {
		return err
	}
	return modulekit.SetNext(ctx, map[*collections.Sequence]uint64{
		&k.SpecSeq: gs.NextSpecId, &k.ResourceSeq: gs.NextResourceId, &k.EventSeq: gs.NextEventId, &k.ProcessSeq: gs.NextProcessId,
		&k.RecipeSeq: gs.NextRecipeId, &k.IntentSeq: gs.NextIntentId, &k.PlanSeq: gs.NextPlanId, &k.TransferSeq: gs.NextTransferId,
	})
}

// ExportGenesis reads the module's state (the indexes are rebuilt on import).
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Units, err = modulekit.Values(ctx, k.Units); err != nil {
		return nil, err
	}
	if gs.Specs, err = modulekit.Values(ctx, k.Specs); err != nil {
		return nil, err
	}
	if gs.Resources, err = modulekit.Values(ctx, k.Resources); err != nil {
		return nil, err
	}
	if gs.Events, err = modulekit.Values(ctx, k.Events); err != nil {
		return nil, err
	}
	if gs.Attachments, err = modulekit.Values(ctx, k.Attachments); err != nil {
		return nil, err
	}
	if gs.Processes, err = modulekit.Values(ctx, k.Processes); err != nil {
		return nil, err
	}
	if gs.Recipes, err = modulekit.Values(ctx, k.Recipes); err != nil {
		return nil, err
	}
	if gs.Intents, err = modulekit.Values(ctx, k.Intents); err != nil {
		return nil, err
	}
	if gs.Plans, err = modulekit.Values(ctx, k.Plans); err != nil {
		return nil, err
	}
	if gs.Transfers, err = modulekit.Values(ctx, k.Transfers); err != nil {
		return nil, err
	}
	if gs.Statements, err = modulekit.Values(ctx, k.Statements); err != nil {
		return nil, err
	}
	if gs.FoldCursor, err = k.FoldCursor.Get(ctx); err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	if gs.Folded, err = k.Folded.Get(ctx); err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	return gs, modulekit.PeekNext(ctx, map[*collections.Sequence]*uint64{
		&k.SpecSeq: &gs.NextSpecId, &k.ResourceSeq: &gs.NextResourceId, &k.EventSeq: &gs.NextEventId, &k.ProcessSeq: &gs.NextProcessId,
		&k.RecipeSeq: &gs.NextRecipeId, &k.IntentSeq: &gs.NextIntentId, &k.PlanSeq: &gs.NextPlanId, &k.TransferSeq: &gs.NextTransferId,
	})
}
