package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/internal/modulekit"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/payroll/types"
)

// InitGenesis loads the payroll state, rebuilding the indexes.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, o := range gs.Occupations {
		if err := k.Occupations.Set(ctx, o.Id, o); err != nil {
			return err
		}
	}
	for _, j := range gs.Jobs {
		company, err := k.address(j.Company, "company")
		if err != nil {
			return err
		}
		if err := k.Jobs.Set(ctx, j.Id, j); err != nil {
			return err
		}
		if err := k.JobsByCompany.Set(ctx, collections.Join(company, j.Id)); err != nil {
			return err
		}
		if err := k.JobsByOccupation.Set(ctx, collections.Join(j.OccupationId, j.Id)); err != nil {
			return err
		}
	}
	for _, a := range gs.Applications {
		applicant, err := k.address(a.Applicant, "applicant")
		if err != nil {
			return err
		}
		if err := k.Applications.Set(ctx, collections.Join(a.JobId, applicant), a.Note); err != nil {
			return err
		}
	}
	for _, e := range gs.Employments {
		worker, err := k.address(e.Worker, "worker")
		if err != nil {
			return err
		}
		company, err := k.address(e.Company, "company")
		if err != nil {
			return err
		}
		if err := k.setEmployment(ctx, e); err != nil {
			return err
		}
		if err := k.EmploymentsByWorker.Set(ctx, collections.Join(worker, e.Id)); err != nil {
			return err
		}
		if err := k.EmploymentsByCompany.Set(ctx, collections.Join(company, e.Id)); err != nil {
			return err
		}
	}
	for _, r := range gs.Ratings {
		rater, err := k.address(r.Rater, "rater")
		if err != nil {
			return err
		}
		if err := k.Ratings.Set(ctx, collections.Join(r.EmploymentId, rater), r.Value); err != nil {
			return err
		}
	}
	for _, t := range gs.Timesheets {
		if err := k.setTimesheet(ctx, t); err != nil {
			return err
		}
	}
	for _, p := range gs.Payslips {
		worker, err := k.address(p.Worker, "worker")
		if err != nil {
			return err
		}
		if err := k.Payslips.Set(ctx, collections.Join(worker, p.Id), p); err != nil {
			return err
		}
		if p.ClaimId == 0 { // an owed payslip is folded when its claim is paid
			if err := k.PayslipQueue.Set(ctx, collections.Join(p.Id, worker)); err != nil {
				return err
			}
		}
	}
	for _, st := range gs.Statements {
		worker, err := k.address(st.Worker, "worker")
		if err != nil {
			return err
		}
		if err := k.Statements.Set(ctx, collections.Join3(worker, st.Month, st.EmploymentId), st); err != nil {
			return err
		}
	}
	for _, c := range gs.Claims {
		company, err := k.address(c.Company, "company")
		if err != nil {
			return err
		}
		if err := k.Claims.Set(ctx, collections.Join(company, c.Id), c); err != nil {
			return err
		}
		if owes, err := k.Indebted.Has(ctx, company); err != nil || owes {
			if err != nil {
				return err
			}
			continue
		}
		if err := k.setIndebted(ctx, company, true); err != nil {
			return err
		}
		// what an indebted company holds goes to its claims in the first block
		if held := k.bank.SpendableCoin(ctx, company, membershiptypes.Denom).Amount; held.IsPositive() {
			if err := k.Arrived.Set(ctx, company, held); err != nil {
				return err
			}
		}
	}
	for _, p := range gs.ClaimPayments {
		worker, err := k.address(p.Worker, "worker")
		if err != nil {
			return err
		}
		if err := k.ClaimPayments.Set(ctx, collections.Join(worker, p.Id), p); err != nil {
			return err
		}
	}
	for seq, nextID := range map[*collections.Sequence]uint64{
		&k.OccupationSeq: gs.NextOccupationId, &k.JobSeq: gs.NextJobId, &k.EmploymentSeq: gs.NextEmploymentId,
		&k.TimesheetSeq: gs.NextTimesheetId, &k.PayslipSeq: gs.NextPayslipId, &k.ClaimSeq: gs.NextClaimId,
		&k.ClaimPaymentSeq: gs.NextClaimPaymentId,
	} {
		if err := seq.Set(ctx, max(nextID, 1)-1); err != nil {
			return err
		}
	}
	if err := k.Totals.Set(ctx, gs.Totals); err != nil {
		return err
	}
	return k.Sweep.Set(ctx, gs.Sweep)
}

// ExportGenesis writes the payroll state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Occupations, err = modulekit.Values(ctx, k.Occupations); err != nil {
		return nil, err
	}
	if gs.Jobs, err = modulekit.Values(ctx, k.Jobs); err != nil {
		return nil, err
	}
	if gs.Employments, err = modulekit.Values(ctx, k.Employments); err != nil {
		return nil, err
	}
	if gs.Timesheets, err = modulekit.Values(ctx, k.Timesheets); err != nil {
		return nil, err
	}
	if gs.Payslips, err = modulekit.Values(ctx, k.Payslips); err != nil {
		return nil, err
	}
	if gs.Claims, err = modulekit.Values(ctx, k.Claims); err != nil {
		return nil, err
	}
	if gs.ClaimPayments, err = modulekit.Values(ctx, k.ClaimPayments); err != nil {
		return nil, err
	}
	if gs.Statements, err = modulekit.Values(ctx, k.Statements); err != nil {
		return nil, err
	}
	err = k.Applications.Walk(ctx, nil, func(key idAddr, note string) (bool, error) {
		gs.Applications = append(gs.Applications, types.Application{JobId: key.K1(), Applicant: sdk.AccAddress(key.K2()).String(), Note: note})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Ratings.Walk(ctx, nil, func(key idAddr, v math.LegacyDec) (bool, error) {
		gs.Ratings = append(gs.Ratings, types.Rating{EmploymentId: key.K1(), Rater: sdk.AccAddress(key.K2()).String(), Value: v})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	for seq, next := range map[*collections.Sequence]*uint64{
		&k.OccupationSeq: &gs.NextOccupationId, &k.JobSeq: &gs.NextJobId, &k.EmploymentSeq: &gs.NextEmploymentId,
		&k.TimesheetSeq: &gs.NextTimesheetId, &k.PayslipSeq: &gs.NextPayslipId, &k.ClaimSeq: &gs.NextClaimId,
		&k.ClaimPaymentSeq: &gs.NextClaimPaymentId,
	} {
		v, err := seq.Peek(ctx)
		if err != nil {
			return nil, err
		}
		*next = v + 1
	}
	if gs.Totals, err = k.Totals.Get(ctx); err != nil {
		return nil, err
	}
	if gs.Sweep, err = k.Sweep.Get(ctx); err != nil {
		gs.Sweep = types.Sweep{}
	}
	return gs, nil
}
