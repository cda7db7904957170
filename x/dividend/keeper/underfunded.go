package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/conductor-coop/conductor/x/dividend/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// maxUnderfundedScan bounds the regional companies one Underfunded query reads.
const maxUnderfundedScan = 100

// OutOfMoney tells whether a regional company ran out of money: it owes its workers wages
// payroll could not pay (wage claims), or it holds no ursc.
func (k Keeper) OutOfMoney(ctx context.Context, company sdk.AccAddress) (types.Underfunded, bool, error) {
	u := types.Underfunded{Company: company.String(), Balance: k.bank.GetBalance(ctx, company, membershiptypes.Denom).Amount}
	if k.wages != nil {
		owes, err := k.wages.OwesWages(ctx, company)
		if err != nil {
			return u, false, err
		}
		u.OwesWages = owes
	}
	u.Deficit = zero()
	if k.companies != nil {
		deficit, err := k.companies.CompanyDeficit(ctx, company)
		if err != nil {
			return u, false, err
		}
		u.Deficit = deficit
	}
	return u, u.OwesWages || !u.Balance.IsPositive(), nil
}

// Underfunded lists the regional companies out of money among the 100 after req.After.
func (q queryServer) Underfunded(ctx context.Context, req *types.QueryUnderfundedRequest) (*types.QueryUnderfundedResponse, error) {
	var after sdk.AccAddress
	if req.After != "" {
		addr, err := q.address(req.After, "after")
		if err != nil {
			return nil, err
		}
		after = addr
	}
	res, scanned := &types.QueryUnderfundedResponse{}, 0
	var last sdk.AccAddress
	err := q.membership.WalkAgents(ctx, membershiptypes.AGENT_KIND_REGIONAL_COMPANY, after, func(addr sdk.AccAddress) (bool, error) {
		scanned++
		last = addr
		u, out, err := q.OutOfMoney(ctx, addr)
		if err != nil {
			return true, err
		}
		if out {
			agent, err := q.membership.GetAgent(ctx, addr)
			if err != nil {
				return true, err
			}
			u.Name = agent.Name
			res.Companies = append(res.Companies, u)
		}
		return scanned >= maxUnderfundedScan, nil
	})
	if err != nil {
		return nil, err
	}
	if scanned >= maxUnderfundedScan {
		res.Next = last.String()
	}
	return res, nil
}
