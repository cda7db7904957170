package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/payroll/types"
)

// TestMigrate1to2: version 1's payslips had no claimed mark and no folding queue. The
// migration marks the payslips owed as claims and those a claim payment paid, and queues the
// paid ones (an owed payslip is folded when its claim is paid).
func TestMigrate1to2(t *testing.T) {
	f := setup(t)
	k := f.r.App.PayrollKeeper
	ctx := f.r.Ctx()
	worker := f.dave.Addr
	slip := func(id, claim uint64) types.Payslip {
		return types.Payslip{Id: id, Worker: f.dave.String(), Company: f.company.String(), EmploymentId: 1, OccupationId: 1,
			PeriodStart: hour(1), PeriodEnd: hour(2), SecondsWorked: 3600, Hours: math.LegacyOneDec(), Wage: math.NewInt(30),
			Gross: math.NewInt(30), Tax: math.NewInt(6), Net: math.NewInt(24), ClaimId: claim}
	}
	for _, s := range []types.Payslip{slip(1, 0), slip(2, 7), slip(3, 0)} { // 2 owed; 3 paid by a claim payment
		require.NoError(t, k.Payslips.Set(ctx, collections.Join(worker, s.Id), s))
	}
	require.NoError(t, k.ClaimPayments.Set(ctx, collections.Join(worker, uint64(1)), types.ClaimPayment{Id: 1, ClaimId: 5, PayslipId: 3, Worker: f.dave.String(), Company: f.company.String(),
		Gross: math.NewInt(30), Tax: math.NewInt(6), Net: math.NewInt(24), Owed: math.ZeroInt()}))

	require.NoError(t, k.Migrate1to2(ctx))
	for id, want := range map[uint64]struct{ claimed, queued bool }{1: {false, true}, 2: {true, false}, 3: {true, true}} {
		s, err := k.Payslips.Get(ctx, collections.Join(worker, id))
		require.NoError(t, err)
		require.Equal(t, want.claimed, s.Claimed, "payslip %d claimed", id)
		queued, err := k.PayslipQueue.Has(ctx, collections.Join(id, sdk.AccAddress(worker)))
		require.NoError(t, err)
		require.Equal(t, want.queued, queued, "payslip %d queued", id)
	}
}
