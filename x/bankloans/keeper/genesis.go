package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/conductor-coop/conductor/x/bankloans/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
)

// InitGenesis writes products, loans (with their indexes and places in the due queue),
// histories (each payment queued to be folded), statements and portfolios.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, p := range gs.Products {
		if err := k.Products.Set(ctx, p.Id, p); err != nil {
			return err
		}
	}
	for _, l := range gs.Loans {
		borrower, err := k.address(l.Borrower, "borrower")
		if err != nil {
			return err
		}
		bank, err := k.address(l.Bank, "bank")
		if err != nil {
			return err
		}
		if err := k.LoansByBorrower.Set(ctx, collections.Join(borrower, l.Id)); err != nil {
			return err
		}
		if err := k.LoansByBank.Set(ctx, collections.Join(bank, l.Id)); err != nil {
			return err
		}
		if err := k.setLoan(ctx, nil, l); err != nil {
			return err
		}
	}
	for _, p := range gs.Payments {
		if err := k.Payments.Set(ctx, collections.Join(p.LoanId, p.Seq), p); err != nil {
			return err
		}
		if err := k.PaymentQueue.Set(ctx, collections.Join3(p.Time, p.LoanId, p.Seq)); err != nil {
			return err
		}
	}
	for _, s := range gs.Statements {
		if err := k.Statements.Set(ctx, s.LoanId, s); err != nil {
			return err
		}
	}
	for _, p := range gs.Portfolios {
		bank, err := k.address(p.Bank, "bank")
		if err != nil {
			return err
		}
		if err := k.Portfolios.Set(ctx, bank, p); err != nil {
			return err
		}
	}
	return modulekit.SetNext(ctx, map[*collections.Sequence]uint64{&k.ProductSeq: gs.NextProductId, &k.LoanSeq: gs.NextLoanId})
}

// ExportGenesis reads the module's state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Products, err = modulekit.Values(ctx, k.Products); err != nil {
		return nil, err
	}
	if gs.Loans, err = modulekit.Values(ctx, k.Loans); err != nil {
		return nil, err
	}
	if gs.Payments, err = modulekit.Values(ctx, k.Payments); err != nil {
		return nil, err
	}
	if gs.Portfolios, err = modulekit.Values(ctx, k.Portfolios); err != nil {
		return nil, err
	}
	if gs.Statements, err = modulekit.Values(ctx, k.Statements); err != nil {
		return nil, err
	}
	products, err := k.ProductSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	loans, err := k.LoanSeq.Peek(ctx)
	gs.NextProductId, gs.NextLoanId = products+1, loans+1
	return gs, err
}
