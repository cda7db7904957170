package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/valueflows/keeper"
	"github.com/conductor-coop/conductor/x/valueflows/types"
)

// wheat is a fixture for transfers (its resources bakeryWheat and millWheat): the Bakery Co-op holds 20 kg of wheat at 10 RSC a kg;
// the Mill (a regional company) 10 kg at 3 RSC a kg, which it accepted from the Bakery.
type wheat struct {
	*fixture
	spec, bakeryWheat, millWheat uint64
}

func wheatSetup(t *testing.T) *wheat {
	f := setup(t)
	vk := f.r.App.ValueFlowsKeeper
	w := &wheat{fixture: f, spec: f.defineSpec(f.bob, f.bakery, "wheat", "kg", "food/grain")}
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_RAISE, SpecId: w.spec, Quantity: "10", Value: "30000000"})
	w.bakeryWheat = f.last(vk.ResourceSeq)
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_TRANSFER, ResourceId: w.bakeryWheat, Receiver: f.mill.String(), Quantity: "10"})
	f.as(f.alice, &types.MsgAcceptTransfer{Receiver: f.mill.String(), TransferId: f.last(vk.TransferSeq)})
	w.millWheat = f.last(vk.ResourceSeq)
	f.as(f.bob, &types.MsgRecordEvent{Company: f.bakery.String(), Action: types.ACTION_RAISE, ResourceId: w.bakeryWheat, Quantity: "20", Value: "200000000"})
	require.Equal(t, [3]string{"10.000000000000000000", "10.000000000000000000", "30000000.000000000000000000"}, state(f.resource(w.millWheat)))
	require.Equal(t, [3]string{"20.000000000000000000", "20.000000000000000000", "200000000.000000000000000000"}, state(f.resource(w.bakeryWheat)))
	return w
}

// state is a resource's accounting and on-hand quantities and value.
func state(r types.EconomicResource) [3]string {
	return [3]string{r.AccountingQuantity.String(), r.OnhandQuantity.String(), r.Value.String()}
}

func (w *wheat) stock() math.LegacyDec {
	w.t.Helper()
	s, err := w.r.App.ValueFlowsKeeper.Stock.Get(w.r.Ctx(), w.spec)
	require.NoError(w.t, err)
	return s
}

func (w *wheat) pending(agent sdk.AccAddress) []types.PendingTransfer {
	w.t.Helper()
	res, err := w.q.Transfers(w.r.Ctx(), &types.QueryTransfersRequest{Agent: agent.String()})
	require.NoError(w.t, err)
	return res.Transfers
}

