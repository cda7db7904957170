package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"

	"github.com/conductor-coop/conductor/x/federation/types"
	"github.com/conductor-coop/conductor/x/ibcmemo"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// ContributionTimeout is how long a contribution to another region's pool may wait for the
// relayer; after it, the contribution times out and comes back to the treasury.
const ContributionTimeout = time.Hour

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the federation Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

func (m msgServer) SetRegion(ctx context.Context, msg *types.MsgSetRegion) (*types.MsgSetRegionResponse, error) {
	if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	r := msg.Region
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if r.ChainId == sdk.UnwrapSDKContext(ctx).ChainID() {
		return nil, errorsmod.Wrapf(types.ErrInvalidRegion, "%s is this region's own chain", r.ChainId)
	}
	err := m.Regions.Walk(ctx, nil, func(name string, other types.Region) (bool, error) {
		if name != r.Name && (other.ChainId == r.ChainId || other.ChannelId == r.ChannelId) {
			return true, errorsmod.Wrapf(types.ErrDuplicateRegion, "%q has chain %s on %s", name, other.ChainId, other.ChannelId)
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if old, err := m.Regions.Get(ctx, r.Name); err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	} else if err == nil && old.ChannelId != r.ChannelId {
		if err := m.RegionsByChannel.Remove(ctx, old.ChannelId); err != nil {
			return nil, err
		}
	}
	if err := m.setRegion(ctx, r); err != nil {
		return nil, err
	}
	return &types.MsgSetRegionResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRegionSet{Region: r})
}

func (m msgServer) RemoveRegion(ctx context.Context, msg *types.MsgRemoveRegion) (*types.MsgRemoveRegionResponse, error) {
	if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	r, err := m.Region(ctx, msg.Name)
	if err != nil {
		return nil, err
	}
	if err := m.Regions.Remove(ctx, r.Name); err != nil {
		return nil, err
	}
	if err := m.RegionsByChannel.Remove(ctx, r.ChannelId); err != nil {
		return nil, err
	}
	return &types.MsgRemoveRegionResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRegionRemoved{Name: r.Name})
}

func (m msgServer) CreatePool(ctx context.Context, msg *types.MsgCreatePool) (*types.MsgCreatePoolResponse, error) {
	if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := types.ValidatePool(msg.Name, msg.Purpose); err != nil {
		return nil, err
	}
	if len(msg.Representatives) == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidPool, "a pool needs representatives")
	}
	self := sdk.UnwrapSDKContext(ctx).ChainID()
	addrs := make([]string, len(msg.Representatives))
	for i, rep := range msg.Representatives {
		if rep.ChainId != self {
			if err := m.requireChain(ctx, rep.ChainId); err != nil {
				return nil, err
			}
		}
		addrs[i] = rep.Address
	}
	agent, err := m.membership.FoundPool(ctx, msg.Name, addrs)
	if err != nil {
		return nil, err
	}
	id, err := modulekit.NextID(ctx, m.PoolSeq)
	if err != nil {
		return nil, err
	}
	p := types.Pool{
		Id: id, Name: msg.Name, Purpose: msg.Purpose, Address: agent.Address, GroupId: agent.GroupId,
		Representatives: msg.Representatives,
	}
	if err := m.setPool(ctx, p); err != nil {
		return nil, err
	}
	return &types.MsgCreatePoolResponse{PoolId: id, Address: p.Address, GroupId: p.GroupId},
		sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPoolCreated{Pool: p})
}

// requireChain returns ErrUnknownRegion unless a region of the directory has chainID.
func (m msgServer) requireChain(ctx context.Context, chainID string) error {
	found := false
	err := m.Regions.Walk(ctx, nil, func(_ string, r types.Region) (bool, error) {
		found = r.ChainId == chainID
		return found, nil
	})
	if err == nil && !found {
		err = errorsmod.Wrapf(types.ErrUnknownRegion, "no region of the directory has chain id %q", chainID)
	}
	return err
}

