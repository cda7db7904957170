package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/housing/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the housing Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// RegisterUnit adds a regional property, kept by a regional company; a home bought from a
// person is paid from that agency's account. The unit is offered to the wait-list at once.
func (m msgServer) RegisterUnit(ctx context.Context, msg *types.MsgRegisterUnit) (*types.MsgRegisterUnitResponse, error) {
	u := msg.Unit
	agency, err := m.address(u.Agency, "agency")
	if err != nil {
		return nil, err
	}
	if a, err := m.membership.GetAgent(ctx, agency); err != nil && !errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return nil, err
	} else if err != nil || a.Kind != membershiptypes.AGENT_KIND_REGIONAL_COMPANY {
		return nil, errorsmod.Wrapf(types.ErrNotAgency, "%s is not a regional company", u.Agency)
	}
	if msg.Signer != u.Agency {
		if err := m.membership.CheckAuthority(ctx, msg.Signer); err != nil {
			return nil, errorsmod.Wrap(types.ErrNotAgency, err.Error())
		}
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	if u.Id, err = modulekit.NextID(ctx, m.UnitSeq); err != nil {
		return nil, err
	}
	if !msg.Price.IsNil() && msg.Price.IsPositive() {
		seller, err := m.address(msg.Seller, "seller")
		if err != nil {
			return nil, err
		}
		if err := m.requireDecided(ctx, msg); err != nil {
			return nil, err
		}
		if err := m.requireSeller(ctx, msg, agency, seller); err != nil {
			return nil, err
		}
		if err := m.router.Pay(ctx, router.Payment{
			Route: router.HomePurchase, From: agency, Legs: router.To(seller, msg.Price),
			Link: valueflowstypes.Link("housing/unit", u.Id), Note: "home bought for the region",
		}); err != nil {
			return nil, err
		}
		b, err := m.agencyBooks(ctx, agency)
		if err != nil {
			return nil, err
		}
		b.Bought = b.Bought.Add(msg.Price)
		if err := m.Books.Set(ctx, agency, b); err != nil {
			return nil, err
		}
	}
	return &types.MsgRegisterUnitResponse{UnitId: u.Id}, m.vacate(ctx, u)
}

// requireDecided: a home purchase spends the agency's money on a person, so it is decided
// by the assembly or by the agency's group (a proposal of its workers), never by a manager
// running the message with an authz grant alone.
func (m msgServer) requireDecided(ctx context.Context, msg *types.MsgRegisterUnit) error {
	if m.membership.CheckAuthority(ctx, msg.Signer) == nil {
		return nil
	}
	approval, err := m.membership.Approval(ctx, msg.Signer, msg)
	if err != nil {
		return err
	}
	if approval.ProposalId == 0 {
		return errorsmod.Wrapf(types.ErrNotDecided, "decided by %q, not by a proposal of %s", approval.Manager, msg.Signer)
	}
	return nil
}

// requireSeller: the seller of a home is a person (registered, or an address the region has
// not seen) who is not the signer, the agency, a signer of the tx (the manager, or whoever
// ran the proposal) or a worker of the agency; never a module account, a blocked address or
// the market's IBC intake.
func (m msgServer) requireSeller(ctx context.Context, msg *types.MsgRegisterUnit, agency, seller sdk.AccAddress) error {
	if msg.Seller == msg.Signer || seller.Equals(agency) {
		return errorsmod.Wrapf(types.ErrSelfDealing, "%s buys from itself", msg.Signer)
	}
	signers, err := m.membership.TxSigners(ctx)
	if err != nil {
		return err
	}
	for _, s := range signers {
		if s == msg.Seller {
			return errorsmod.Wrapf(types.ErrSelfDealing, "%s signed the tx", msg.Seller)
		}
	}
	if worker, err := m.membership.InGroup(ctx, agency, msg.Seller); err != nil {
		return err
	} else if worker {
		return errorsmod.Wrapf(types.ErrSelfDealing, "%s works for the agency", msg.Seller)
	}
	if _, ok := m.account.GetAccount(ctx, seller).(sdk.ModuleAccountI); ok || m.bank.BlockedAddr(seller) || seller.Equals(markettypes.IntakeAddress) {
		return errorsmod.Wrapf(types.ErrInvalidSeller, "%s is a module's account", msg.Seller)
	}
	if a, err := m.membership.GetAgent(ctx, seller); err != nil && !errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return err
	} else if err == nil && a.Kind != membershiptypes.AGENT_KIND_PERSON {
		return errorsmod.Wrapf(types.ErrInvalidSeller, "%s is the %s %q", msg.Seller, a.Kind.Label(), a.Name)
	}
	return nil
}

