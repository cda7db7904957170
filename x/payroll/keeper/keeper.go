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

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
)

type (
	addrID = collections.Pair[sdk.AccAddress, uint64]
	idAddr = collections.Pair[uint64, sdk.AccAddress]
	// statementKey is (worker, month, employment).
	statementKey = collections.Triple[sdk.AccAddress, uint32, uint64]
)

// Keeper holds occupations, jobs, employments with their unpaid work, payslips and claims,
// and runs the pay: every pay period each worker is paid for the hours worked in it.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	membership   types.MembershipKeeper
	params       types.ParamsKeeper
	bank         types.BankKeeper
	costs        types.CostBooker
	router       *router.Router
	flows        types.FlowRecorder
	treasury     sdk.AccAddress

	Schema               collections.Schema
	Occupations          collections.Map[uint64, types.Occupation]
	OccupationSeq        collections.Sequence
	Jobs                 collections.Map[uint64, types.Job]
	JobSeq               collections.Sequence
	JobsByCompany        collections.KeySet[addrID]
	JobsByOccupation     collections.KeySet[collections.Pair[uint64, uint64]]
	Applications         collections.Map[idAddr, string]
	Employments          collections.Map[uint64, types.Employment]
	EmploymentSeq        collections.Sequence
	EmploymentsByWorker  collections.KeySet[addrID]
	EmploymentsByCompany collections.KeySet[addrID]
	Ratings              collections.Map[idAddr, math.LegacyDec]
	Timesheets           collections.Map[uint64, types.Timesheet]
	TimesheetsByWorker   collections.KeySet[addrID]
	TimesheetSeq         collections.Sequence
	Payslips             collections.Map[addrID, types.Payslip]
	PayslipSeq           collections.Sequence
	Claims               collections.Map[addrID, types.Claim]
	ClaimSeq             collections.Sequence
	ClaimPayments        collections.Map[addrID, types.ClaimPayment]
	ClaimPaymentSeq      collections.Sequence
	// Indebted are the companies with outstanding claims: an index, so that settling the
	// wages of a company that owes nothing does not look for claims.
	Indebted collections.KeySet[sdk.AccAddress]
	// IndebtedCount is the number of Indebted companies: WorkersFirst reads it alone when
	// no company owes wages (most sends).
	IndebtedCount collections.Item[uint64]
	// Arrived is the money (ursc) that reached an indebted company and has not yet gone to
	// its claims: the claims pass of the next EndBlocker pays it out (WorkersFirst notes it).
	Arrived collections.Map[sdk.AccAddress, math.Int]
	Sweep   collections.Item[types.Sweep]
	Totals  collections.Item[types.Totals]
	// Statements are the payslips folded out of the state, per worker, month and employment.
	Statements collections.Map[statementKey, types.Statement]
	// PayslipQueue holds the payslips to fold, in the order they were written: (id, worker).
	PayslipQueue collections.KeySet[idAddr]
}

