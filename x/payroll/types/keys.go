package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the payroll module's name and store key.
	ModuleName = "payroll"
	// StoreKey is the payroll module's store key.
	StoreKey = ModuleName
)

var (
	OccupationsKey          = collections.NewPrefix(0)
	OccupationSeqKey        = collections.NewPrefix(1)
	JobsKey                 = collections.NewPrefix(2)
	JobSeqKey               = collections.NewPrefix(3)
	JobsByCompanyKey        = collections.NewPrefix(4)
	JobsByOccupationKey     = collections.NewPrefix(5)
	ApplicationsKey         = collections.NewPrefix(6)
	EmploymentsKey          = collections.NewPrefix(7)
	EmploymentSeqKey        = collections.NewPrefix(8)
	EmploymentsByWorkerKey  = collections.NewPrefix(9)
	EmploymentsByCompanyKey = collections.NewPrefix(10)
	RatingsKey              = collections.NewPrefix(11)
	TimesheetsKey           = collections.NewPrefix(12)
	TimesheetSeqKey         = collections.NewPrefix(13)
	PayslipsKey             = collections.NewPrefix(14)
	PayslipSeqKey           = collections.NewPrefix(15)
	ClaimsKey               = collections.NewPrefix(16)
	ClaimSeqKey             = collections.NewPrefix(17)
	SweepKey                = collections.NewPrefix(18)
	TotalsKey               = collections.NewPrefix(19)
	IndebtedKey             = collections.NewPrefix(20)
	TimesheetsByWorkerKey   = collections.NewPrefix(21)
	ClaimPaymentsKey        = collections.NewPrefix(22)
	ClaimPaymentSeqKey      = collections.NewPrefix(23)
	ArrivedKey              = collections.NewPrefix(24)
	IndebtedCountKey        = collections.NewPrefix(25)
	StatementsKey           = collections.NewPrefix(26)
	PayslipQueueKey         = collections.NewPrefix(27)
)
