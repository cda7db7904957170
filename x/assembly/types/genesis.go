package types

import (
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis is an assembly with no proposals yet.
func DefaultGenesis() *GenesisState { return &GenesisState{NextProposalId: 1} }

// Validate checks ids, stages and that every vote and proxy names a known proposal or kind.
func (gs GenesisState) Validate() error {
	if gs.NextProposalId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_proposal_id starts at 1")
	}
	ids := map[uint64]bool{}
	for _, p := range gs.Proposals {
		if p.Id == 0 || p.Id >= gs.NextProposalId || ids[p.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "proposal id %d: duplicate or not below next_proposal_id %d", p.Id, gs.NextProposalId)
		}
		if _, ok := ProposalStatus_name[int32(p.Status)]; !ok || p.Status == PROPOSAL_STATUS_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "proposal %d: status %d", p.Id, p.Status)
		}
		ids[p.Id] = true
	}
	for _, v := range gs.Votes {
		if !ids[v.ProposalId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "vote of %s on unknown proposal %d", v.Voter, v.ProposalId)
		}
	}
	for _, p := range gs.Proxies {
		if err := ValidateProxyKind(p.Kind); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if p.Member == p.Holder {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s holds their own proxy", p.Member)
		}
	}
	return nil
}
