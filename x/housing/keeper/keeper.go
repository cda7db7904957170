package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/housing/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/router"
)

type (
	kindID = collections.Pair[int32, uint64]
	addrID = collections.Pair[sdk.AccAddress, uint64]
)

// Keeper holds the regional properties, the wait-lists and the leases, offers vacant units
// to the wait-lists, and collects the rent.
type Keeper struct {
	addressCodec address.Codec
	membership   types.MembershipKeeper
	params       types.ParamsKeeper
	bank         types.BankKeeper
	account      types.AccountKeeper
	router       *router.Router
	flows        types.FlowRecorder
	treasury     sdk.AccAddress
	wages        types.Wages // set after the payroll keeper exists; nil: no tenant owes wages

	Schema             collections.Schema
	Units              collections.Map[uint64, types.Unit]
	UnitSeq            collections.Sequence
	Vacant             collections.KeySet[kindID]
	Entries            collections.Map[uint64, types.Entry]
	EntrySeq           collections.Sequence
	EntriesByKind      collections.KeySet[kindID]
	EntriesByApplicant collections.KeySet[addrID]
	// Waiting counts the entries of each kind.
	Waiting        collections.Map[int32, uint64]
	Leases         collections.Map[uint64, types.Lease]
	LeaseSeq       collections.Sequence
	LeasesByTenant collections.KeySet[addrID]
	Due            modulekit.DueQueue
	// OffersDue orders the open offers by when they lapse (entry ids).
	OffersDue modulekit.DueQueue
	Books     collections.Map[sdk.AccAddress, types.Books]
	// NoticesDue orders the arrears notices by when they end (lease ids).
	NoticesDue modulekit.DueQueue
	// Debtors indexes the ended leases whose arrears are still owed, by tenant.
	Debtors collections.KeySet[addrID]
	// DebtorCount is the number of Debtors entries: the send restriction reads it alone when
	// no one owes (most sends).
	DebtorCount collections.Item[uint64]
	// Noted are the debtors who received income (a Conductor action) since their debts were
	// last collected: the EndBlocker collects from them first.
	Noted collections.KeySet[sdk.AccAddress]
}

// NewKeeper returns the housing keeper; treasury receives what non-members pay above cost;
// the account keeper tells module accounts, which never sell a home.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec,
	membership types.MembershipKeeper, params types.ParamsKeeper, bank types.BankKeeper, router *router.Router, flows types.FlowRecorder, treasury sdk.AccAddress,
	account types.AccountKeeper,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	kindIDKey := collections.PairKeyCodec(collections.Int32Key, collections.Uint64Key)
	addrIDKey := collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)
	k := Keeper{
		addressCodec: addressCodec, membership: membership, params: params, bank: bank, account: account, router: router, flows: flows, treasury: treasury,
		Units:              collections.NewMap(sb, types.UnitsKey, "units", collections.Uint64Key, codec.CollValue[types.Unit](cdc)),
		UnitSeq:            collections.NewSequence(sb, types.UnitSeqKey, "unit_seq"),
		Vacant:             collections.NewKeySet(sb, types.VacantKey, "vacant", kindIDKey),
		Entries:            collections.NewMap(sb, types.EntriesKey, "entries", collections.Uint64Key, codec.CollValue[types.Entry](cdc)),
		EntrySeq:           collections.NewSequence(sb, types.EntrySeqKey, "entry_seq"),
		EntriesByKind:      collections.NewKeySet(sb, types.EntriesByKindKey, "entries_by_kind", kindIDKey),
		EntriesByApplicant: collections.NewKeySet(sb, types.EntriesByApplicantKey, "entries_by_applicant", addrIDKey),
		Waiting:            collections.NewMap(sb, types.WaitingKey, "waiting", collections.Int32Key, collections.Uint64Value),
		Leases:             collections.NewMap(sb, types.LeasesKey, "leases", collections.Uint64Key, codec.CollValue[types.Lease](cdc)),
		LeaseSeq:           collections.NewSequence(sb, types.LeaseSeqKey, "lease_seq"),
		LeasesByTenant:     collections.NewKeySet(sb, types.LeasesByTenantKey, "leases_by_tenant", addrIDKey),
		Due:                collections.NewKeySet(sb, types.DueKey, "due", collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		OffersDue:          collections.NewKeySet(sb, types.OffersDueKey, "offers_due", collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		Books:              collections.NewMap(sb, types.BooksKey, "books", sdk.AccAddressKey, codec.CollValue[types.Books](cdc)),
		NoticesDue:         collections.NewKeySet(sb, types.NoticesDueKey, "notices_due", collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		Debtors:            collections.NewKeySet(sb, types.DebtorsKey, "debtors", addrIDKey),
		DebtorCount:        collections.NewItem(sb, types.DebtorCountKey, "debtor_count", collections.Uint64Value),
		Noted:              collections.NewKeySet(sb, types.NotedKey, "noted", sdk.AccAddressKey),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

// SetWages sets the payroll keeper, which tells whether a company tenant owes wage claims
// (it pays no rent while it does: its money goes to its workers first).
func (k *Keeper) SetWages(w types.Wages) { k.wages = w }

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

func (k Keeper) unit(ctx context.Context, id uint64) (types.Unit, error) {
	return modulekit.Get(ctx, k.Units, id, types.ErrUnknownUnit)
}

// setUnit stores a unit and keeps the vacant index.
func (k Keeper) setUnit(ctx context.Context, u types.Unit) error {
	key := collections.Join(int32(u.Kind), u.Id)
	var err error
	if u.Status == types.UNIT_STATUS_VACANT {
		err = k.Vacant.Set(ctx, key)
	} else {
		err = k.Vacant.Remove(ctx, key)
	}
	if err != nil {
		return err
	}
	return k.Units.Set(ctx, u.Id, u)
}

// books returns an agency's books, empty ones if it has none.
func (k Keeper) agencyBooks(ctx context.Context, agency sdk.AccAddress) (types.Books, error) {
	b, err := k.Books.Get(ctx, agency)
	if errors.Is(err, collections.ErrNotFound) {
		z := math.ZeroInt()
		return types.Books{Agency: agency.String(), CostCollected: z, MemberMarkup: z, NonMemberMarkup: z, Bought: z}, nil
	}
	return b, err
}
