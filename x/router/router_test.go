package router_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	bankloanstypes "github.com/conductor-coop/conductor/x/bankloans/types"
	dividendtypes "github.com/conductor-coop/conductor/x/dividend/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
	vf "github.com/conductor-coop/conductor/x/valueflows/types"
)

const rsc = 1_000_000

type fixture struct {
	r                         *region.Region
	bakery, treasury, lending sdk.AccAddress
	alice, dave               sdk.AccAddress
}

func setup(t *testing.T) fixture {
	r := region.New(t, region.DefaultConfig())
	f := fixture{
		r: r, bakery: r.AgentAddr("Bakery Co-op"), treasury: authtypes.NewModuleAddress(membershiptypes.TreasuryName),
		lending: authtypes.NewModuleAddress(bankloanstypes.ModuleName), alice: r.Accounts["alice"].Addr, dave: r.Accounts["dave"].Addr,
	}
	r.Fund(r.Ctx(), f.bakery, math.NewInt(100*rsc))
	return f
}

func ursc(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin(app.Denom, n)) }

// TestRoutesTable: every route is declared whole, once.
func TestRoutesTable(t *testing.T) {
	names := map[string]bool{}
	for route := router.Purchase; route <= router.IBCReceipt; route++ {
		spec, ok := router.Routes[route]
		require.True(t, ok, "route %d is declared", route)
		require.NotEmpty(t, spec.Name)
		require.False(t, names[spec.Name], "%q declared twice", spec.Name)
		names[spec.Name] = true
		require.NotEmpty(t, spec.From, spec.Name)
		require.NotEmpty(t, spec.To, spec.Name)
		require.NotEqual(t, vf.ACTION_UNSPECIFIED, spec.Action, spec.Name)
		if spec.Source != dividendtypes.SOURCE_UNSPECIFIED {
			require.Equal(t, []membershiptypes.AgentKind{router.Treasury}, spec.To, "%s books revenue: only the treasury receives on it", spec.Name)
		}
	}
}

// TestPay: the router pays on a route only the kinds of agent its table names, in its
// denoms; every refusal is its own error and moves nothing.
func TestPay(t *testing.T) {
	f := setup(t)
	r := f.r
	voucher := "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"
	cases := []struct {
		name string
		p    router.Payment
		err  *errorsmod.Error
	}{
		{"a co-op pays a wage to a person", router.Payment{Route: router.Wage, From: f.bakery, Legs: router.To(f.alice, math.NewInt(rsc))}, nil},
		{"a co-op pays a person a dividend", router.Payment{Route: router.Dividend, From: f.bakery, Legs: router.To(f.alice, math.NewInt(rsc))}, router.ErrNotOnRoute},
		{"a co-op pays its income tax to a person", router.Payment{Route: router.Wage, From: f.bakery, Legs: []router.Leg{
			{To: f.alice, Amount: math.NewInt(rsc)}, {Route: router.IncomeTax, To: f.dave, Amount: math.NewInt(1)}}}, router.ErrNotOnRoute},
		{"a person is paid a purchase's price", router.Payment{Route: router.Purchase, From: f.alice, Legs: router.To(f.dave, math.NewInt(rsc))}, router.ErrNotOnRoute},
		{"a purchase paid to the treasury", router.Payment{Route: router.Purchase, From: f.alice, Legs: router.To(f.treasury, math.NewInt(rsc))}, router.ErrNotOnRoute},
		{"a person pays a wage", router.Payment{Route: router.Wage, From: f.alice, Legs: router.To(f.dave, math.NewInt(rsc))}, router.ErrNotOnRoute},
		{"the bank's loan pool pays a wage", router.Payment{Route: router.Wage, From: f.lending, Legs: router.To(f.dave, math.NewInt(rsc))}, router.ErrNotOnRoute},
		{"a co-op pays the profit-at-rest tax to itself", router.Payment{Route: router.ProfitAtRestTax, From: f.bakery, Legs: router.To(f.bakery, math.NewInt(1))}, router.ErrNotOnRoute},
		{"a voucher on the wage route", router.Payment{Route: router.Wage, From: f.bakery, Denom: voucher, Legs: router.To(f.alice, math.NewInt(1))}, router.ErrDenom},
		{"a denom that is no RSC voucher", router.Payment{Route: router.Purchase, From: f.alice, Denom: "uatom", Legs: router.To(f.bakery, math.NewInt(1))}, router.ErrDenom},
		{"no such route", router.Payment{Route: 99, From: f.bakery, Legs: router.To(f.alice, math.NewInt(1))}, router.ErrNoRoute},
		{"a negative leg", router.Payment{Route: router.Wage, From: f.bakery, Legs: router.To(f.alice, math.NewInt(-1))}, router.ErrAmount},
		{"a leg with no amount", router.Payment{Route: router.Wage, From: f.bakery, Legs: []router.Leg{{To: f.alice}}}, router.ErrAmount},
		{"a wage payment with a purchase leg", router.Payment{Route: router.Wage, From: f.bakery, Legs: []router.Leg{
			{To: f.alice, Amount: math.NewInt(rsc)}, {Route: router.Purchase, To: f.r.AgentAddr("Regional Public Bank"), Amount: math.NewInt(1)}}}, router.ErrLegRoute},
		{"a subsidy to a co-op", router.Payment{Route: router.Subsidy, From: f.treasury, Legs: router.To(f.bakery, math.NewInt(1))}, router.ErrNotOnRoute},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := r.Ctx()
			balances := func() []math.Int {
				return []math.Int{r.Balance(f.bakery), r.Balance(f.alice), r.Balance(f.dave), r.Balance(f.treasury)}
			}
			before := balances()
			flows, _ := r.RSCFlows(tc.p.From.String(), "", "")
			err := r.App.Router.Pay(ctx, tc.p)
			after, _ := r.RSCFlows(tc.p.From.String(), "", "")
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				require.Equal(t, before, balances(), "nothing moved")
				require.Equal(t, flows, after, "nothing recorded")
				return
			}
			require.NoError(t, err)
			require.Equal(t, before[0].SubRaw(rsc), r.Balance(f.bakery))
			require.Equal(t, before[1].AddRaw(rsc), r.Balance(f.alice))
			require.Equal(t, flows.AddRaw(rsc), after, "the payment is a value flow")
		})
	}
}

