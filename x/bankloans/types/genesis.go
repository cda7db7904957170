package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
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
	loans := map[uint64]Loan{}
	for _, l := range gs.Loans {
		if _, twice := loans[l.Id]; twice || l.Id == 0 || l.Id >= gs.NextLoanId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan id %d", l.Id)
		}
		loans[l.Id] = l
		if l.Status.Open() && l.NextDue == nil && l.Status != LOAN_STATUS_DEFAULTED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan %d is open without a due date", l.Id)
		}
		for _, v := range []math.Int{l.PrincipalPaid, l.InterestPaid, l.WrittenOff} {
			if v.IsNil() || v.IsNegative() {
				return errorsmod.Wrapf(ErrInvalidGenesis, "loan %d: a missing or negative total paid", l.Id)
			}
		}
	}
	// each loan's history: its statement and its payments, each seq once, make the loan's
	// history_len and its totals (as the payments-folded invariant checks)
	paid := map[uint64]*Paid{}
	for id := range loans {
		paid[id] = NewPaid()
	}
	for _, st := range gs.Statements {
		p, ok := paid[st.LoanId]
		if !ok || p.Payments > 0 { // (a statement folds at least one)
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of loan %d: unknown or twice", st.LoanId)
		}
		if err := st.Validate(); err != nil {
			return err
		}
		p.AddStatement(st)
	}
	seqs := map[[2]uint64]bool{}
	for _, pm := range gs.Payments {
		l, ok := loans[pm.LoanId]
		if pm.Principal.IsNil() || pm.Principal.IsNegative() || pm.Interest.IsNil() || pm.Interest.IsNegative() || pm.Due.IsNil() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "payment %d of loan %d: a missing or negative amount", pm.Seq, pm.LoanId)
		}
		if !ok || pm.Seq == 0 || pm.Seq > l.HistoryLen || seqs[[2]uint64{pm.LoanId, pm.Seq}] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "payment %d of loan %d: unknown loan, outside its history, or twice", pm.Seq, pm.LoanId)
		}
		seqs[[2]uint64{pm.LoanId, pm.Seq}] = true
		paid[pm.LoanId].Add(pm.Kind, 1, pm.Principal, pm.Interest)
	}
	for _, l := range gs.Loans {
		if broken := paid[l.Id].Matches(l); broken != "" {
			return errorsmod.Wrap(ErrInvalidGenesis, broken)
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
