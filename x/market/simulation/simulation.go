// Package simulation gives x/market operations: companies list products and services
// through their workers' proposals and change their prices, and random accounts buy.
package simulation

import (
	"math/rand"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/conductor-coop/conductor/x/market/keeper"
	"github.com/conductor-coop/conductor/x/market/types"
	membershipsim "github.com/conductor-coop/conductor/x/membership/simulation"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// WeightedOperations are the market operations.
func WeightedOperations(k membershipsim.Keepers, mk keeper.Keeper) simulation.WeightedOperations {
	s := sim{k: k, mk: mk}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(30, s.list),
		simulation.NewWeightedOperation(10, s.reprice),
		simulation.NewWeightedOperation(100, s.purchase),
		simulation.NewWeightedOperation(5, s.sendToIntake),
	}
}

// sendToIntake: a random account sends 1 ursc straight to the IBC intake account. It must be
// refused (ErrIntakeNotPayable), or the simulation fails: the intake would hold money that
// nothing spends, and its invariant would break for good.
func (s sim) sendToIntake(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	sender, _ := simtypes.RandomAcc(r, accs)
	msg := banktypes.NewMsgSend(sender.Address, types.IntakeAddress, sdk.NewCoins(sdk.NewInt64Coin(membershiptypes.Denom, 1)))
	if !s.k.Bank.SpendableCoins(ctx, sender.Address).AmountOf(membershiptypes.Denom).IsPositive() || s.k.Bank.IsSendEnabledCoins(ctx, msg.Amount...) != nil {
		return noop(msg, "nothing to send, or sends disabled")
	}
	op, err := membershipsim.DeliverRefused(r, app, ctx, chainID, s.k, types.ModuleName, sender, msg, types.ErrIntakeNotPayable)
	return op, nil, err
}

type sim struct {
	k  membershipsim.Keepers
	mk keeper.Keeper
}

func noop(msg sdk.Msg, why string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(msg), why), nil, nil
}

// address decodes a stored address with the region's address codec.
func (s sim) address(a string) (sdk.AccAddress, error) {
	return s.k.Membership.AddressCodec().StringToBytes(a)
}

// list has a random company's workers list a product with a random stock, or a service.
func (s sim) list(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	company, workers, ok := membershipsim.RandomInstitution(r, ctx, s.k, accs, membershiptypes.AGENT_KIND_COMPANY)
	if !ok {
		return noop(&types.MsgCreateListing{}, "no company with a simulated worker")
	}
	msg := &types.MsgCreateListing{
		Seller: company, Kind: types.LISTING_KIND_PRODUCT, Name: simtypes.RandStringOfLength(r, 10), Unit: "piece",
		UnitPrice: math.NewInt(int64(1 + r.Intn(5_000_000))), Stock: math.NewInt(int64(r.Intn(50))).String(),
	}
	if r.Intn(3) == 0 {
		msg.Kind, msg.Unit, msg.Stock = types.LISTING_KIND_SERVICE, "hour", types.Unlimited
	}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, company, workers, msg)
	return op, nil, err
}

// reprice has a company's workers change a listing's price and restock it.
func (s sim) reprice(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	company, workers, ok := membershipsim.RandomInstitution(r, ctx, s.k, accs, membershiptypes.AGENT_KIND_COMPANY)
	if !ok {
		return noop(&types.MsgUpdateListing{}, "no company with a simulated worker")
	}
	seller, err := s.address(company)
	if err != nil {
		return noop(&types.MsgUpdateListing{}, err.Error())
	}
	var id uint64
	_ = s.mk.ListingsBySeller.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](seller),
		func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
			id = key.K2()
			return r.Intn(2) == 0, nil
		})
	if id == 0 {
		return noop(&types.MsgUpdateListing{}, "the company has no listing")
	}
	msg := &types.MsgUpdateListing{Seller: company, ListingId: id, UnitPrice: math.NewInt(int64(1 + r.Intn(5_000_000))), Stock: math.NewInt(int64(r.Intn(50))).String()}
	if r.Intn(10) == 0 {
		op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, company, workers, &types.MsgDelist{Seller: company, ListingId: id})
		return op, nil, err
	}
	op, err := membershipsim.Decide(r, app, ctx, s.k, types.ModuleName, company, workers, msg)
	return op, nil, err
}

// purchase has a random account buy a few units of a random listing it can afford.
func (s sim) purchase(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	last, err := s.mk.ListingSeq.Peek(ctx)
	if err != nil || last == 0 {
		return noop(&types.MsgPurchase{}, "no listing")
	}
	l, err := s.mk.Listings.Get(ctx, uint64(1+r.Intn(int(last))))
	if err != nil || !l.Active || (!l.Unlimited && l.Stock == 0) {
		return noop(&types.MsgPurchase{}, "listing delisted or sold out")
	}
	buyer, _ := simtypes.RandomAcc(r, accs)
	if buyer.Address.String() == l.Seller {
		return noop(&types.MsgPurchase{}, "the seller")
	}
	quantity := uint64(1 + r.Intn(3))
	if !l.Unlimited {
		quantity = min(quantity, l.Stock)
	}
	quote, err := keeper.NewQueryServerImpl(s.mk).Quote(ctx, &types.QueryQuoteRequest{ListingId: l.Id, Quantity: quantity, Buyer: buyer.Address.String()})
	if err != nil {
		return noop(&types.MsgPurchase{}, err.Error())
	}
	if s.k.Bank.SpendableCoins(ctx, buyer.Address).AmountOf(membershiptypes.Denom).LT(quote.Total) {
		return noop(&types.MsgPurchase{}, "the buyer cannot afford it")
	}
	op, err := membershipsim.DeliverSpending(r, app, ctx, s.k, types.ModuleName, buyer,
		&types.MsgPurchase{Buyer: buyer.Address.String(), ListingId: l.Id, Quantity: quantity, MaxUnitPrice: quote.UnitPrice},
		sdk.NewCoins(sdk.NewCoin(membershiptypes.Denom, quote.Total)))
	return op, nil, err
}
