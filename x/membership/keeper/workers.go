package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/conductor-coop/conductor/x/membership/types"
)

// Employer returns the company (or regional company, or bank) at addr, or an error if addr
// is not an agent that employs workers.
func (k Keeper) Employer(ctx context.Context, addr sdk.AccAddress) (types.Agent, error) {
	agent, err := k.GetAgent(ctx, addr)
	if err != nil {
		return agent, err
	}
	if !agent.Kind.IsCompany() && agent.Kind != types.AGENT_KIND_BANK {
		return agent, errorsmod.Wrapf(types.ErrInvalidKind, "%s is %s, not an employer", agent.Address, agent.Kind.Label())
	}
	return agent, nil
}

// RequirePerson returns ErrNotPerson unless address is a person (registered, or an address
// the region has not seen: a non-member person).
func (k Keeper) RequirePerson(ctx context.Context, address string) error {
	_, _, err := k.personAgent(ctx, address)
	return err
}

// JoinCompany gives a hired worker one vote in the company's group. It returns false when
// the worker already had one (a founder, say), so that leaving the job does not take it away.
func (k Keeper) JoinCompany(ctx context.Context, company sdk.AccAddress, worker string) (bool, error) {
	agent, err := k.Employer(ctx, company)
	if err != nil {
		return false, err
	}
	page := &query.PageRequest{Limit: 1000}
	for {
		res, err := k.group.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: agent.GroupId, Pagination: page})
		if err != nil {
			return false, err
		}
		for _, m := range res.Members {
			if m.Member.Address == worker {
				return false, nil
			}
		}
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			break
		}
		page = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 1000}
	}
	return true, k.setWeight(ctx, agent.GroupId, worker, "1")
}

// LeaveCompany removes a worker's vote from the company's group.
func (k Keeper) LeaveCompany(ctx context.Context, company sdk.AccAddress, worker string) error {
	agent, err := k.Employer(ctx, company)
	if err != nil {
		return err
	}
	return k.setWeight(ctx, agent.GroupId, worker, "0")
}

// Dissolve marks a company dissolved (bankruptcy): from now on it is no employer, seller or
// borrower, and the RSC rule keeps every flow from its account. Its group stays, read-only
// in effect, as the record of who decided.
func (k Keeper) Dissolve(ctx context.Context, company sdk.AccAddress) error {
	agent, err := k.GetAgent(ctx, company)
	if err != nil {
		return err
	}
	switch agent.Kind {
	case types.AGENT_KIND_DISSOLVED:
		return errorsmod.Wrapf(types.ErrDissolved, "%s", agent.Address)
	case types.AGENT_KIND_COMPANY:
	default:
		return errorsmod.Wrapf(types.ErrInvalidKind, "%s is %s: only a company goes bankrupt", agent.Address, agent.Kind.Label())
	}
	agent.Kind = types.AGENT_KIND_DISSOLVED
	agent.SinceHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	return k.SetAgent(ctx, agent)
}
