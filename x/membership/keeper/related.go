package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"
)

// ShareWorkers tells whether two employers (companies, regional companies) have a worker in
// common: a person with a vote in both groups. Money between them does not change hands
// between different people, which the profit-at-rest tax must see (x/dividend).
func (k Keeper) ShareWorkers(ctx context.Context, a, b sdk.AccAddress) (bool, error) {
	first, err := k.Employer(ctx, a)
	if err != nil {
		return false, nil // not an employer: no workers
	}
	second, err := k.Employer(ctx, b)
	if err != nil {
		return false, nil
	}
	workers := map[string]bool{}
	if err := k.walkGroupMembers(ctx, first.GroupId, func(m string) bool { workers[m] = true; return false }); err != nil {
		return false, err
	}
	shared := false
	err = k.walkGroupMembers(ctx, second.GroupId, func(m string) bool { shared = workers[m]; return shared })
	return shared, err
}

// walkGroupMembers calls f with each member of a group until f returns true.
func (k Keeper) walkGroupMembers(ctx context.Context, groupID uint64, f func(member string) (stop bool)) error {
	page := &query.PageRequest{Limit: 1000}
	for {
		res, err := k.group.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: groupID, Pagination: page})
		if err != nil {
			return err
		}
		for _, m := range res.Members {
			if f(m.Member.Address) {
				return nil
			}
		}
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			return nil
		}
		page = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 1000}
	}
}
