package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	dividendtypes "github.com/conductor-coop/conductor/x/dividend/types"
	educationtypes "github.com/conductor-coop/conductor/x/education/types"
	housingtypes "github.com/conductor-coop/conductor/x/housing/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
)

// TestEndBlockNeverHalts drives the periodic work of every module into its failure cases at
// once: a co-op that cannot pay its worker, and one dissolved with an employment left
// behind; a loan whose borrower has nothing, and one to the penniless co-op; a lease whose
// tenant has nothing; a student who cannot pay the next term; a treasury emptied after
// revenue was booked for the dividend. Two months of hourly blocks follow: every block is
// finalized and committed, each failure is recorded where its module records it (wage
// claims, loan default, rent arrears, an unpaid ending), and every invariant holds but the
// one the forced drain breaks on purpose (the treasury's reserve for the dividend).
func TestEndBlockNeverHalts(t *testing.T) {
	cfg := region.DefaultConfig()
	cfg.Institutions = append(cfg.Institutions,
		region.Institution{Name: "Old Mill", Kind: membershiptypes.AGENT_KIND_COMPANY, Workers: []string{"carol"}},
		region.Institution{Name: "Housing Agency", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}},
		region.Institution{Name: "Trade School", Kind: membershiptypes.AGENT_KIND_REGIONAL_COMPANY, Workers: []string{"carol"}})
	r := region.New(t, cfg)
	ctx := r.Ctx()
	a := r.App
	z := math.ZeroInt()
	penniless := func(name string) sdk.AccAddress {
		addr := sdk.AccAddress(name + "-0000000000000000")[:20]
		a.AccountKeeper.SetAccount(ctx, a.AccountKeeper.NewAccount(ctx, authtypes.NewBaseAccountWithAddress(addr)))
		return addr
	}
	bakery, mill := r.AgentAddr("Bakery Co-op"), r.AgentAddr("Old Mill")
	require.True(t, a.BankKeeper.GetAllBalances(ctx, bakery).IsZero(), "the co-op has no money")

	// payroll: a worker at the penniless co-op and one at a co-op dissolved under her.
	start := r.Time.Truncate(time.Hour).Add(time.Hour)
	worker, stranded := penniless("worker"), penniless("stranded")
	for i, e := range []struct{ company, worker sdk.AccAddress }{{bakery, worker}, {mill, stranded}} {
		id := uint64(i + 1)
		require.NoError(t, a.PayrollKeeper.Employments.Set(ctx, id, payrolltypes.Employment{
			Id: id, Company: e.company.String(), Worker: e.worker.String(), OccupationId: 1, Wage: math.NewInt(30_000_000),
			StartedAt: r.Time, PaidThrough: r.Time, Carry: math.LegacyZeroDec(), HoursPerWeek: 40,
			Intervals: []payrolltypes.Interval{{Start: start.Add(10 * time.Minute), End: start.Add(40 * time.Minute)}},
		}))
		require.NoError(t, a.PayrollKeeper.EmploymentsByWorker.Set(ctx, collections.Join(e.worker, id)))
		require.NoError(t, a.PayrollKeeper.EmploymentsByCompany.Set(ctx, collections.Join(e.company, id)))
	}
	require.NoError(t, a.PayrollKeeper.EmploymentSeq.Set(ctx, 2))
	require.NoError(t, a.MembershipKeeper.Dissolve(ctx, mill))

	// bankloans: loans to a person with nothing and to the penniless co-op, due in a day.
	bank, borrower := r.AgentAddr("Regional Public Bank"), penniless("borrower")
	due := r.Time.Add(24 * time.Hour)
	principal, rate := math.NewInt(100_000_000), math.LegacyMustNewDecFromStr("0.01")
	for i, who := range []sdk.AccAddress{borrower, bakery} {
		id := uint64(i + 1)
		require.NoError(t, a.BankLoansKeeper.Loans.Set(ctx, id, bankloanstypes.Loan{
			Id: id, Bank: bank.String(), Borrower: who.String(), ProductId: 1, Principal: principal, Installments: 12,
			Status: bankloanstypes.LOAN_STATUS_ACTIVE, PeriodRate: rate, InstallmentPeriod: 7 * 24 * time.Hour,
			PenaltyRate: math.LegacyMustNewDecFromStr("0.05"), DefaultAfter: 2, Installment: bankloanstypes.InstallmentAmount(principal, rate, 12),
			AppliedAt: r.Time, DisbursedAt: &r.Time, NextDue: &due, Remaining: principal,
			ArrearsPrincipal: z, ArrearsInterest: z, PrincipalPaid: z, InterestPaid: z, WrittenOff: z,
		}))
		require.NoError(t, a.BankLoansKeeper.Due.Set(ctx, collections.Join(due, id)))
		require.NoError(t, a.BankLoansKeeper.LoansByBorrower.Set(ctx, collections.Join(who, id)))
		require.NoError(t, a.BankLoansKeeper.LoansByBank.Set(ctx, collections.Join(bank, id)))
	}
	require.NoError(t, a.BankLoansKeeper.LoanSeq.Set(ctx, 2))
	lent := principal.MulRaw(2)
	require.NoError(t, a.BankLoansKeeper.Portfolios.Set(ctx, bank, bankloanstypes.Portfolio{
		Bank: bank.String(), Provided: lent, Capital: z, Outstanding: lent, WrittenOff: z, InterestCollected: z, Lent: lent, ActiveLoans: 2,
	}))

	// housing: a home leased to a tenant with nothing, rent due in a day.
	tenant, agency := penniless("tenant"), r.AgentAddr("Housing Agency")
	require.NoError(t, a.HousingKeeper.Units.Set(ctx, 1, housingtypes.Unit{
		Id: 1, Kind: housingtypes.UNIT_KIND_APARTMENT, Name: "flat", Area: 50, Agency: agency.String(), Status: housingtypes.UNIT_STATUS_LEASED, LeaseId: 1,
		PropertyTax: math.NewInt(600_000), Maintenance: math.NewInt(300_000), Administration: math.NewInt(100_000),
	}))
	require.NoError(t, a.HousingKeeper.Leases.Set(ctx, 1, housingtypes.Lease{
		Id: 1, UnitId: 1, Tenant: tenant.String(), Cost: math.NewInt(1_000_000), Markup: z, Start: r.Time, NextDue: &due,
		ArrearsCost: z, ArrearsMarkup: z, Paid: z, Active: true,
	}))
	require.NoError(t, a.HousingKeeper.Due.Set(ctx, collections.Join(due, uint64(1))))
	require.NoError(t, a.HousingKeeper.LeasesByTenant.Set(ctx, collections.Join(tenant, uint64(1))))
	require.NoError(t, a.HousingKeeper.UnitSeq.Set(ctx, 1))
	require.NoError(t, a.HousingKeeper.LeaseSeq.Set(ctx, 1))

	// education: a student with nothing, the second term due in a day.
	student, school := penniless("student"), r.AgentAddr("Trade School")
	require.NoError(t, a.EducationKeeper.Programs.Set(ctx, 1, educationtypes.Program{
		Id: 1, School: school.String(), Name: "Carpentry", Capacity: 2, YearlyCost: math.NewInt(400_000_000), Term: 30 * 24 * time.Hour, Terms: 4, Enrolled: 1,
	}))
	require.NoError(t, a.EducationKeeper.Enrollments.Set(ctx, 1, educationtypes.Enrollment{
		Id: 1, ProgramId: 1, Student: student.String(), Start: r.Time, TermsPaid: 1, NextDue: due, Paid: math.NewInt(1),
	}))
	require.NoError(t, a.EducationKeeper.EnrollmentsByStudent.Set(ctx, collections.Join(student, uint64(1))))
	require.NoError(t, a.EducationKeeper.Due.Set(ctx, collections.Join(due, uint64(1))))
	require.NoError(t, a.EducationKeeper.Records.Set(ctx, student, educationtypes.Record{Person: student.String(), EnrolledNow: 1}))
	require.NoError(t, a.EducationKeeper.ProgramSeq.Set(ctx, 1))
	require.NoError(t, a.EducationKeeper.EnrollmentSeq.Set(ctx, 1))

	// dividend: revenue booked, then the treasury emptied.
	require.NoError(t, a.DividendKeeper.Book(ctx, dividendtypes.SOURCE_INCOME_TAX, math.NewInt(300_000_000)))
	treasury := a.AccountKeeper.GetModuleAddress(membershiptypes.TreasuryName)
	held := a.BankKeeper.GetAllBalances(ctx, treasury)
	require.NoError(t, region.Pay(ctx, a, router.Dividend, treasury, penniless("elsewhere"), held.AmountOf(app.Denom)))

	height := r.Height
	const blocks = 60 * 24
	for range blocks {
		r.NextBlock(time.Hour) // fails the test if a block cannot be finalized or committed
	}
	require.Equal(t, height+blocks, r.Height)
	ctx = r.Ctx()

	claims := 0
	require.NoError(t, a.PayrollKeeper.Claims.Walk(ctx, nil, func(collections.Pair[sdk.AccAddress, uint64], payrolltypes.Claim) (bool, error) {
		claims++
		return false, nil
	}))
	require.Positive(t, claims, "unpaid wages became claims")
	for id := uint64(1); id <= 2; id++ {
		l, err := a.BankLoansKeeper.Loans.Get(ctx, id)
		require.NoError(t, err)
		require.Equal(t, bankloanstypes.LOAN_STATUS_DEFAULTED, l.Status, "loan %d", id)
	}
	lease, err := a.HousingKeeper.Leases.Get(ctx, 1)
	require.NoError(t, err)
	require.True(t, lease.ArrearsCost.IsPositive(), "the rent is owed")
	has, err := a.EducationKeeper.Enrollments.Has(ctx, 1)
	require.NoError(t, err)
	require.False(t, has, "the unpaid term ended the enrollment")
	for _, route := range a.CrisisKeeper.Routes() {
		msg, broken := route.Invar(ctx)
		if route.FullRoute() == "dividend/reserve-held" {
			require.True(t, broken, "the treasury was emptied by force, below its reserve")
			continue
		}
		require.False(t, broken, msg)
	}
	require.True(t, a.BankKeeper.GetBalance(ctx, treasury, app.Denom).Amount.IsZero())
}
