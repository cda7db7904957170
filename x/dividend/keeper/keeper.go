package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/router"
)

// Keeper keeps the treasury's books by source and period, the members' dividend, and the
// profit-at-rest tax. The treasury is the membership module's treasury account.
type Keeper struct {
	addressCodec address.Codec
	membership   types.MembershipKeeper
	params       types.ParamsKeeper
	bank         types.BankKeeper
	router       *router.Router
	companies    types.CompanyBooks // set after the market keeper exists (it books to this one)
	treasury     sdk.AccAddress
	loans        types.LoanBook // set after the bank loans keeper exists (it books to this one)
	wages        types.Wages    // set after the payroll keeper exists (it books to this one)

	Schema      collections.Schema
	Periods     collections.Map[uint64, types.Period]
	Current     collections.Item[uint64]
	Members     collections.Map[sdk.AccAddress, types.Member]
	MemberCount collections.Item[uint64]
	Holdings    collections.Map[sdk.AccAddress, types.Holding]
	RestSweep   collections.Item[types.RestSweep]
	Totals      collections.Item[types.Totals]
}

// NewKeeper returns the dividend keeper.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec,
	membership types.MembershipKeeper, params types.ParamsKeeper, bank types.BankKeeper, router *router.Router, treasury sdk.AccAddress,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		addressCodec: addressCodec, membership: membership, params: params, bank: bank, router: router, treasury: treasury,
		Periods:     collections.NewMap(sb, types.PeriodsKey, "periods", collections.Uint64Key, codec.CollValue[types.Period](cdc)),
		Current:     collections.NewItem(sb, types.CurrentKey, "current", collections.Uint64Value),
		Members:     collections.NewMap(sb, types.MembersKey, "members", sdk.AccAddressKey, codec.CollValue[types.Member](cdc)),
		MemberCount: collections.NewItem(sb, types.MemberCountKey, "member_count", collections.Uint64Value),
		Holdings:    collections.NewMap(sb, types.HoldingsKey, "holdings", sdk.AccAddressKey, codec.CollValue[types.Holding](cdc)),
		RestSweep:   collections.NewItem(sb, types.RestSweepKey, "rest_sweep", codec.CollValue[types.RestSweep](cdc)),
		Totals:      collections.NewItem(sb, types.TotalsKey, "totals", codec.CollValue[types.Totals](cdc)),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

// open returns the open period.
func (k Keeper) open(ctx context.Context) (types.Period, error) {
	n, err := k.Current.Get(ctx)
	if err != nil {
		return types.Period{}, err
	}
	return k.Periods.Get(ctx, n)
}

// cumulative is the dividend per member summed through period n (0 for n = 0).
func (k Keeper) cumulative(ctx context.Context, n uint64) (math.Int, error) {
	if n == 0 {
		return math.ZeroInt(), nil
	}
	p, err := k.Periods.Get(ctx, n)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), types.ErrUnknownPeriod.Wrapf("%d", n)
	}
	return p.Cumulative, err
}

func zero() math.Int { return math.ZeroInt() }

// newPeriod is an open period n starting at start, under the dividend share in force.
func newPeriod(n uint64, start time.Time, share math.LegacyDec) types.Period {
	z := zero()
	return types.Period{
		Number: n, Start: start,
		Revenue: types.Revenue{IncomeTax: z, InternalSalesTax: z, ExternalSalesTax: z, ProfitAtRestTax: z, BankInterest: z, NonMemberServices: z, Fees: z},
		Total:   z, DividendShare: share, CarriedIn: z, Pool: z, PerMember: z, CarriedOut: z, Retained: z, Cumulative: z, Declared: z,
		Spending: types.Spending{Subsidies: z},
	}
}

// SetLoans gives the keeper the bank loans it reads the profit-at-rest tax base from; the app
// calls it once the bank loans keeper (which books interest here) is built.
func (k *Keeper) SetLoans(loans types.LoanBook) { k.loans = loans }

// SetWages gives the keeper the wage claims (x/payroll, built after it): a company that owes
// wages pays no profit-at-rest tax, its funds go to its workers first.
func (k *Keeper) SetWages(wages types.Wages) { k.wages = wages }
