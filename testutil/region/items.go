package region

import (
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/conductor-coop/conductor/app"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	housingtypes "github.com/conductor-coop/conductor/x/housing/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
	"github.com/conductor-coop/conductor/x/router"
	valueflowstypes "github.com/conductor-coop/conductor/x/valueflows/types"
)

// Items at scale: the benchmarks write employments, leases and loans straight into state
// (what the hire, the lease and the loan's disbursal would have left), as no region's
// setup could sign hundreds of thousands of those transactions in a benchmark's time. They
// write on ctx (r.Ctx(): the next block commits it).

// NewAddress gives addr an account (a worker, tenant or borrower of a benchmark, with no
// key: it never signs) and returns it.
func (r *Region) NewAddress(ctx sdk.Context, addr sdk.AccAddress) sdk.AccAddress {
	r.App.AccountKeeper.SetAccount(ctx, r.App.AccountKeeper.NewAccount(ctx, authtypes.NewBaseAccountWithAddress(addr)))
	return addr
}

// addr decodes a stored bech32 address.
func (r *Region) addr(s string) sdk.AccAddress {
	r.t.Helper()
	a, err := sdk.AccAddressFromBech32(s)
	require.NoError(r.t, err)
	return a
}

// Endowment is the harness's own route: the test minter pays any agent, as money arriving
// from outside the region would. It is added to the table here, in the test harness, which
// the node never links (cmd/conductord's TestNodeLinksNoTestHarness).
const Endowment router.Route = 200

func init() {
	kinds := []membershiptypes.AgentKind{router.None, router.Person, router.Company, router.Regional, router.Bank, router.Treasury, router.Pool,
		membershiptypes.AGENT_KIND_ASSEMBLY}
	router.Routes[Endowment] = router.Spec{Name: "test endowment", From: []membershiptypes.AgentKind{router.None}, To: kinds, Action: valueflowstypes.ACTION_TRANSFER}
}

// Fund gives addr amount ursc, made by the test minter. A person, or an address no agent
// holds, receives it as a plain send (as from another person: the RSC rule lets them
// receive directly, and no flow is recorded, so a benchmark's setup does not add one event
// per funded person); any other agent is paid through the router on the harness's
// Endowment route, so the send restrictions see a routed payment (a company's claims are
// collected from it) and a value flow is recorded.
func (r *Region) Fund(ctx sdk.Context, addr sdk.AccAddress, amount math.Int) {
	r.t.Helper()
	coins := sdk.NewCoins(sdk.NewCoin(app.Denom, amount))
	require.NoError(r.t, r.App.BankKeeper.MintCoins(ctx, Minter, coins))
	kind, err := r.App.MembershipKeeper.KindOf(ctx, addr)
	require.NoError(r.t, err)
	if !kind.Restricted() {
		require.NoError(r.t, r.App.BankKeeper.SendCoinsFromModuleToAccount(ctx, Minter, addr, coins))
		return
	}
	require.NoError(r.t, Pay(ctx, r.App, Endowment, authtypes.NewModuleAddress(Minter), addr, amount))
}

// Employ writes employments with their worker and company indexes, and moves the
// employment sequence to the last id.
func (r *Region) Employ(ctx sdk.Context, es []payrolltypes.Employment) {
	r.t.Helper()
	k := r.App.PayrollKeeper
	for _, e := range es {
		worker, company := r.addr(e.Worker), r.addr(e.Company)
		require.NoError(r.t, k.Employments.Set(ctx, e.Id, e))
		require.NoError(r.t, k.EmploymentsByWorker.Set(ctx, collections.Join(worker, e.Id)))
		require.NoError(r.t, k.EmploymentsByCompany.Set(ctx, collections.Join(company, e.Id)))
	}
	if len(es) > 0 {
		require.NoError(r.t, k.EmploymentSeq.Set(ctx, es[len(es)-1].Id))
	}
}

// Lease writes units and their active leases (each due at its NextDue) with the due queue's
// and the tenant index's entries, and moves the unit and lease sequences to the last ids.
func (r *Region) Lease(ctx sdk.Context, units []housingtypes.Unit, leases []housingtypes.Lease) {
	r.t.Helper()
	k := r.App.HousingKeeper
	for _, u := range units {
		require.NoError(r.t, k.Units.Set(ctx, u.Id, u))
	}
	for _, l := range leases {
		require.NoError(r.t, k.Leases.Set(ctx, l.Id, l))
		require.NoError(r.t, k.Due.Set(ctx, collections.Join(*l.NextDue, l.Id)))
		require.NoError(r.t, k.LeasesByTenant.Set(ctx, collections.Join(r.addr(l.Tenant), l.Id)))
	}
	if len(units) > 0 {
		require.NoError(r.t, k.UnitSeq.Set(ctx, units[len(units)-1].Id))
	}
	if len(leases) > 0 {
		require.NoError(r.t, k.LeaseSeq.Set(ctx, leases[len(leases)-1].Id))
	}
}

// Lend writes bank's active loans (each due at its NextDue) with the due queue's and the
// borrower and bank indexes' entries, moves the loan sequence to the last id, and sets the
// bank's portfolio as if the loans' remaining principal had been provided to it and lent.
func (r *Region) Lend(ctx sdk.Context, bank sdk.AccAddress, loans []bankloanstypes.Loan) {
	r.t.Helper()
	k := r.App.BankLoansKeeper
	outstanding := math.ZeroInt()
	for _, l := range loans {
		require.NoError(r.t, k.Loans.Set(ctx, l.Id, l))
		require.NoError(r.t, k.Due.Set(ctx, collections.Join(*l.NextDue, l.Id)))
		require.NoError(r.t, k.LoansByBorrower.Set(ctx, collections.Join(r.addr(l.Borrower), l.Id)))
		require.NoError(r.t, k.LoansByBank.Set(ctx, collections.Join(bank, l.Id)))
		outstanding = outstanding.Add(l.Remaining)
	}
	if len(loans) > 0 {
		require.NoError(r.t, k.LoanSeq.Set(ctx, loans[len(loans)-1].Id))
	}
	z := math.ZeroInt()
	require.NoError(r.t, k.Portfolios.Set(ctx, bank, bankloanstypes.Portfolio{
		Bank: bank.String(), Provided: outstanding, Capital: z, Outstanding: outstanding, WrittenOff: z, InterestCollected: z, Lent: outstanding, ActiveLoans: uint64(len(loans)),
	}))
}

// Pay makes a one-leg payment through a's router, on route (a test's stand-in for the
// Conductor action that would make it: a purchase bringing a company money, a refund, a
// dividend).
func Pay(ctx sdk.Context, a *app.App, route router.Route, from, to sdk.AccAddress, amount math.Int) error {
	return a.Router.Pay(ctx, router.Payment{Route: route, From: from, Legs: router.To(to, amount), Link: "test/pay"})
}
