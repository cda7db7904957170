package types

import (
	"strings"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
)

const (
	// ModuleName is the membership module's name and store key.
	ModuleName = "membership"
	// StoreKey is the store key of the membership module.
	StoreKey = ModuleName
	// TreasuryName is the module account holding the region's revenue.
	TreasuryName = "treasury"
	// Denom is the base denomination of RSC, the region's currency: 1 RSC = 1,000,000 ursc.
	Denom = "ursc"
)

var (
	AgentsKey       = collections.NewPrefix(0)
	AgentsByKindKey = collections.NewPrefix(1)
	// 2 and 3 held the x/group assembly and its policy.
	AdmittedValidatorsKey = collections.NewPrefix(4)
	MembersKey            = collections.NewPrefix(5)
	MemberCountKey        = collections.NewPrefix(6)
)

// RestrictedKinds are the agents whose money moves only through Conductor actions.
func (k AgentKind) Restricted() bool {
	switch k {
	case AGENT_KIND_COMPANY, AGENT_KIND_REGIONAL_COMPANY, AGENT_KIND_BANK, AGENT_KIND_TREASURY, AGENT_KIND_ASSEMBLY, AGENT_KIND_DISSOLVED, AGENT_KIND_POOL:
		return true
	}
	return false
}

// HasGroup tells whether agents of this kind decide through an x/group group.
func (k AgentKind) HasGroup() bool {
	switch k {
	case AGENT_KIND_COMPANY, AGENT_KIND_REGIONAL_COMPANY, AGENT_KIND_BANK, AGENT_KIND_POOL:
		return true
	}
	return false
}

// IsCompany tells whether agents of this kind are companies: worker co-ops or the region's own.
func (k AgentKind) IsCompany() bool {
	return k == AGENT_KIND_COMPANY || k == AGENT_KIND_REGIONAL_COMPANY
}

// InRegion tells whether an agent buys and rents as one of the region: a member, or one of
// its companies (the internal sales tax, the members' rent markup).
func (a Agent) InRegion() bool {
	return (a.Kind == AGENT_KIND_PERSON && a.Member) || a.Kind.IsCompany()
}

// MaxNameLength is the longest display name of an agent.
const MaxNameLength = 64

// ValidateName checks an agent's display name: 1 to MaxNameLength characters.
func ValidateName(name string) error {
	if name == "" || len(name) > MaxNameLength {
		return errorsmod.Wrapf(ErrInvalidName, "%q must have 1 to %d characters", name, MaxNameLength)
	}
	return nil
}

// Label names the kind for people: "company", "regional company", ...
func (k AgentKind) Label() string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(k.String(), "AGENT_KIND_")), "_", " ")
}