// TestPayBooksAndRecords: a payment's legs to the treasury are booked as its revenue by
// their route's source; a payment of nothing moves and records nothing; a payment whose
// record step records no flow is refused.
func TestPayBooksAndRecords(t *testing.T) {
	f := setup(t)
	r := f.r
	revenue := func() dividendtypes.Revenue {
		p, err := r.App.DividendKeeper.Periods.Get(r.Ctx(), 1)
		require.NoError(t, err)
		return p.Revenue
	}
	before := revenue()
	require.NoError(t, r.App.Router.Pay(r.Ctx(), router.Payment{Route: router.Wage, From: f.bakery, Legs: []router.Leg{
		{To: f.alice, Amount: math.NewInt(3 * rsc)}, {Route: router.IncomeTax, To: f.treasury, Amount: math.NewInt(rsc)},
	}}))
	require.Equal(t, before.IncomeTax.AddRaw(rsc), revenue().IncomeTax, "the income tax booked")
	tax, n := r.RSCFlows(f.bakery.String(), f.treasury.String(), "")
	require.Equal(t, []any{math.NewInt(rsc), 1}, []any{tax, n})

	held := r.Balance(f.bakery)
	_, flows := r.RSCFlows(f.bakery.String(), "", "")
	require.NoError(t, r.App.Router.Pay(r.Ctx(), router.Payment{Route: router.Wage, From: f.bakery, Legs: router.To(f.alice, math.ZeroInt())}))
	_, after := r.RSCFlows(f.bakery.String(), "", "")
	require.Equal(t, []any{held, flows}, []any{r.Balance(f.bakery), after}, "a payment of nothing does nothing")

	ctx, _ := r.Ctx().CacheContext()
	err := r.App.Router.Pay(ctx, router.Payment{Route: router.Wage, From: f.bakery, Legs: router.To(f.alice, math.NewInt(1)),
		Record: func(context.Context) error { return nil }})
	require.ErrorIs(t, err, router.ErrUnrecorded)
	moved, recorded := r.App.Router.Counts(ctx)
	require.Equal(t, moved, recorded+1, "a payment made and not recorded")
	msg, broken := r.App.Router.EveryPaymentRecorded(ctx)
	require.True(t, broken, "the invariant sees it: %s", msg)

	ctx, _ = r.Ctx().CacheContext()
	err = r.App.Router.Pay(ctx, router.Payment{Route: router.Wage, From: f.bakery, Legs: router.To(f.alice, math.NewInt(1)),
		Record: func(context.Context) error { // the closure's own context: not the record step's
			_, err := r.App.ValueFlowsKeeper.Record(r.Ctx(), vf.RSCTransfer(f.bakery.String(), f.alice.String(), math.NewInt(1), "", 0))
			return err
		}})
	require.ErrorIs(t, err, router.ErrUnrecorded, "a flow recorded outside the record step is not the payment's")
	_, broken = r.App.Router.EveryPaymentRecorded(r.Ctx())
	require.False(t, broken)
}