func (m msgServer) ClosePool(ctx context.Context, msg *types.MsgClosePool) (*types.MsgClosePoolResponse, error) {
	p, err := m.Pool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	if msg.Authority != p.Address {
		if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
			return nil, errorsmod.Wrapf(types.ErrUnauthorized, "%s closes neither as the assembly nor as pool %d", msg.Authority, p.Id)
		}
	}
	if p.Closed {
		return nil, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d", p.Id)
	}
	p.Closed = true
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return &types.MsgClosePoolResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPoolClosed{PoolId: p.Id})
}

func (m msgServer) Spend(ctx context.Context, msg *types.MsgSpend) (*types.MsgSpendResponse, error) {
	poolAddr, err := m.address(msg.Pool, "pool")
	if err != nil {
		return nil, err
	}
	id, err := m.PoolsByAddress.Get(ctx, poolAddr)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrUnknownPool, "%s is not a pool's account", msg.Pool)
	}
	if err != nil {
		return nil, err
	}
	to, err := m.address(msg.Recipient, "recipient")
	if err != nil {
		return nil, err
	}
	if !msg.Amount.IsValid() || msg.Amount.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "%q", msg.Amount)
	}
	if len(msg.Reason) > types.MaxReason {
		return nil, errorsmod.Wrapf(types.ErrInvalidPool, "reason: at most %d characters", types.MaxReason)
	}
	if err := m.requireRecipient(ctx, id, msg, to); err != nil {
		return nil, err
	}
	recipient, err := m.membership.GetAgent(ctx, to)
	if err != nil {
		return nil, err
	}
	if recipient.Kind != membershiptypes.AGENT_KIND_PERSON && !recipient.Kind.IsCompany() {
		return nil, errorsmod.Wrapf(types.ErrInvalidRecipient, "%s is the %s %q", msg.Recipient, recipient.Kind.Label(), recipient.Name)
	}
	approval, err := m.membership.Approval(ctx, msg.Pool, msg)
	if err != nil {
		return nil, err
	}
	spendID, err := modulekit.NextID(ctx, m.SpendSeq)
	if err != nil {
		return nil, err
	}
	for _, c := range msg.Amount {
		if err := m.router.Pay(ctx, router.Payment{
			Route: router.PoolSpend, From: poolAddr, Denom: c.Denom, Legs: router.To(to, c.Amount),
			Link: valueflowstypes.Link("federation/spend", spendID), Note: msg.Reason,
		}); err != nil {
			if errorsmod.IsOf(err, sdkerrors.ErrInsufficientFunds) {
				return nil, errorsmod.Wrapf(types.ErrInsufficientFund, "%s: %s", msg.Amount, err)
			}
			return nil, err
		}
	}
	s := types.Spend{
		Id: spendID, PoolId: id, Recipient: msg.Recipient, Amount: msg.Amount, Reason: msg.Reason,
		ProposalId: approval.ProposalId, Height: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := m.setSpend(ctx, s); err != nil {
		return nil, err
	}
	return &types.MsgSpendResponse{SpendId: spendID}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPoolSpent{Spend: s})
}

