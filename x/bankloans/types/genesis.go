package types

import (
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has no products and no loans.
func DefaultGenesis() *GenesisState {
	return &GenesisState{NextProductId: 1, NextLoanId: 1}
}

// Validate checks ids and amounts.
func (gs GenesisState) Validate() error {
	if gs.NextProductId == 0 || gs.NextLoanId == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next ids start at 1: product %d, loan %d", gs.NextProductId, gs.NextLoanId)
	}
	products := map[uint64]bool{}
	for _, p := range gs.Products {
		if p.Id == 0 || p.Id >= gs.NextProductId || products[p.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "product id %d", p.Id)
		}
		products[p.Id] = true
		if err := p.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "product %d: %s", p.Id, err)
		}
	}
	loans := map[uint64]bool{}
	for _, l := range gs.Loans {
		if l.Id == 0 || l.Id >= gs.NextLoanId || loans[l.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan id %d", l.Id)
		}
		loans[l.Id] = true
		if l.Status.Open() && l.NextDue == nil && l.Status != LOAN_STATUS_DEFAULTED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan %d is open without a due date", l.Id)
		}
	}
	folded := map[uint64]uint64{}
	for _, s := range gs.Statements {
		if _, twice := folded[s.LoanId]; twice || !loans[s.LoanId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of loan %d: unknown or twice", s.LoanId)
		}
		if err := s.Validate(); err != nil {
			return err
		}
		folded[s.LoanId] = s.ThroughSeq
	}
	for _, p := range gs.Payments {
		if !loans[p.LoanId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "payment of unknown loan %d", p.LoanId)
		}
		if p.Seq <= folded[p.LoanId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "payment %d of loan %d is folded in its statement", p.Seq, p.LoanId)
		}
	}
	banks := map[string]bool{}
	for _, p := range gs.Portfolios {
		if banks[p.Bank] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "portfolio of %s twice", p.Bank)
		}
		banks[p.Bank] = true
	}
	return nil
}
