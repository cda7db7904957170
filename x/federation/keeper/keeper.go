package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/federation/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/router"
)

type (
	poolChain = collections.Pair[uint64, string]
	idID      = collections.Pair[uint64, uint64]
)

// Keeper holds the region directory and the pools hosted here: their contributions by
// region and their spends. It sends this region's contributions to other regions' pools.
type Keeper struct {
	addressCodec address.Codec
	membership   types.MembershipKeeper
	bank         types.BankKeeper
	account      types.AccountKeeper
	books        types.Treasury
	router       *router.Router
	transfer     types.TransferKeeper
	treasury     string // module account name of the treasury

	Schema           collections.Schema
	Regions          collections.Map[string, types.Region]
	RegionsByChannel collections.Map[string, string]
	Pools            collections.Map[uint64, types.Pool]
	PoolSeq          collections.Sequence
	PoolsByAddress   collections.Map[sdk.AccAddress, uint64]
	Contributions    collections.Map[poolChain, types.Contribution]
	Spends           collections.Map[uint64, types.Spend]
	SpendSeq         collections.Sequence
	SpendsByPool     collections.KeySet[idID]
}

// NewKeeper returns the federation keeper. transfer is ibc-go's transfer keeper (it may be
// assigned after this call: the keeper only uses it in transactions); treasury is the
// treasury's module account name; the account keeper tells module accounts, which a pool
// never pays.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec,
	membership types.MembershipKeeper, bank types.BankKeeper, books types.Treasury, router *router.Router, transfer types.TransferKeeper, treasury string,
	account types.AccountKeeper,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		addressCodec: addressCodec, membership: membership, bank: bank, account: account, books: books, router: router, transfer: transfer, treasury: treasury,
		Regions:          collections.NewMap(sb, types.RegionsKey, "regions", collections.StringKey, codec.CollValue[types.Region](cdc)),
		RegionsByChannel: collections.NewMap(sb, types.RegionsByChannelKey, "regions_by_channel", collections.StringKey, collections.StringValue),
		Pools:            collections.NewMap(sb, types.PoolsKey, "pools", collections.Uint64Key, codec.CollValue[types.Pool](cdc)),
		PoolSeq:          collections.NewSequence(sb, types.PoolSeqKey, "pool_seq"),
		PoolsByAddress:   collections.NewMap(sb, types.PoolsByAddressKey, "pools_by_address", sdk.AccAddressKey, collections.Uint64Value),
		Contributions:    collections.NewMap(sb, types.ContributionsKey, "contributions", collections.PairKeyCodec(collections.Uint64Key, collections.StringKey), codec.CollValue[types.Contribution](cdc)),
		Spends:           collections.NewMap(sb, types.SpendsKey, "spends", collections.Uint64Key, codec.CollValue[types.Spend](cdc)),
		SpendSeq:         collections.NewSequence(sb, types.SpendSeqKey, "spend_seq"),
		SpendsByPool:     collections.NewKeySet(sb, types.SpendsByPoolKey, "spends_by_pool", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

// Region returns a region of the directory by name, or ErrUnknownRegion.
func (k Keeper) Region(ctx context.Context, name string) (types.Region, error) {
	return modulekit.Get(ctx, k.Regions, name, types.ErrUnknownRegion)
}

// RegionByChannel returns the region an ICS-20 channel of this chain leads to, or
// ErrUnknownRegion.
func (k Keeper) RegionByChannel(ctx context.Context, channel string) (types.Region, error) {
	name, err := k.RegionsByChannel.Get(ctx, channel)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Region{}, errorsmod.Wrapf(types.ErrUnknownRegion, "no region of the directory on %s", channel)
	}
	if err != nil {
		return types.Region{}, err
	}
	return k.Regions.Get(ctx, name)
}

// RegionOfChannel tells the market which region a buyer's channel leads to and whether that
// region's buyers pay the internal sales tax.
func (k Keeper) RegionOfChannel(ctx context.Context, channel string) (string, bool, error) {
	r, err := k.RegionByChannel(ctx, channel)
	return r.Name, r.Internal, err
}

// Pool returns a pool by id, or ErrUnknownPool.
func (k Keeper) Pool(ctx context.Context, id uint64) (types.Pool, error) {
	return modulekit.Get(ctx, k.Pools, id, types.ErrUnknownPool)
}

// setRegion writes a directory entry and its channel index.
func (k Keeper) setRegion(ctx context.Context, r types.Region) error {
	if err := k.Regions.Set(ctx, r.Name, r); err != nil {
		return err
	}
	return k.RegionsByChannel.Set(ctx, r.ChannelId, r.Name)
}

// setPool writes a pool and its account index.
func (k Keeper) setPool(ctx context.Context, p types.Pool) error {
	if err := k.Pools.Set(ctx, p.Id, p); err != nil {
		return err
	}
	addr, err := k.address(p.Address, "pool")
	if err != nil {
		return err
	}
	return k.PoolsByAddress.Set(ctx, addr, p.Id)
}

// credit adds a contribution that has arrived in pool id from the region of chainID.
func (k Keeper) credit(ctx context.Context, id uint64, chainID string, amount sdk.Coin) error {
	key := collections.Join(id, chainID)
	c, err := k.Contributions.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		c, err = types.Contribution{PoolId: id, ChainId: chainID}, nil
	}
	if err != nil {
		return err
	}
	c.Amount = c.Amount.Add(amount)
	c.Count++
	return k.Contributions.Set(ctx, key, c)
}

// setSpend writes a spend and its pool index.
func (k Keeper) setSpend(ctx context.Context, s types.Spend) error {
	if err := k.Spends.Set(ctx, s.Id, s); err != nil {
		return err
	}
	return k.SpendsByPool.Set(ctx, collections.Join(s.PoolId, s.Id))
}
