package keeper

import (
	"context"
	"math"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// OwesWages tells whether a company has unpaid wage claims: they are paid before any other
// creditor.
func (k Keeper) OwesWages(ctx context.Context, company sdk.AccAddress) (bool, error) {
	return k.Indebted.Has(ctx, company)
}

// CloseEmployer winds up a company's payroll in its bankruptcy: every employment ends (the
// work done is paid, or owed as a claim), its jobs close, and its wage claims are paid from
// its funds, oldest first, as far as they go: its workers are its first creditors. Claims
// its funds do not cover stay on record, owed by the dissolved company.
func (k Keeper) CloseEmployer(ctx context.Context, company sdk.AccAddress, reason string) error {
	var employments, jobs []uint64
	if err := k.EmploymentsByCompany.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](company), func(key addrID) (bool, error) {
		employments = append(employments, key.K2())
		return false, nil
	}); err != nil {
		return err
	}
	m := msgServer{k}
	for _, id := range employments {
		e, err := k.Employment(ctx, id)
		if err != nil {
			return err
		}
		if err := m.end(ctx, e, false, reason); err != nil {
			return err
		}
	}
	if err := k.JobsByCompany.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](company), func(key addrID) (bool, error) {
		jobs = append(jobs, key.K2())
		return false, nil
	}); err != nil {
		return err
	}
	for _, id := range jobs {
		job, err := k.job(ctx, id)
		if err != nil {
			return err
		}
		if err := k.closeJob(ctx, company, job); err != nil {
			return err
		}
	}
	l := k.newLedger()
	if _, err := k.payClaims(ctx, l, company, math.MaxInt32); err != nil {
		return err
	}
	return l.close(ctx)
}
