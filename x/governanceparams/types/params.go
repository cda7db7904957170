package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
)

// DefaultParams are a starting point; every region votes its own.
func DefaultParams() Params {
	d := math.LegacyMustNewDecFromStr
	return Params{
		IncomeTaxRate:          d("0.20"),
		InternalSalesTaxRate:   d("0"),
		ExternalSalesTaxRate:   d("0.001"),
		ProfitAtRestTaxRate:    d("0.02"),
		ProfitAtRestDelay:      30 * 24 * time.Hour,
		DividendShare:          d("0.50"),
		DividendPeriod:         30 * 24 * time.Hour,
		PayPeriod:              time.Hour,
		MemberRentMarkup:       d("0"),
		NonMemberRentMarkup:    d("0.10"),
		TuitionShare:           d("0.25"),
		SchoolingPriorityYears: 5,
		WageFactors:            WageFactors{Training: d("0.25"), RegionalNeed: d("0.25"), Stress: d("0.25")},
		MaxPayoutsPerBlock:     200,
		WaitlistThreshold:      50,
		OfferWindow:            7 * 24 * time.Hour,
		ArrearsNoticeAfter:     2,
		ArrearsNoticePeriod:    30 * 24 * time.Hour,
		WithdrawalGrace:        14 * 24 * time.Hour,
		Assembly:               DefaultAssemblyRules(),
		Retention:              DefaultRetention(),
	}
}

// DefaultRetention keeps the detailed records for 90 days: a member sees the payslips of the
// last three months (a wage claim or a disputed payment is raised within them), and a
// regional company's quarter is costed from its own events; after that each record is in
// its month's statement, and in the explorer's database. Folding 500 records a module a
// block keeps up with a pay run of 200 payments a block.
func DefaultRetention() Retention {
	return Retention{Window: 90 * 24 * time.Hour, MaxFoldsPerBlock: 500}
}

// Validate checks the retention: a window of at least a minute (a record is final when it
// is written: a payslip owed as a claim waits for its claim) and at most ten years, and a
// bounded fold.
func (r Retention) Validate() error {
	if r.Window < time.Minute || r.Window > 10*365*24*time.Hour {
		return errorsmod.Wrapf(ErrInvalidParams, "retention.window must be between 1m and 10 years, got %s", r.Window)
	}
	if r.MaxFoldsPerBlock == 0 || r.MaxFoldsPerBlock > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "retention.max_folds_per_block must be in [1,10000], got %d", r.MaxFoldsPerBlock)
	}
	return nil
}

// DefaultAssemblyRules: a tenth of the members taking part and a majority of the votes cast
// decide; an upgrade needs two thirds of the votes cast, a change of these rules two thirds
// and a fifth of the members. Each proposal is deliberated before the vote opens: a day for
// admissions, a week for numbers and upgrades, two for the rules themselves.
func DefaultAssemblyRules() AssemblyRules {
	d := math.LegacyMustNewDecFromStr
	day := 24 * time.Hour
	return AssemblyRules{
		Kinds: []KindRule{
			{Kind: assemblytypes.PROPOSAL_KIND_GENERAL, DeliberationPeriod: 2 * day, VotingPeriod: 7 * day, Quorum: d("0.10"), Threshold: d("0.50")},
			{Kind: assemblytypes.PROPOSAL_KIND_PARAMETERS, DeliberationPeriod: 7 * day, VotingPeriod: 7 * day, Quorum: d("0.10"), Threshold: d("0.50")},
			{Kind: assemblytypes.PROPOSAL_KIND_MEMBERSHIP, DeliberationPeriod: day, VotingPeriod: 3 * day, Quorum: d("0.05"), Threshold: d("0.50")},
			{Kind: assemblytypes.PROPOSAL_KIND_UPGRADE, DeliberationPeriod: 7 * day, VotingPeriod: 14 * day, Quorum: d("0.10"), Threshold: d("0.666666666666666667")},
			{Kind: assemblytypes.PROPOSAL_KIND_CONSTITUTION, DeliberationPeriod: 14 * day, VotingPeriod: 14 * day, Quorum: d("0.20"), Threshold: d("0.666666666666666667")},
		},
		MaxProxies:               100,
		MaxOpenProposals:         100,
		MaxOpenPerMember:         2,
		MaxVoteDeletionsPerBlock: 2000,
	}
}

// Rule returns the rule of a proposal kind.
func (r AssemblyRules) Rule(kind assemblytypes.ProposalKind) (KindRule, error) {
	for _, k := range r.Kinds {
		if k.Kind == kind {
			return k, nil
		}
	}
	return KindRule{}, errorsmod.Wrapf(ErrInvalidParams, "no assembly rule for %s", kind)
}