// TestTransferNeedsAcceptance: a company's transfer to another agent (into one of its
// resources or a new one) changes neither side until the receiver accepts it: then both
// change exactly as the transfer's effect says (the receiver's average cost moves); a
// rejection, by the receiver or the provider, changes nothing on either side.
func TestTransferNeedsAcceptance(t *testing.T) {
	accept := func(w *wheat, id uint64) {
		w.as(w.alice, &types.MsgAcceptTransfer{Receiver: w.mill.String(), TransferId: id})
	}
	cases := []struct {
		name     string
		action   types.Action
		receiver func(w *wheat) sdk.AccAddress
		toMill   bool // into the Mill's resource; else a new one of the receiver
		settle   func(w *wheat, id uint64)
		accepted bool
	}{
		{"transfer into the Mill's wheat, accepted by its manager", types.ACTION_TRANSFER, mill, true, accept, true},
		{"transfer-all-rights, accepted by the Mill's workers' proposal", types.ACTION_TRANSFER_ALL_RIGHTS, mill, true, func(w *wheat, id uint64) {
			w.r.Pass(w.mill.String(), []region.Account{w.alice}, &types.MsgAcceptTransfer{Receiver: w.mill.String(), TransferId: id})
		}, true},
		{"transfer-custody into the Mill's wheat, accepted", types.ACTION_TRANSFER_CUSTODY, mill, true, accept, true},
		{"transfer into a new resource of the Mill, accepted", types.ACTION_TRANSFER, mill, false, accept, true},
		{"transfer to a person, accepted by the person", types.ACTION_TRANSFER, func(w *wheat) sdk.AccAddress { return w.dave.Addr }, false, func(w *wheat, id uint64) {
			w.r.MustDeliver(w.dave, &types.MsgAcceptTransfer{Receiver: w.dave.String(), TransferId: id})
		}, true},
		{"transfer into the Mill's wheat, rejected by the Mill", types.ACTION_TRANSFER, mill, true, func(w *wheat, id uint64) {
			w.as(w.alice, &types.MsgRejectTransfer{Agent: w.mill.String(), TransferId: id})
		}, false},
		{"transfer into a new resource of the Mill, withdrawn by the Bakery", types.ACTION_TRANSFER_ALL_RIGHTS, mill, false, func(w *wheat, id uint64) {
			w.as(w.bob, &types.MsgRejectTransfer{Agent: w.bakery.String(), TransferId: id})
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := wheatSetup(t)
			vk := w.r.App.ValueFlowsKeeper
			receiver := c.receiver(w)
			var toID uint64
			if c.toMill {
				toID = w.millWheat
			}
			from, millBefore, stock := w.resource(w.bakeryWheat), w.resource(w.millWheat), w.stock()
			events, resources := w.last(vk.EventSeq), w.last(vk.ResourceSeq)
			unchanged := func(why string) {
				t.Helper()
				require.Equal(t, state(from), state(w.resource(w.bakeryWheat)), "the Bakery's wheat, %s", why)
				require.Equal(t, state(millBefore), state(w.resource(w.millWheat)), "the Mill's wheat, %s", why)
				require.Equal(t, millBefore.UnitCost().String(), w.resource(w.millWheat).UnitCost().String(), "the Mill's unit cost, %s", why)
				require.Equal(t, stock.String(), w.stock().String(), why)
				require.Equal(t, events, w.last(vk.EventSeq), "no event, %s", why)
				require.Equal(t, resources, w.last(vk.ResourceSeq), "no new resource, %s", why)
			}

			w.as(w.bob, &types.MsgRecordEvent{Company: w.bakery.String(), Action: c.action, ResourceId: w.bakeryWheat, ToResourceId: toID,
				Receiver: receiver.String(), Quantity: "5", Description: "to grind"})
			id := w.last(vk.TransferSeq)
			unchanged("before the receiver's answer")
			want := types.PendingTransfer{Id: id, Action: c.action, Provider: w.bakery.String(), Receiver: receiver.String(), ResourceId: w.bakeryWheat,
				ToResourceId: toID, Quantity: dec("5"), Note: "to grind", Created: w.r.Ctx().BlockTime()}
			for _, agent := range []sdk.AccAddress{receiver, w.bakery} {
				list := w.pending(agent)
				require.Len(t, list, 1, "pending for %s", agent)
				require.Equal(t, want.String(), list[0].String())
			}
			w.invariantsHold()

			c.settle(w, id)
			require.Empty(t, w.pending(receiver))
			require.Empty(t, w.pending(w.bakery))
			if !c.accepted {
				unchanged("after a rejection")
				w.refused(w.alice, types.ErrUnknownTransfer, &types.MsgAcceptTransfer{Receiver: w.mill.String(), TransferId: id})
				w.invariantsHold()
				return
			}
			// what the code applied at once before receivers had to accept
			wantFrom := from
			wantTo := millBefore
			if !c.toMill {
				z := math.LegacyZeroDec()
				wantTo = types.EconomicResource{Id: resources + 1, SpecId: w.spec, Owner: receiver.String(), Name: "wheat", Unit: "kg",
					AccountingQuantity: z, OnhandQuantity: z, Value: z}
				require.Equal(t, resources+1, w.last(vk.ResourceSeq), "the receiver's new resource, opened on acceptance")
			}
			value, err := types.ApplyEffect(c.action, &wantFrom, &wantTo, dec("5"))
			require.NoError(t, err)
			require.Equal(t, state(wantFrom), state(w.resource(w.bakeryWheat)))
			got := w.resource(wantTo.Id)
			require.Equal(t, state(wantTo), state(got))
			require.Equal(t, receiver.String(), got.Owner)
			require.Equal(t, wantTo.UnitCost().String(), got.UnitCost().String())
			if c.toMill && c.action != types.ACTION_TRANSFER_CUSTODY {
				require.NotEqual(t, millBefore.UnitCost().String(), got.UnitCost().String(), "the Mill's average cost moves, now that it accepted")
			}
			require.Equal(t, events+1, w.last(vk.EventSeq))
			e, err := vk.Events.Get(w.r.Ctx(), events+1)
			require.NoError(t, err)
			require.Equal(t, []any{c.action, w.bakery.String(), receiver.String(), w.spec, "kg", w.bakeryWheat, wantTo.Id, "5.000000000000000000", value.String(), "to grind"},
				[]any{e.Action, e.Provider, e.Receiver, e.SpecId, e.Unit, e.ResourceId, e.ToResourceId, e.Quantity.String(), e.Value.String(), e.Note})
			require.Equal(t, "valueflows/transfer/2", e.Link, "the transfer it accepted (the fixture's was the first)")
			w.refused(w.alice, types.ErrUnknownTransfer, &types.MsgAcceptTransfer{Receiver: w.mill.String(), TransferId: id})
			w.invariantsHold()
		})
	}
}

