package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the education module's name and store key.
	ModuleName = "education"
	// StoreKey is the education module's store key.
	StoreKey = ModuleName
)

var (
	ProgramsKey            = collections.NewPrefix(0)
	ProgramSeqKey          = collections.NewPrefix(1)
	EnrollmentsKey         = collections.NewPrefix(2)
	EnrollmentSeqKey       = collections.NewPrefix(3)
	EnrollmentsByStudent   = collections.NewPrefix(4)
	ApplicantsKey          = collections.NewPrefix(5)
	ApplicantSeqKey        = collections.NewPrefix(6)
	ApplicantsByProgramKey = collections.NewPrefix(7)
	WaitingKey             = collections.NewPrefix(8)
	RecordsKey             = collections.NewPrefix(9)
	DueKey                 = collections.NewPrefix(10)
	ApplicantsByPersonKey  = collections.NewPrefix(11)
	RefundsKey             = collections.NewPrefix(12)
	RefundsByStudentKey    = collections.NewPrefix(13)
	RefundDueKey           = collections.NewPrefix(14)
)