// NewKeeper returns the payroll keeper; treasury receives the income tax (books records it);
// costs books the wages as the companies' costs.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec,
	membership types.MembershipKeeper, params types.ParamsKeeper, bank types.BankKeeper, costs types.CostBooker,
	router *router.Router, flows types.FlowRecorder, treasury sdk.AccAddress,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	addrIDKey := collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)
	idAddrKey := collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey)
	k := Keeper{
		cdc: cdc, addressCodec: addressCodec, membership: membership, params: params, bank: bank, costs: costs, router: router, flows: flows, treasury: treasury,
		Occupations:          collections.NewMap(sb, types.OccupationsKey, "occupations", collections.Uint64Key, codec.CollValue[types.Occupation](cdc)),
		OccupationSeq:        collections.NewSequence(sb, types.OccupationSeqKey, "occupation_seq"),
		Jobs:                 collections.NewMap(sb, types.JobsKey, "jobs", collections.Uint64Key, codec.CollValue[types.Job](cdc)),
		JobSeq:               collections.NewSequence(sb, types.JobSeqKey, "job_seq"),
		JobsByCompany:        collections.NewKeySet(sb, types.JobsByCompanyKey, "jobs_by_company", addrIDKey),
		JobsByOccupation:     collections.NewKeySet(sb, types.JobsByOccupationKey, "jobs_by_occupation", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		Applications:         collections.NewMap(sb, types.ApplicationsKey, "applications", idAddrKey, collections.StringValue),
		Employments:          collections.NewMap(sb, types.EmploymentsKey, "employments", collections.Uint64Key, codec.CollValue[types.Employment](cdc)),
		EmploymentSeq:        collections.NewSequence(sb, types.EmploymentSeqKey, "employment_seq"),
		EmploymentsByWorker:  collections.NewKeySet(sb, types.EmploymentsByWorkerKey, "employments_by_worker", addrIDKey),
		EmploymentsByCompany: collections.NewKeySet(sb, types.EmploymentsByCompanyKey, "employments_by_company", addrIDKey),
		Ratings:              collections.NewMap(sb, types.RatingsKey, "ratings", idAddrKey, sdk.LegacyDecValue),
		Timesheets:           collections.NewMap(sb, types.TimesheetsKey, "timesheets", collections.Uint64Key, codec.CollValue[types.Timesheet](cdc)),
		TimesheetSeq:         collections.NewSequence(sb, types.TimesheetSeqKey, "timesheet_seq"),
		TimesheetsByWorker:   collections.NewKeySet(sb, types.TimesheetsByWorkerKey, "timesheets_by_worker", addrIDKey),
		Payslips:             collections.NewMap(sb, types.PayslipsKey, "payslips", addrIDKey, codec.CollValue[types.Payslip](cdc)),
		PayslipSeq:           collections.NewSequence(sb, types.PayslipSeqKey, "payslip_seq"),
		Claims:               collections.NewMap(sb, types.ClaimsKey, "claims", addrIDKey, codec.CollValue[types.Claim](cdc)),
		ClaimSeq:             collections.NewSequence(sb, types.ClaimSeqKey, "claim_seq"),
		ClaimPayments:        collections.NewMap(sb, types.ClaimPaymentsKey, "claim_payments", addrIDKey, codec.CollValue[types.ClaimPayment](cdc)),
		ClaimPaymentSeq:      collections.NewSequence(sb, types.ClaimPaymentSeqKey, "claim_payment_seq"),
		Indebted:             collections.NewKeySet(sb, types.IndebtedKey, "indebted", sdk.AccAddressKey),
		IndebtedCount:        collections.NewItem(sb, types.IndebtedCountKey, "indebted_count", collections.Uint64Value),
		Arrived:              collections.NewMap(sb, types.ArrivedKey, "arrived", sdk.AccAddressKey, sdk.IntValue),
		Sweep:                collections.NewItem(sb, types.SweepKey, "sweep", codec.CollValue[types.Sweep](cdc)),
		Totals:               collections.NewItem(sb, types.TotalsKey, "totals", codec.CollValue[types.Totals](cdc)),
		Statements: collections.NewMap(sb, types.StatementsKey, "statements",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.Uint32Key, collections.Uint64Key), codec.CollValue[types.Statement](cdc)),
		PayslipQueue: collections.NewKeySet(sb, types.PayslipQueueKey, "payslip_queue", idAddrKey),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

func (k Keeper) occupation(ctx context.Context, id uint64) (types.Occupation, error) {
	return modulekit.Get(ctx, k.Occupations, id, types.ErrUnknownOccupation)
}

func (k Keeper) job(ctx context.Context, id uint64) (types.Job, error) {
	return modulekit.Get(ctx, k.Jobs, id, types.ErrUnknownJob)
}

// Employment returns an employment or ErrUnknownEmployment.
func (k Keeper) Employment(ctx context.Context, id uint64) (types.Employment, error) {
	return modulekit.Get(ctx, k.Employments, id, types.ErrUnknownEmployment)
}

func (k Keeper) setEmployment(ctx context.Context, e types.Employment) error {
	return k.Employments.Set(ctx, e.Id, e)
}

// setTimesheet stores a timesheet and its index by worker.
func (k Keeper) setTimesheet(ctx context.Context, ts types.Timesheet) error {
	worker, err := k.address(ts.Worker, "worker")
	if err != nil {
		return err
	}
	if err := k.Timesheets.Set(ctx, ts.Id, ts); err != nil {
		return err
	}
	return k.TimesheetsByWorker.Set(ctx, collections.Join(worker, ts.Id))
}

// removeTimesheet deletes a timesheet and its index entry.
func (k Keeper) removeTimesheet(ctx context.Context, ts types.Timesheet) error {
	worker, err := k.address(ts.Worker, "worker")
	if err != nil {
		return err
	}
	if err := k.Timesheets.Remove(ctx, ts.Id); err != nil {
		return err
	}
	return k.TimesheetsByWorker.Remove(ctx, collections.Join(worker, ts.Id))
}

// setIndebted adds company to, or removes it from, the indebted companies (it must not, or
// must, be one), keeping their count.
func (k Keeper) setIndebted(ctx context.Context, company sdk.AccAddress, owes bool) error {
	n, err := k.IndebtedCount.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if owes {
		return errors.Join(k.Indebted.Set(ctx, company), k.IndebtedCount.Set(ctx, n+1))
	}
	return errors.Join(k.Indebted.Remove(ctx, company), k.IndebtedCount.Set(ctx, n-min(n, 1)))
}
