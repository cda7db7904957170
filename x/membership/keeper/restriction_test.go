package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	"cosmossdk.io/x/feegrant"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	"github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

func rsc(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin(app.Denom, n)) }

// TestRSCRuleMatrix proves the RSC rule on every in-chain path: money moves directly only
// between persons; a company, the bank, the treasury or the assembly is reached only through
// a Conductor action. (The IBC and interchain-account rows are in app/ibc_test.go.)
func TestRSCRuleMatrix(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, dave := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["dave"]
	company := r.AgentAddr("Bakery Co-op")
	companyPolicy := company.String()
	bank := r.AgentAddr("Regional Public Bank")
	treasury := r.AgentAddr("Regional treasury")
	assembly := sdk.MustAccAddressFromBech32(r.Assembly())

	// Give the company funds through the Conductor route (as a purchase would), so that the
	// rows below can try to move them out.
	ctx := r.Ctx()
	for _, to := range []sdk.AccAddress{company, assembly} {
		r.Fund(ctx, to, math.NewInt(1_000_000))
	}

	// The company grants bob an authz send and a fee allowance, by its own vote.
	anyGrant, err := authz.NewGrant(r.Time, banktypes.NewSendAuthorization(rsc(1_000_000), nil), ptr(r.Time.Add(time.Hour)))
	require.NoError(t, err)
	r.Pass(companyPolicy, []region.Account{alice, bob},
		&authz.MsgGrant{Granter: companyPolicy, Grantee: bob.String(), Grant: anyGrant},
	)
	grantAllowance, err := feegrant.NewMsgGrantAllowance(&feegrant.BasicAllowance{}, company, bob.Addr)
	require.NoError(t, err)
	r.Pass(companyPolicy, []region.Account{alice, bob}, grantAllowance)
	// alice grants bob an authz send of her own funds.
	r.MustDeliver(alice, &authz.MsgGrant{Granter: alice.String(), Grantee: bob.String(), Grant: anyGrant})

	cases := []struct {
		name    string
		run     func() (code uint32, log string)
		allowed bool
	}{
		{"MsgSend person to person", deliver(r, alice, banktypes.NewMsgSend(alice.Addr, dave.Addr, rsc(5_000_000))), true},
		{"MsgSend person to company", deliver(r, alice, banktypes.NewMsgSend(alice.Addr, company, rsc(5))), false},
		{"MsgSend person to bank", deliver(r, alice, banktypes.NewMsgSend(alice.Addr, bank, rsc(5))), false},
		{"MsgSend person to treasury", deliver(r, alice, banktypes.NewMsgSend(alice.Addr, treasury, rsc(5))), false},
		{"MsgSend person to assembly", deliver(r, alice, banktypes.NewMsgSend(alice.Addr, assembly, rsc(5))), false},
		{"MsgMultiSend persons", deliver(r, alice, multiSend(alice.Addr, dave.Addr, bob.Addr)), true},
		{"MsgMultiSend with a company among outputs", deliver(r, alice, multiSend(alice.Addr, dave.Addr, company)), false},
		{"authz MsgExec person to person", deliver(r, bob, execMsg(bob.Addr, banktypes.NewMsgSend(alice.Addr, dave.Addr, rsc(1)))), true},
		{"authz MsgExec person to company", deliver(r, bob, execMsg(bob.Addr, banktypes.NewMsgSend(alice.Addr, company, rsc(1)))), false},
		{"authz MsgExec company to person", deliver(r, bob, execMsg(bob.Addr, banktypes.NewMsgSend(company, bob.Addr, rsc(1)))), false},
		{"group proposal: company sends to a worker", proposal(r, companyPolicy, []region.Account{alice, bob}, banktypes.NewMsgSend(company, alice.Addr, rsc(1))), false},
		{"assembly proposal: assembly sends to a member", proposal(r, r.Assembly(), []region.Account{alice, bob}, banktypes.NewMsgSend(assembly, alice.Addr, rsc(1))), false},
		{"fees paid by a person", deliver(r, bob, banktypes.NewMsgSend(bob.Addr, dave.Addr, rsc(1))), true},
		{"fees paid by a company (fee grant)", feeGranted(r, bob, company, banktypes.NewMsgSend(bob.Addr, dave.Addr, rsc(1))), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := r.Balance(company)
			code, log := tc.run()
			if tc.allowed {
				require.Zero(t, code, log)
				return
			}
			require.NotZero(t, code, log)
			require.Contains(t, log, types.ErrDirectTransfer.Error())
			require.True(t, before.Equal(r.Balance(company)), "company balance changed")
		})
	}

	// A payment of the router, on a route of its table, does move a company's money; the bank
	// keeper called directly does not.
	ctx = r.Ctx()
	require.NoError(t, region.Pay(ctx, r.App, router.Wage, company, alice.Addr, math.NewInt(10)))
	require.ErrorIs(t, r.App.BankKeeper.SendCoins(ctx, company, alice.Addr, rsc(10)), types.ErrDirectTransfer)
}

func ptr[T any](v T) *T { return &v }

func deliver(r *region.Region, signer region.Account, msg sdk.Msg) func() (uint32, string) {
	return func() (uint32, string) {
		res := r.Deliver(signer, msg)
		return res.Code, res.Log
	}
}

func proposal(r *region.Region, policy string, voters []region.Account, msg sdk.Msg) func() (uint32, string) {
	return func() (uint32, string) {
		res, logs := r.Decide(policy, voters, msg)
		return uint32(res - group.PROPOSAL_EXECUTOR_RESULT_SUCCESS), logs
	}
}

func feeGranted(r *region.Region, signer region.Account, granter sdk.AccAddress, msg sdk.Msg) func() (uint32, string) {
	return func() (uint32, string) {
		res := r.NextBlock(time.Second, r.TxWithFee(signer, granter, rsc(100), msg)).TxResults[0]
		return res.Code, res.Log
	}
}

func multiSend(from sdk.AccAddress, to ...sdk.AccAddress) *banktypes.MsgMultiSend {
	var outs []banktypes.Output
	for _, a := range to {
		outs = append(outs, banktypes.NewOutput(a, rsc(7)))
	}
	return &banktypes.MsgMultiSend{Inputs: []banktypes.Input{banktypes.NewInput(from, rsc(7*int64(len(to))))}, Outputs: outs}
}

func execMsg(grantee sdk.AccAddress, msg sdk.Msg) *authz.MsgExec {
	m := authz.NewMsgExec(grantee, []sdk.Msg{msg})
	return &m
}
