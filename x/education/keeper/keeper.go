package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/education/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/router"
)

type (
	addrID = collections.Pair[sdk.AccAddress, uint64]
	idID   = collections.Pair[uint64, uint64]
)

// Keeper holds the regional schools' programs, their wait-lists, the enrollments and the
// persons' schooling records, charges tuition each term and has the schools pay the
// withdrawals' refunds.
type Keeper struct {
	addressCodec address.Codec
	membership   types.MembershipKeeper
	params       types.ParamsKeeper
	bank         types.BankKeeper
	router       *router.Router
	books        types.Books

	Schema               collections.Schema
	Programs             collections.Map[uint64, types.Program]
	ProgramSeq           collections.Sequence
	Enrollments          collections.Map[uint64, types.Enrollment]
	EnrollmentSeq        collections.Sequence
	EnrollmentsByStudent collections.KeySet[addrID]
	Applicants           collections.Map[uint64, types.Applicant]
	ApplicantSeq         collections.Sequence
	ApplicantsByProgram  collections.KeySet[idID]
	ApplicantsByPerson   collections.KeySet[addrID]
	Waiting              collections.Map[uint64, uint64]
	Records              collections.Map[sdk.AccAddress, types.Record]
	Due                  modulekit.DueQueue
	Refunds              collections.Map[uint64, types.Refund]
	RefundsByStudent     collections.KeySet[addrID]
	RefundDue            modulekit.DueQueue
}

// NewKeeper returns the education keeper.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec,
	membership types.MembershipKeeper, params types.ParamsKeeper, bank types.BankKeeper, router *router.Router, books types.Books,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	addrIDKey := collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)
	k := Keeper{
		addressCodec: addressCodec, membership: membership, params: params, bank: bank, router: router, books: books,
		Programs:             collections.NewMap(sb, types.ProgramsKey, "programs", collections.Uint64Key, codec.CollValue[types.Program](cdc)),
		ProgramSeq:           collections.NewSequence(sb, types.ProgramSeqKey, "program_seq"),
		Enrollments:          collections.NewMap(sb, types.EnrollmentsKey, "enrollments", collections.Uint64Key, codec.CollValue[types.Enrollment](cdc)),
		EnrollmentSeq:        collections.NewSequence(sb, types.EnrollmentSeqKey, "enrollment_seq"),
		EnrollmentsByStudent: collections.NewKeySet(sb, types.EnrollmentsByStudent, "enrollments_by_student", addrIDKey),
		Applicants:           collections.NewMap(sb, types.ApplicantsKey, "applicants", collections.Uint64Key, codec.CollValue[types.Applicant](cdc)),
		ApplicantSeq:         collections.NewSequence(sb, types.ApplicantSeqKey, "applicant_seq"),
		ApplicantsByProgram:  collections.NewKeySet(sb, types.ApplicantsByProgramKey, "applicants_by_program", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		ApplicantsByPerson:   collections.NewKeySet(sb, types.ApplicantsByPersonKey, "applicants_by_person", addrIDKey),
		Waiting:              collections.NewMap(sb, types.WaitingKey, "waiting", collections.Uint64Key, collections.Uint64Value),
		Records:              collections.NewMap(sb, types.RecordsKey, "records", sdk.AccAddressKey, codec.CollValue[types.Record](cdc)),
		Due:                  collections.NewKeySet(sb, types.DueKey, "due", collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		Refunds:              collections.NewMap(sb, types.RefundsKey, "refunds", collections.Uint64Key, codec.CollValue[types.Refund](cdc)),
		RefundsByStudent:     collections.NewKeySet(sb, types.RefundsByStudentKey, "refunds_by_student", addrIDKey),
		RefundDue:            collections.NewKeySet(sb, types.RefundDueKey, "refund_due", collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

// Program returns a program or ErrUnknownProgram.
func (k Keeper) Program(ctx context.Context, id uint64) (types.Program, error) {
	return modulekit.Get(ctx, k.Programs, id, types.ErrUnknownProgram)
}

// record returns a person's schooling record, an empty one if none.
func (k Keeper) record(ctx context.Context, person sdk.AccAddress) (types.Record, error) {
	r, err := k.Records.Get(ctx, person)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Record{Person: person.String()}, nil
	}
	return r, err
}
