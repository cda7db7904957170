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

	"github.com/conductor-coop/conductor/x/bankloans/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

type addrID = collections.Pair[sdk.AccAddress, uint64]

// Keeper holds the banks' products, portfolios and loans, collects installments when they
// fall due, and winds up bankrupt companies. The banks' lending capital is held by the
// module account, attributed to each bank in its portfolio.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	membership   types.MembershipKeeper
	params       types.ParamsKeeper
	bank         types.BankKeeper
	payroll      types.PayrollKeeper
	market       types.MarketKeeper
	housing      types.HousingKeeper
	books        types.Treasury
	flows        types.FlowRecorder
	router       *router.Router
	treasury     string // module account name of the treasury

	Schema          collections.Schema
	Products        collections.Map[uint64, types.Product]
	ProductSeq      collections.Sequence
	Loans           collections.Map[uint64, types.Loan]
	LoanSeq         collections.Sequence
	LoansByBorrower collections.KeySet[addrID]
	LoansByBank     collections.KeySet[addrID]
	// Due queues open loans by their next due time: each block collects the ones due, at
	// most the region's max_payouts_per_block.
	Due        modulekit.DueQueue
	Payments   collections.Map[collections.Pair[uint64, uint64], types.Payment]
	Portfolios collections.Map[sdk.AccAddress, types.Portfolio]
	// Statements hold each loan's payments folded after the retention window.
	Statements collections.Map[uint64, types.Statement]
	// PaymentQueue holds the payments to fold, oldest first: (time, loan, seq).
	PaymentQueue collections.KeySet[paymentKey]
}

type paymentKey = collections.Triple[time.Time, uint64, uint64]

// NewKeeper returns the bankloans keeper; treasury is the treasury's module account name
// (books records the interest it receives).
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec,
	membership types.MembershipKeeper, params types.ParamsKeeper, bank types.BankKeeper,
	payroll types.PayrollKeeper, market types.MarketKeeper, housing types.HousingKeeper, books types.Treasury, flows types.FlowRecorder, router *router.Router, treasury string,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	addrIDKey := collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)
	k := Keeper{
		cdc: cdc, addressCodec: addressCodec, membership: membership, params: params, bank: bank,
		payroll: payroll, market: market, housing: housing, books: books, flows: flows, router: router, treasury: treasury,
		Products:        collections.NewMap(sb, types.ProductsKey, "products", collections.Uint64Key, codec.CollValue[types.Product](cdc)),
		ProductSeq:      collections.NewSequence(sb, types.ProductSeqKey, "product_seq"),
		Loans:           collections.NewMap(sb, types.LoansKey, "loans", collections.Uint64Key, codec.CollValue[types.Loan](cdc)),
		LoanSeq:         collections.NewSequence(sb, types.LoanSeqKey, "loan_seq"),
		LoansByBorrower: collections.NewKeySet(sb, types.LoansByBorrowerKey, "loans_by_borrower", addrIDKey),
		LoansByBank:     collections.NewKeySet(sb, types.LoansByBankKey, "loans_by_bank", addrIDKey),
		Due:             collections.NewKeySet(sb, types.DueKey, "due", collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		Payments:        collections.NewMap(sb, types.PaymentsKey, "payments", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.Payment](cdc)),
		Portfolios:      collections.NewMap(sb, types.PortfoliosKey, "portfolios", sdk.AccAddressKey, codec.CollValue[types.Portfolio](cdc)),
		Statements:      collections.NewMap(sb, types.StatementsKey, "statements", collections.Uint64Key, codec.CollValue[types.Statement](cdc)),
		PaymentQueue:    collections.NewKeySet(sb, types.PaymentQueueKey, "payment_queue", collections.TripleKeyCodec(sdk.TimeKey, collections.Uint64Key, collections.Uint64Key)),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

// Loan returns a loan or ErrUnknownLoan.
func (k Keeper) Loan(ctx context.Context, id uint64) (types.Loan, error) {
	return modulekit.Get(ctx, k.Loans, id, types.ErrUnknownLoan)
}

// product returns a product or ErrUnknownProduct.
func (k Keeper) product(ctx context.Context, id uint64) (types.Product, error) {
	return modulekit.Get(ctx, k.Products, id, types.ErrUnknownProduct)
}

// requireBank returns ErrNotBank unless addr is a bank (a store error as it is).
func (k Keeper) requireBank(ctx context.Context, addr sdk.AccAddress) error {
	agent, err := k.membership.GetAgent(ctx, addr)
	if err != nil && !errorsmod.IsOf(err, membershiptypes.ErrUnknownAgent) {
		return err
	}
	if err != nil || agent.Kind != membershiptypes.AGENT_KIND_BANK {
		return errorsmod.Wrapf(types.ErrNotBank, "%s is not a bank", addr)
	}
	return nil
}

// portfolio returns a bank's portfolio, an empty one if it has none.
func (k Keeper) portfolio(ctx context.Context, bank sdk.AccAddress) (types.Portfolio, error) {
	p, err := k.Portfolios.Get(ctx, bank)
	if errors.Is(err, collections.ErrNotFound) {
		z := math.ZeroInt()
		return types.Portfolio{Bank: bank.String(), Provided: z, Capital: z, Outstanding: z, WrittenOff: z, InterestCollected: z, Lent: z, Arrears: z}, nil
	}
	if p.Arrears.IsNil() { // a portfolio written before it had arrears
		p.Arrears = math.ZeroInt()
	}
	return p, err
}

// updatePortfolio applies f to a bank's portfolio and stores it.
func (k Keeper) updatePortfolio(ctx context.Context, bank string, f func(*types.Portfolio)) error {
	addr, err := k.address(bank, "bank")
	if err != nil {
		return err
	}
	p, err := k.portfolio(ctx, addr)
	if err != nil {
		return err
	}
	f(&p)
	return k.Portfolios.Set(ctx, addr, p)
}

// setLoan stores a loan, its place in the due queue (old is the loan as it was stored, to
// move it in the queue), and any change of its arrears in its bank's portfolio.
func (k Keeper) setLoan(ctx context.Context, old *types.Loan, l types.Loan) error {
	if old != nil {
		if delta := l.Arrears().Sub(old.Arrears()); !delta.IsZero() {
			if err := k.updatePortfolio(ctx, l.Bank, func(p *types.Portfolio) { p.Arrears = p.Arrears.Add(delta) }); err != nil {
				return err
			}
		}
	}
	if old != nil && old.NextDue != nil && (l.NextDue == nil || !old.NextDue.Equal(*l.NextDue) || !l.Status.Open() || l.Status == types.LOAN_STATUS_DEFAULTED) {
		if err := k.Due.Remove(ctx, collections.Join(*old.NextDue, l.Id)); err != nil {
			return err
		}
	}
	if l.NextDue != nil && (l.Status == types.LOAN_STATUS_ACTIVE || l.Status == types.LOAN_STATUS_DELINQUENT) {
		if err := k.Due.Set(ctx, collections.Join(*l.NextDue, l.Id)); err != nil {
			return err
		}
	}
	return k.Loans.Set(ctx, l.Id, l)
}

// record appends a payment to a loan's history, and queues it to be folded.
func (k Keeper) record(ctx context.Context, l *types.Loan, p types.Payment) error {
	l.HistoryLen++
	p.LoanId, p.Seq, p.Time = l.Id, l.HistoryLen, sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.Payments.Set(ctx, collections.Join(l.Id, p.Seq), p); err != nil {
		return err
	}
	return k.PaymentQueue.Set(ctx, collections.Join3(p.Time, p.LoanId, p.Seq))
}
