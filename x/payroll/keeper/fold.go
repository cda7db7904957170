package keeper

import (
	"context"
	"errors"
	"slices"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// fold folds the payslips older than the retention window into their employment's
// statement of the month, at most max_folds_per_block a block, oldest first (the queue is
// in the order payslips were written). A payslip owed as a wage claim is not queued (its
// claim refers to it): it is queued, or folded if it is already older than the window, when
// the claim is paid in full.
// Payslip ids follow the pay runs, so the walk stops at the first payslip inside the window.
func (k Keeper) fold(ctx sdk.Context, params gptypes.Params) error {
	cutoff, limit, ok := modulekit.FoldCutoff(ctx, params.Retention.Window, params.Retention.MaxFoldsPerBlock)
	if !ok {
		return nil
	}
	slips := map[uint64]types.Payslip{}
	it, err := k.PayslipQueue.Iterate(ctx, nil)
	keys, err := modulekit.DueKeys(it, err, limit, func(key idAddr) (bool, error) {
		slip, err := k.Payslips.Get(ctx, collections.Join(key.K2(), key.K1()))
		if errors.Is(err, collections.ErrNotFound) {
			return true, nil // folded with its claim already: the key goes
		}
		slips[key.K1()] = slip
		return err == nil && !slip.PeriodEnd.After(cutoff), err
	})
	if err != nil {
		return err
	}
	s := k.newStatements()
	for _, key := range keys {
		if slip, ok := slips[key.K1()]; ok && slip.ClaimId == 0 {
			if err := s.fold(ctx, slip); err != nil {
				return err
			}
		}
		if err := k.PayslipQueue.Remove(ctx, key); err != nil {
			return err
		}
	}
	return s.write(ctx)
}

// foldPaidClaim folds a payslip whose claim was just paid in full, if it is older than the
// retention window (the fold passed it while it was owed); it reports whether it did.
func (k Keeper) foldPaidClaim(ctx context.Context, slip types.Payslip) (bool, error) {
	params, err := k.params.GetParams(ctx)
	if err != nil {
		return false, err
	}
	cutoff, _, ok := modulekit.FoldCutoff(ctx, params.Retention.Window, params.Retention.MaxFoldsPerBlock)
	if !ok || slip.PeriodEnd.After(cutoff) {
		return false, nil
	}
	s := k.newStatements()
	if err := s.fold(ctx, slip); err != nil {
		return false, err
	}
	return true, s.write(ctx)
}

// statements is a fold's batch of payroll statements.
type statements struct {
	k     Keeper
	batch *modulekit.Statements[statementKey, types.Statement]
}

func (k Keeper) newStatements() *statements {
	return &statements{k: k, batch: modulekit.NewStatements(k.Statements)}
}

// fold adds slip to its statement and removes it from the state.
func (s *statements) fold(ctx context.Context, slip types.Payslip) error {
	worker, err := s.k.address(slip.Worker, "worker")
	if err != nil {
		return err
	}
	key := collections.Join3(worker, modulekit.Month(slip.PeriodStart), slip.EmploymentId)
	st, err := s.batch.Get(ctx, key, func() types.Statement { return types.NewStatement(slip) })
	if err != nil {
		return err
	}
	st.Add(slip)
	return s.k.Payslips.Remove(ctx, collections.Join(worker, slip.Id))
}

func (s *statements) write(ctx context.Context) error { return s.batch.Write(ctx) }

// StatementsOf lists a worker's statements, newest month first.
func (k Keeper) StatementsOf(ctx context.Context, worker sdk.AccAddress) ([]types.Statement, error) {
	it, err := k.Statements.Iterate(ctx, collections.NewPrefixedTripleRange[sdk.AccAddress, uint32, uint64](worker))
	if err != nil {
		return nil, err
	}
	list, err := it.Values()
	slices.Reverse(list)
	return list, err
}