// requireRecipient: a pool pays neither a module account or blocked address, nor itself,
// one of its representatives (who decide its spends) or a signer of the tx (a manager with
// an authz grant, or whoever ran the proposal).
func (m msgServer) requireRecipient(ctx context.Context, id uint64, msg *types.MsgSpend, to sdk.AccAddress) error {
	if _, ok := m.account.GetAccount(ctx, to).(sdk.ModuleAccountI); ok || m.bank.BlockedAddr(to) {
		return errorsmod.Wrapf(types.ErrInvalidRecipient, "%s is a module's account", msg.Recipient)
	}
	if msg.Recipient == msg.Pool {
		return errorsmod.Wrapf(types.ErrSelfDealing, "pool %d pays itself", id)
	}
	p, err := m.Pool(ctx, id)
	if err != nil {
		return err
	}
	for _, r := range p.Representatives {
		if r.Address == msg.Recipient {
			return errorsmod.Wrapf(types.ErrSelfDealing, "%s represents pool %d", msg.Recipient, id)
		}
	}
	poolAddr, err := m.address(msg.Pool, "pool")
	if err != nil {
		return err
	}
	if rep, err := m.membership.InGroup(ctx, poolAddr, msg.Recipient); err != nil {
		return err
	} else if rep {
		return errorsmod.Wrapf(types.ErrSelfDealing, "%s votes in pool %d", msg.Recipient, id)
	}
	signers, err := m.membership.TxSigners(ctx)
	if err != nil {
		return err
	}
	for _, s := range signers {
		if s == msg.Recipient {
			return errorsmod.Wrapf(types.ErrSelfDealing, "%s signed the tx", msg.Recipient)
		}
	}
	return nil
}

func (m msgServer) Contribute(ctx context.Context, msg *types.MsgContribute) (*types.MsgContributeResponse, error) {
	if err := m.membership.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if msg.Amount.IsNil() || !msg.Amount.IsPositive() {
		return nil, errorsmod.Wrap(types.ErrInvalidAmount, "a contribution is a positive amount of ursc")
	}
	if err := m.books.RequireUnreserved(ctx, msg.Amount); err != nil {
		return nil, err
	}
	coin := sdk.NewCoin(membershiptypes.Denom, msg.Amount)
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if msg.Region == "" {
		return &types.MsgContributeResponse{}, m.contributeHere(sdkCtx, msg.PoolId, coin)
	}
	region, err := m.Region(ctx, msg.Region)
	if err != nil {
		return nil, err
	}
	treasury := authtypes.NewModuleAddress(m.treasury).String()
	transfer := &transfertypes.MsgTransfer{
		SourcePort: transfertypes.PortID, SourceChannel: region.ChannelId, Token: coin,
		Sender: treasury, Receiver: treasury, // the host pays the pool its memo names
		TimeoutTimestamp: uint64(sdkCtx.BlockTime().Add(ContributionTimeout).UnixNano()),
		Memo:             ibcmemo.PoolMemo(msg.PoolId),
	}
	if err := transfer.ValidateBasic(); err != nil {
		return nil, err
	}
	var res *transfertypes.MsgTransferResponse
	if err := m.router.Within(sdkCtx, router.PoolContribution, valueflowstypes.Link("federation/pool", msg.PoolId), "a contribution to a pool of "+region.Name, func(ctx sdk.Context) error {
		res, err = m.transfer.Transfer(ctx, transfer)
		return err
	}); err != nil {
		return nil, err
	}
	return &types.MsgContributeResponse{Sequence: res.Sequence}, sdkCtx.EventManager().EmitTypedEvent(&types.EventContributionSent{
		Region: region.Name, PoolId: msg.PoolId, Amount: msg.Amount, Sequence: res.Sequence,
	})
}

// contributeHere pays a contribution from the treasury into a pool of this region.
func (m msgServer) contributeHere(ctx sdk.Context, id uint64, coin sdk.Coin) error {
	p, err := m.Pool(ctx, id)
	if err != nil {
		return err
	}
	if p.Closed {
		return errorsmod.Wrapf(types.ErrPoolClosed, "pool %d", id)
	}
	addr, err := m.address(p.Address, "pool")
	if err != nil {
		return err
	}
	if err := m.router.Pay(ctx, router.Payment{
		Route: router.PoolContribution, From: authtypes.NewModuleAddress(m.treasury), Denom: coin.Denom, Legs: router.To(addr, coin.Amount),
		Link: valueflowstypes.Link("federation/pool", id), Note: "a contribution to a pool",
	}); err != nil {
		return err
	}
	if err := m.credit(ctx, id, ctx.ChainID(), coin); err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventContributionReceived{PoolId: id, ChainId: ctx.ChainID(), Amount: coin})
}