func mill(w *wheat) sdk.AccAddress { return w.mill }

// TestTransferRefusals: only the receiver accepts a transfer, once; only its receiver or
// provider rejects it; an acceptance finds the quantity still there or fails, changing
// nothing; a regional company's raise or lower carries no value (other companies' raise
// keeps its value).
func TestTransferRefusals(t *testing.T) {
	w := wheatSetup(t)
	vk := w.r.App.ValueFlowsKeeper
	bakery, millAddr := w.bakery.String(), w.mill.String()
	w.as(w.bob, &types.MsgRecordEvent{Company: bakery, Action: types.ACTION_TRANSFER, ResourceId: w.bakeryWheat, ToResourceId: w.millWheat, Receiver: millAddr, Quantity: "5"})
	id := w.last(vk.TransferSeq)
	other := w.defineSpec(w.bob, w.bakery, "rye", "kg", "food/grain")
	w.as(w.bob, &types.MsgRecordEvent{Company: bakery, Action: types.ACTION_RAISE, SpecId: other, Quantity: "1"})
	rye := w.last(vk.ResourceSeq)
	millBefore := w.resource(w.millWheat)

	cases := []struct {
		name    string
		by      region.Account
		manages bool // through the company's authz grant; else signed by the person
		msg     sdk.Msg
		err     *errorsmod.Error
	}{
		{"the provider accepts its own transfer", w.bob, true, &types.MsgAcceptTransfer{Receiver: bakery, TransferId: id}, types.ErrNotReceiver},
		{"someone else accepts it", w.carol, false, &types.MsgAcceptTransfer{Receiver: w.carol.String(), TransferId: id}, types.ErrNotReceiver},
		{"someone else rejects it", w.carol, false, &types.MsgRejectTransfer{Agent: w.carol.String(), TransferId: id}, types.ErrNotOwner},
		{"an unknown transfer", w.alice, true, &types.MsgAcceptTransfer{Receiver: millAddr, TransferId: 999}, types.ErrUnknownTransfer},
		{"a transfer into a resource that is not the receiver's", w.bob, true, &types.MsgRecordEvent{Company: bakery, Action: types.ACTION_TRANSFER,
			ResourceId: w.bakeryWheat, ToResourceId: rye, Receiver: millAddr, Quantity: "1"}, types.ErrNotOwner},
		{"a transfer into a resource of another kind", w.bob, true, &types.MsgRecordEvent{Company: bakery, Action: types.ACTION_TRANSFER,
			ResourceId: rye, ToResourceId: w.millWheat, Receiver: millAddr, Quantity: "1"}, types.ErrSpecMismatch},
		{"a transfer of more than the provider has", w.bob, true, &types.MsgRecordEvent{Company: bakery, Action: types.ACTION_TRANSFER,
			ResourceId: w.bakeryWheat, Receiver: millAddr, Quantity: "21"}, types.ErrInsufficientQuantity},
		{"a raise with a value on the Mill's wheat", w.alice, true, &types.MsgRecordEvent{Company: millAddr, Action: types.ACTION_RAISE,
			ResourceId: w.millWheat, Quantity: "1", Value: "1000000000"}, types.ErrRegionalValue},
		{"a raise with a value into a new resource of the Mill", w.alice, true, &types.MsgRecordEvent{Company: millAddr, Action: types.ACTION_RAISE,
			SpecId: w.spec, Quantity: "1", Value: "1"}, types.ErrRegionalValue},
		{"a lower with a value on the Mill's wheat", w.alice, true, &types.MsgRecordEvent{Company: millAddr, Action: types.ACTION_LOWER,
			ResourceId: w.millWheat, Quantity: "1", Value: "1"}, types.ErrRegionalValue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.manages {
				w.refused(c.by, c.err, c.msg)
			} else {
				res := w.r.Deliver(c.by, c.msg)
				require.NotZero(t, res.Code)
				require.Contains(t, res.Log, c.err.Error())
			}
			require.Equal(t, state(millBefore), state(w.resource(w.millWheat)), "the Mill's wheat is unchanged")
		})
	}
	require.Len(t, w.pending(w.mill), 1, "the transfer still waits")

	t.Run("accepted once, not twice", func(t *testing.T) {
		w.as(w.alice, &types.MsgAcceptTransfer{Receiver: millAddr, TransferId: id})
		require.Equal(t, [3]string{"15.000000000000000000", "15.000000000000000000", "80000000.000000000000000000"}, state(w.resource(w.millWheat)),
			"10 kg at 30 RSC and 5 kg at 50 RSC")
		w.refused(w.alice, types.ErrUnknownTransfer, &types.MsgAcceptTransfer{Receiver: millAddr, TransferId: id})
		w.refused(w.bob, types.ErrUnknownTransfer, &types.MsgRejectTransfer{Agent: bakery, TransferId: id})
	})

	t.Run("an acceptance after the provider used the quantity fails and changes nothing", func(t *testing.T) {
		w.as(w.bob, &types.MsgRecordEvent{Company: bakery, Action: types.ACTION_TRANSFER, ResourceId: w.bakeryWheat, ToResourceId: w.millWheat, Receiver: millAddr, Quantity: "10"})
		late := w.last(vk.TransferSeq)
		w.as(w.bob, &types.MsgRecordEvent{Company: bakery, Action: types.ACTION_LOWER, ResourceId: w.bakeryWheat, Quantity: "10"})
		from, to := w.resource(w.bakeryWheat), w.resource(w.millWheat)
		w.refused(w.alice, types.ErrInsufficientQuantity, &types.MsgAcceptTransfer{Receiver: millAddr, TransferId: late})
		require.Equal(t, state(from), state(w.resource(w.bakeryWheat)))
		require.Equal(t, state(to), state(w.resource(w.millWheat)))
		w.as(w.bob, &types.MsgRejectTransfer{Agent: bakery, TransferId: late})
		require.Empty(t, w.pending(w.mill))
	})

	t.Run("the Mill raises and lowers quantities at no value; the Bakery's raise keeps its value", func(t *testing.T) {
		before := w.resource(w.millWheat)
		w.as(w.alice, &types.MsgRecordEvent{Company: millAddr, Action: types.ACTION_RAISE, ResourceId: w.millWheat, Quantity: "1"})
		require.Equal(t, before.AccountingQuantity.Add(dec("1")).String(), w.resource(w.millWheat).AccountingQuantity.String())
		require.Equal(t, before.Value.String(), w.resource(w.millWheat).Value.String(), "no value typed in")
		w.as(w.alice, &types.MsgRecordEvent{Company: millAddr, Action: types.ACTION_LOWER, ResourceId: w.millWheat, Quantity: "1"})
		w.as(w.bob, &types.MsgRecordEvent{Company: bakery, Action: types.ACTION_RAISE, ResourceId: rye, Quantity: "1", Value: "7000000"})
		require.Equal(t, "7000000.000000000000000000", w.resource(rye).Value.String())
	})
	w.invariantsHold()
}