// Validate checks the assembly's rules: one rule per kind, quorum in (0,1], threshold in
// [0.5,1) (a minority never decides; "more than 1" could never pass), periods and bounds sane.
func (r AssemblyRules) Validate() error {
	seen := map[assemblytypes.ProposalKind]bool{}
	for _, k := range r.Kinds {
		if _, ok := assemblytypes.ProposalKind_name[int32(k.Kind)]; !ok || k.Kind == assemblytypes.PROPOSAL_KIND_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidParams, "assembly rule for unknown kind %d", k.Kind)
		}
		if seen[k.Kind] {
			return errorsmod.Wrapf(ErrInvalidParams, "two assembly rules for %s", k.Kind)
		}
		seen[k.Kind] = true
		if k.Quorum.IsNil() || !k.Quorum.IsPositive() || k.Quorum.GT(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidParams, "%s: quorum must be in (0,1], got %s", k.Kind, k.Quorum)
		}
		if k.Threshold.IsNil() || k.Threshold.LT(math.LegacyNewDecWithPrec(5, 1)) || k.Threshold.GTE(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidParams, "%s: threshold must be in [0.5,1), got %s", k.Kind, k.Threshold)
		}
		if k.DeliberationPeriod < 0 || k.VotingPeriod < time.Second {
			return errorsmod.Wrapf(ErrInvalidParams, "%s: deliberation must be at least 0 and voting at least 1s", k.Kind)
		}
	}
	if len(seen) != len(assemblytypes.ProposalKind_name)-1 {
		return errorsmod.Wrapf(ErrInvalidParams, "assembly rules: one rule for each of the %d kinds, got %d", len(assemblytypes.ProposalKind_name)-1, len(seen))
	}
	bounds := []struct {
		name     string
		v, limit uint32
	}{
		{"max_proxies", r.MaxProxies, 10_000},
		{"max_open_proposals", r.MaxOpenProposals, 1_000},
		{"max_open_per_member", r.MaxOpenPerMember, 100},
		{"max_vote_deletions_per_block", r.MaxVoteDeletionsPerBlock, 100_000},
	}
	for _, b := range bounds {
		if b.v == 0 || b.v > b.limit {
			return errorsmod.Wrapf(ErrInvalidParams, "assembly.%s must be in [1,%d], got %d", b.name, b.limit, b.v)
		}
	}
	return nil
}

// Validate checks every field: rates and shares in [0,1], periods positive, limits sane.
func (p Params) Validate() error {
	rates := []struct {
		name string
		v    math.LegacyDec
	}{
		{"income_tax_rate", p.IncomeTaxRate},
		{"internal_sales_tax_rate", p.InternalSalesTaxRate},
		{"external_sales_tax_rate", p.ExternalSalesTaxRate},
		{"profit_at_rest_tax_rate", p.ProfitAtRestTaxRate},
		{"dividend_share", p.DividendShare},
		{"member_rent_markup", p.MemberRentMarkup},
		{"non_member_rent_markup", p.NonMemberRentMarkup},
		{"tuition_share", p.TuitionShare},
		{"wage_factors.training", p.WageFactors.Training},
		{"wage_factors.regional_need", p.WageFactors.RegionalNeed},
		{"wage_factors.stress", p.WageFactors.Stress},
	}
	for _, r := range rates {
		if r.v.IsNil() || r.v.IsNegative() || r.v.GT(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be in [0,1], got %s", r.name, r.v)
		}
	}
	periods := []struct {
		name string
		v    time.Duration
		min  time.Duration
	}{
		{"pay_period", p.PayPeriod, time.Second},
		{"dividend_period", p.DividendPeriod, time.Second},
		{"profit_at_rest_delay", p.ProfitAtRestDelay, 0},
		{"offer_window", p.OfferWindow, time.Second},
		{"arrears_notice_period", p.ArrearsNoticePeriod, time.Second},
		{"withdrawal_grace", p.WithdrawalGrace, 0},
	}
	for _, d := range periods {
		if d.v < d.min {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be at least %s, got %s", d.name, d.min, d.v)
		}
	}
	if p.MaxPayoutsPerBlock == 0 || p.MaxPayoutsPerBlock > 100_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_payouts_per_block must be in [1,100000], got %d", p.MaxPayoutsPerBlock)
	}
	if p.WaitlistThreshold == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "waitlist_threshold must be at least 1")
	}
	if p.ArrearsNoticeAfter > 120 {
		return errorsmod.Wrapf(ErrInvalidParams, "arrears_notice_after must be at most 120 months, got %d", p.ArrearsNoticeAfter)
	}
	if p.SchoolingPriorityYears > 100 {
		return errorsmod.Wrapf(ErrInvalidParams, "schooling_priority_years must be at most 100, got %d", p.SchoolingPriorityYears)
	}
	if err := p.Retention.Validate(); err != nil {
		return err
	}
	return p.Assembly.Validate()
}

// DefaultGenesis starts from the default parameters with no recorded change.
func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks the genesis state.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	for i, c := range gs.Changes {
		if c.Id != uint64(i+1) {
			return errorsmod.Wrapf(ErrInvalidParams, "change ids must be 1..n in order, got %d at %d", c.Id, i)
		}
	}
	return nil
}