// JoinWaitlist puts the applicant at the back of the wait-list of a kind, once; a vacant
// unit that meets its wishes is offered at once.
func (m msgServer) JoinWaitlist(ctx context.Context, msg *types.MsgJoinWaitlist) (*types.MsgJoinWaitlistResponse, error) {
	applicant, err := m.address(msg.Applicant, "applicant")
	if err != nil {
		return nil, err
	}
	if err := m.requireApplicant(ctx, applicant, msg.Kind); err != nil {
		return nil, err
	}
	waiting := false
	err = m.EntriesByApplicant.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](applicant), func(key addrID) (bool, error) {
		e, err := m.Entries.Get(ctx, key.K2())
		waiting = err == nil && e.Kind == msg.Kind
		return waiting, err
	})
	if err != nil {
		return nil, err
	}
	if waiting {
		return nil, errorsmod.Wrapf(types.ErrAlreadyWaiting, "%s", msg.Kind)
	}
	e, err := m.addEntry(ctx, types.Entry{Applicant: msg.Applicant, Kind: msg.Kind, Location: msg.Location, MinArea: msg.MinArea,
		Joined: sdk.UnwrapSDKContext(ctx).BlockTime()})
	if err != nil {
		return nil, err
	}
	return &types.MsgJoinWaitlistResponse{EntryId: e.Id}, m.seek(ctx, e)
}

// LeaveWaitlist takes an entry off; a unit it was offered goes to the next.
func (m msgServer) LeaveWaitlist(ctx context.Context, msg *types.MsgLeaveWaitlist) (*types.MsgLeaveWaitlistResponse, error) {
	e, err := m.ownEntry(ctx, msg.Applicant, msg.EntryId)
	if err != nil {
		return nil, err
	}
	if err := m.removeEntry(ctx, e); err != nil {
		return nil, err
	}
	if e.Offered != 0 {
		u, err := m.unit(ctx, e.Offered)
		if err != nil {
			return nil, err
		}
		return &types.MsgLeaveWaitlistResponse{}, m.vacate(ctx, u)
	}
	return &types.MsgLeaveWaitlistResponse{}, nil
}

// offered returns the signer's entry and the unit offered to it.
func (m msgServer) offered(ctx context.Context, applicant string, id uint64) (types.Entry, types.Unit, error) {
	e, err := m.ownEntry(ctx, applicant, id)
	if err != nil {
		return e, types.Unit{}, err
	}
	if e.Offered == 0 {
		return e, types.Unit{}, errorsmod.Wrapf(types.ErrNoOffer, "entry %d", id)
	}
	u, err := m.unit(ctx, e.Offered)
	return e, u, err
}

// AcceptOffer leases the unit offered to the entry.
func (m msgServer) AcceptOffer(ctx context.Context, msg *types.MsgAcceptOffer) (*types.MsgAcceptOfferResponse, error) {
	e, u, err := m.offered(ctx, msg.Applicant, msg.EntryId)
	if err != nil {
		return nil, err
	}
	l, err := m.startLease(ctx, u, e)
	if err != nil {
		return nil, err
	}
	return &types.MsgAcceptOfferResponse{LeaseId: l.Id}, nil
}

// DeclineOffer sends the entry to the back of the wait-list (it waits for the next unit
// that becomes vacant) and offers the unit to the next match.
func (m msgServer) DeclineOffer(ctx context.Context, msg *types.MsgDeclineOffer) (*types.MsgDeclineOfferResponse, error) {
	e, u, err := m.offered(ctx, msg.Applicant, msg.EntryId)
	if err != nil {
		return nil, err
	}
	back, err := m.passOn(ctx, e, u)
	if err != nil {
		return nil, err
	}
	return &types.MsgDeclineOfferResponse{NewEntryId: back.Id}, nil
}

// EndLease ends a lease: the tenant, or the agency that keeps the unit.
func (m msgServer) EndLease(ctx context.Context, msg *types.MsgEndLease) (*types.MsgEndLeaseResponse, error) {
	l, err := modulekit.Get(ctx, m.Leases, msg.LeaseId, types.ErrUnknownLease)
	if err != nil {
		return nil, err
	}
	if !l.Active {
		return nil, errorsmod.Wrapf(types.ErrUnknownLease, "%d", msg.LeaseId)
	}
	u, err := m.unit(ctx, l.UnitId)
	if err != nil {
		return nil, err
	}
	if msg.Signer != l.Tenant && msg.Signer != u.Agency {
		return nil, errorsmod.Wrapf(types.ErrNotParty, "lease %d", l.Id)
	}
	return &types.MsgEndLeaseResponse{}, m.endLease(ctx, l)
}