// TestBankCannotMoveACompanysMoney: the bank keeper called directly, with any context a
// keeper or a test can make, moves no company's money: only the router's payments can.
func TestBankCannotMoveACompanysMoney(t *testing.T) {
	f := setup(t)
	r := f.r
	type flag struct{}
	// each is made on a branch of the block's state, thrown away: InputOutputCoins takes the
	// input before it asks the send restriction about each output, so a refused one leaves
	// the branch it ran on to be discarded (as a failed transaction's is)
	contexts := map[string]func(sdk.Context) context.Context{
		"a block's context":        func(c sdk.Context) context.Context { return c },
		"a context marked by hand": func(c sdk.Context) context.Context { return c.WithValue(flag{}, true) },
		"a Go context around it":   func(c sdk.Context) context.Context { return context.WithValue(c, flag{}, true) },
		"the string key of old":    func(c sdk.Context) context.Context { return c.WithValue("conductor-action", true) },
	}
	k := r.App.BankKeeper
	sends := map[string]func(context.Context) error{
		"SendCoins to a person": func(ctx context.Context) error { return k.SendCoins(ctx, f.bakery, f.alice, ursc(1)) },
		"InputOutputCoins to a person": func(ctx context.Context) error {
			return k.InputOutputCoins(ctx, banktypes.Input{Address: f.bakery.String(), Coins: ursc(1)}, []banktypes.Output{{Address: f.alice.String(), Coins: ursc(1)}})
		},
		"SendCoinsFromAccountToModule (the bank's pool)": func(ctx context.Context) error {
			return k.SendCoinsFromAccountToModule(ctx, f.bakery, bankloanstypes.ModuleName, ursc(1))
		},
		"SendCoins to the treasury": func(ctx context.Context) error { return k.SendCoins(ctx, f.bakery, f.treasury, ursc(1)) },
	}
	for cname, wrap := range contexts {
		for sname, send := range sends {
			t.Run(cname+": "+sname, func(t *testing.T) {
				branch, _ := r.Ctx().CacheContext()
				require.ErrorIs(t, send(wrap(branch)), membershiptypes.ErrDirectTransfer)
			})
		}
	}
}

// TestPaymentSendsOnlyItsLegs: code that runs inside a payment's send (a send restriction,
// with the payment's context in hand) cannot make another send from the payer.
func TestPaymentSendsOnlyItsLegs(t *testing.T) {
	f := setup(t)
	r := f.r
	var inner error
	tried := false
	r.App.BankKeeper.AppendSendRestriction(func(ctx context.Context, from, to sdk.AccAddress, _ sdk.Coins) (sdk.AccAddress, error) {
		if _, routed := router.RouteOf(ctx); routed && !tried {
			tried = true
			inner = r.App.BankKeeper.SendCoins(ctx, f.bakery, f.dave, ursc(1))
		}
		return to, nil
	})
	dave := r.Balance(f.dave)
	require.NoError(t, r.App.Router.Pay(r.Ctx(), router.Payment{Route: router.Wage, From: f.bakery, Legs: router.To(f.alice, math.NewInt(rsc))}))
	require.True(t, tried)
	require.ErrorIs(t, inner, membershiptypes.ErrDirectTransfer)
	require.Equal(t, dave, r.Balance(f.dave))
}

// TestWithin: a module's own sends in a scope go through if their parties may pay on its
// route, and are recorded; any other is refused.
func TestWithin(t *testing.T) {
	f := setup(t)
	r := f.r
	minter := authtypes.NewModuleAddress(region.Minter)
	ctx := r.Ctx()
	require.NoError(t, r.App.BankKeeper.MintCoins(ctx, region.Minter, ursc(5)))
	treasury := r.Balance(f.treasury)
	require.NoError(t, r.App.Router.Within(ctx, router.IBCReceipt, "test/receipt", "", func(ctx sdk.Context) error {
		return r.App.BankKeeper.SendCoins(ctx, minter, f.treasury, ursc(5))
	}))
	require.Equal(t, treasury.AddRaw(5), r.Balance(f.treasury))
	in, n := r.RSCFlows(minter.String(), f.treasury.String(), "test/receipt")
	require.Equal(t, []any{math.NewInt(5), 1}, []any{in, n}, "the receipt is a value flow")

	for name, send := range map[string]func(sdk.Context) error{
		"a co-op's money":        func(ctx sdk.Context) error { return r.App.BankKeeper.SendCoins(ctx, f.bakery, f.treasury, ursc(1)) },
		"to a co-op":             func(ctx sdk.Context) error { return r.App.BankKeeper.SendCoins(ctx, minter, f.bakery, ursc(1)) },
		"a person's to a person": func(ctx sdk.Context) error { return r.App.BankKeeper.SendCoins(ctx, f.alice, f.dave, ursc(1)) },
	} {
		t.Run(name, func(t *testing.T) {
			ctx, _ := r.Ctx().CacheContext()
			require.NoError(t, r.App.BankKeeper.MintCoins(ctx, region.Minter, ursc(1)))
			require.ErrorIs(t, r.App.Router.Within(ctx, router.IBCReceipt, "", "", send), router.ErrNotOnRoute)
		})
	}
	require.ErrorIs(t, r.App.Router.Within(r.Ctx(), 99, "", "", func(sdk.Context) error { return nil }), router.ErrNoRoute)
	require.ErrorIs(t, r.App.Router.Within(r.Ctx(), router.Wage, "", "", func(sdk.Context) error { return nil }), router.ErrNotScope,
		"only an ICS-20 route runs a module's own sends: a wage scope would pass WorkersFirst unchecked")
}