// TestPendingTransferGenesis: pending transfers are exported, validated and imported (into
// a fresh store, which exports the same state); a genesis whose pending transfer does not
// hold together is refused.
func TestPendingTransferGenesis(t *testing.T) {
	w := wheatSetup(t)
	vk := w.r.App.ValueFlowsKeeper
	w.as(w.bob, &types.MsgRecordEvent{Company: w.bakery.String(), Action: types.ACTION_TRANSFER_CUSTODY, ResourceId: w.bakeryWheat, ToResourceId: w.millWheat,
		Receiver: w.mill.String(), Quantity: "2"})
	w.as(w.bob, &types.MsgRecordEvent{Company: w.bakery.String(), Action: types.ACTION_TRANSFER, ResourceId: w.bakeryWheat, Receiver: w.dave.String(), Quantity: "3"})
	gs, err := vk.ExportGenesis(w.r.Ctx())
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.Len(t, gs.Transfers, 2)
	require.Equal(t, uint64(4), gs.NextTransferId, "the fixture's accepted transfer, then these two")

	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := sdktestutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient")).Ctx
	fresh := keeper.NewKeeper(w.r.App.AppCodec(), runtime.NewKVStoreService(key),
		addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix()), w.r.App.MembershipKeeper, w.r.App.GovernanceParamsKeeper)
	require.NoError(t, fresh.InitGenesis(ctx, gs))
	again, err := fresh.ExportGenesis(ctx)
	require.NoError(t, err)
	cdc := w.r.App.AppCodec()
	require.JSONEq(t, string(cdc.MustMarshalJSON(gs)), string(cdc.MustMarshalJSON(again)))
	res, err := keeper.NewQueryServerImpl(fresh).Transfers(ctx, &types.QueryTransfersRequest{Agent: w.dave.String()})
	require.NoError(t, err)
	require.Len(t, res.Transfers, 1, "the index by agent is rebuilt")

	bad := []struct {
		name   string
		change func(gs *types.GenesisState)
	}{
		{"an id past the next", func(gs *types.GenesisState) { gs.NextTransferId = gs.Transfers[1].Id }},
		{"no next id", func(gs *types.GenesisState) { gs.Transfers, gs.NextTransferId = nil, 0 }},
		{"a duplicate id", func(gs *types.GenesisState) { gs.Transfers[1].Id = gs.Transfers[0].Id }},
		{"not a transfer", func(gs *types.GenesisState) { gs.Transfers[0].Action = types.ACTION_RAISE }},
		{"no quantity", func(gs *types.GenesisState) { gs.Transfers[0].Quantity = math.LegacyZeroDec() }},
		{"to the provider itself", func(gs *types.GenesisState) { gs.Transfers[0].Receiver = gs.Transfers[0].Provider }},
		{"from a resource that is not the provider's", func(gs *types.GenesisState) { gs.Transfers[0].ResourceId = w.millWheat }},
		{"from an unknown resource", func(gs *types.GenesisState) { gs.Transfers[0].ResourceId = 999 }},
		{"into a resource that is not the receiver's", func(gs *types.GenesisState) { gs.Transfers[0].ToResourceId = w.bakeryWheat }},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			var b types.GenesisState
			cdc.MustUnmarshalJSON(cdc.MustMarshalJSON(gs), &b)
			c.change(&b)
			require.ErrorIs(t, b.Validate(), types.ErrInvalidGenesis)
		})
	}
}
