// Package simulation gives x/membership's randomized genesis and operations to the SDK's
// simulation framework.
package simulation

import (
	"context"
	"cosmossdk.io/math"
	"fmt"
	"math/rand"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/group"
	"github.com/cosmos/cosmos-sdk/x/simulation"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	"github.com/conductor-coop/conductor/x/membership/keeper"
	"github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

// RandomizedGenState makes one simulated account in four a founding member and another a
// registered non-member person (the rest are persons the region has not registered), admits
// every account as a validator operator (the staking operations create validators) and
// founds a few companies.
func RandomizedGenState(simState *module.SimulationState) {
	gs := types.DefaultGenesis()
	for i, acc := range simState.Accounts {
		switch i % 4 {
		case 0:
			gs.Agents = append(gs.Agents, types.Agent{Address: acc.Address.String(), Kind: types.AGENT_KIND_PERSON, Member: true})
		case 1:
			gs.Agents = append(gs.Agents, types.Agent{Address: acc.Address.String(), Kind: types.AGENT_KIND_PERSON})
		}
		gs.AdmittedValidators = append(gs.AdmittedValidators, acc.Address.String())
	}
	// A few worker co-ops of one or two simulated persons, so companies act from block one.
	for i := 0; i < 3 && len(simState.Accounts) > 1; i++ {
		a, b := simState.Accounts[simState.Rand.Intn(len(simState.Accounts))], simState.Accounts[simState.Rand.Intn(len(simState.Accounts))]
		workers := []string{a.Address.String()}
		if !b.Address.Equals(a.Address) {
			workers = append(workers, b.Address.String())
		}
		gs.Institutions = append(gs.Institutions, types.Institution{Name: fmt.Sprintf("co-op %d", i), Kind: types.AGENT_KIND_COMPANY, Workers: workers})
	}
	// and the regional bank and housing agency, each run by the first two simulated accounts.
	if len(simState.Accounts) > 1 {
		board := []string{simState.Accounts[0].Address.String(), simState.Accounts[1].Address.String()}
		gs.Institutions = append(gs.Institutions,
			types.Institution{Name: "regional bank", Kind: types.AGENT_KIND_BANK, Workers: board},
			types.Institution{Name: "housing agency", Kind: types.AGENT_KIND_REGIONAL_COMPANY, Workers: board})
	}
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// Keepers are what the Conductor modules' operations read and sign with.
type Keepers struct {
	Membership keeper.Keeper
	Account    simulation.AccountKeeper
	Bank       BankKeeper
	// Router is the one money path (the refused payments are tried through it).
	Router   *router.Router
	TxConfig client.TxConfig
	// Params reads the region's parameters.
	Params func(context.Context) (gptypes.Params, error)
	// Groups reads x/group's proposals.
	Groups interface {
		ProposalsByGroupPolicy(context.Context, *group.QueryProposalsByGroupPolicyRequest) (*group.QueryProposalsByGroupPolicyResponse, error)
	}
	// Assembly tells the kind of proposal messages need, and whether a proposal would be
	// accepted now (x/assembly).
	Assembly interface {
		KindOf(context.Context, []sdk.Msg) (assemblytypes.ProposalKind, error)
		CheckProposal(sdk.Context, *assemblytypes.MsgPropose) error
	}
}

// BankKeeper is what operations read of x/bank: balances, and whether a denom may be sent.
type BankKeeper interface {
	simulation.BankKeeper
	IsSendEnabledCoins(ctx context.Context, coins ...sdk.Coin) error
}

// WeightedOperations are the membership operations: founding companies, leaving, a person
// registering, and the paths the registry closes.
func WeightedOperations(k Keepers) simulation.WeightedOperations {
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(20, SimulateMsgFoundCompany(k)),
		simulation.NewWeightedOperation(5, SimulateMsgLeaveRegion(k)),
		simulation.NewWeightedOperation(5, SimulateMsgRegisterPerson(k)),
		simulation.NewWeightedOperation(5, SimulateRegisterPersonRefused(k)),
		simulation.NewWeightedOperation(10, SimulateDirectTransferRefused(k)),
		simulation.NewWeightedOperation(5, SimulateRestrictedStakeRefused(k)),
		simulation.NewWeightedOperation(10, SimulateOffRoutePaymentRefused(k)),
	}
}

// offRoute are payments a company's money may not make, each with the route it tries: its
// profit paid out to a person as a dividend, a refund, a pool's spend, a subsidy or an income
// tax. The router must refuse each with ErrNotOnRoute.
var offRoute = []router.Route{router.Dividend, router.Refund, router.PoolSpend, router.Subsidy, router.IncomeTax}

// SimulateOffRoutePaymentRefused has a random co-op that holds ursc try to pay it on a route
// its kind may not pay on, in a cache thrown away. If the router lets it through, or
// refuses it for another reason, the simulation fails: the routes table would have opened a
// path the seed forbids.
func SimulateOffRoutePaymentRefused(k Keepers) simtypes.Operation {
	return func(r *rand.Rand, _ *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		const op = "router/off-route"
		var companies []sdk.AccAddress
		_ = k.Membership.AgentsByKind.Walk(ctx, collections.NewPrefixedPairRange[int32, sdk.AccAddress](int32(types.AGENT_KIND_COMPANY)),
			func(key collections.Pair[int32, sdk.AccAddress]) (bool, error) {
				if k.Bank.SpendableCoins(ctx, key.K2()).AmountOf(types.Denom).IsPositive() {
					companies = append(companies, key.K2())
				}
				return len(companies) >= 20, nil
			})
		if len(companies) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, op, "no co-op holds ursc"), nil, nil
		}
		company := companies[r.Intn(len(companies))]
		route := offRoute[r.Intn(len(offRoute))]
		acc, _ := simtypes.RandomAcc(r, accs)
		to := acc.Address
		cache, _ := ctx.CacheContext()
		err := k.Router.Pay(cache, router.Payment{Route: route, From: company, Legs: router.To(to, math.OneInt())})
		if !errorsmod.IsOf(err, router.ErrNotOnRoute) {
			return simtypes.NoOpMsg(types.ModuleName, op, "a path opened"), nil, fmt.Errorf("%s paid %s on the %s route: %v", company, to, router.Routes[route].Name, err)
		}
		return simtypes.NewOperationMsgBasic(types.ModuleName, op, "refused: "+err.Error(), true, nil), nil, nil
	}
}

// SimulateDirectTransferRefused has a random person send 1 ursc straight to a random
// company, regional company, bank, pool or the treasury. The RSC rule must refuse it:
// if the send goes through, or fails for another reason, the simulation fails.
func SimulateDirectTransferRefused(k Keepers) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		msgType := sdk.MsgTypeURL(&banktypes.MsgSend{})
		kinds := []types.AgentKind{types.AGENT_KIND_COMPANY, types.AGENT_KIND_REGIONAL_COMPANY, types.AGENT_KIND_BANK, types.AGENT_KIND_POOL, types.AGENT_KIND_TREASURY}
		var targets []sdk.AccAddress
		for _, kind := range kinds {
			_ = k.Membership.AgentsByKind.Walk(ctx, collections.NewPrefixedPairRange[int32, sdk.AccAddress](int32(kind)),
				func(key collections.Pair[int32, sdk.AccAddress]) (bool, error) {
					targets = append(targets, key.K2())
					return false, nil
				})
		}
		sender, _ := simtypes.RandomAcc(r, accs)
		if agent, err := k.Membership.GetAgent(ctx, sender.Address); len(targets) == 0 || (err == nil && agent.Kind != types.AGENT_KIND_PERSON) {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "no target or not a person"), nil, nil
		}
		one := sdk.NewCoins(sdk.NewInt64Coin(types.Denom, 1))
		if !k.Bank.SpendableCoins(ctx, sender.Address).AmountOf(types.Denom).IsPositive() || k.Bank.IsSendEnabledCoins(ctx, one...) != nil {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "nothing to send, or sends disabled"), nil, nil
		}
		target := targets[r.Intn(len(targets))]
		op, err := DeliverRefused(r, app, ctx, chainID, k, types.ModuleName, sender, banktypes.NewMsgSend(sender.Address, target, one), types.ErrDirectTransfer)
		return op, nil, err
	}
}

// SimulateRestrictedStakeRefused has a random company, regional company, bank or pool
// delegate its RSC to an admitted validator, as its group's proposal or a manager's authz
// grant would (the message routed as either routes it). The staking hook must refuse it with
// ErrStakeNotAllowed, or the simulation fails: bonded money would leave the region's rules.
func SimulateRestrictedStakeRefused(k Keepers) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		msgType := sdk.MsgTypeURL(&stakingtypes.MsgDelegate{})
		var validators []sdk.AccAddress
		_ = k.Membership.AdmittedValidators.Walk(ctx, nil, func(op sdk.AccAddress) (bool, error) {
			validators = append(validators, op)
			return false, nil
		})
		kinds := []types.AgentKind{types.AGENT_KIND_COMPANY, types.AGENT_KIND_REGIONAL_COMPANY, types.AGENT_KIND_BANK, types.AGENT_KIND_POOL}
		agent, _, ok := RandomInstitution(r, ctx, k, accs, kinds[r.Intn(len(kinds))])
		if !ok || len(validators) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "no institution or validator"), nil, nil
		}
		delegator, err := k.Membership.AddressCodec().StringToBytes(agent)
		if err != nil {
			return simtypes.NoOpMsg(types.ModuleName, msgType, err.Error()), nil, err
		}
		held := k.Bank.SpendableCoins(ctx, delegator).AmountOf(types.Denom)
		if !held.IsPositive() {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "nothing to bond"), nil, nil
		}
		msg := stakingtypes.NewMsgDelegate(agent, sdk.ValAddress(validators[r.Intn(len(validators))]).String(), sdk.NewCoin(types.Denom, held))
		cache, _ := ctx.CacheContext() // the block's state is untouched whatever happens
		_, err = app.MsgServiceRouter().Handler(msg)(cache, msg)
		if errorsmod.IsOf(err, stakingtypes.ErrNoValidatorFound) { // admitted, not yet created
			return simtypes.NoOpMsg(types.ModuleName, msgType, "no such validator"), nil, nil
		}
		if !errorsmod.IsOf(err, types.ErrStakeNotAllowed) {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "staking"), nil, fmt.Errorf("a delegation by %s gave %v, not ErrStakeNotAllowed", agent, err)
		}
		return simtypes.NewOperationMsg(msg, true, "refused: "+types.ErrStakeNotAllowed.Error()), nil, nil
	}
}

func deliver(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, k Keepers, signer simtypes.Account, msg sdk.Msg) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	op, err := Deliver(r, app, ctx, k, types.ModuleName, signer, msg)
	return op, nil, err
}

// SimulateMsgFoundCompany founds a company of one to three random persons.
func SimulateMsgFoundCompany(k Keepers) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		founder, _ := simtypes.RandomAcc(r, accs)
		workers := []string{founder.Address.String()}
		seen := map[string]bool{workers[0]: true}
		for n := r.Intn(3); n > 0; n-- {
			w, _ := simtypes.RandomAcc(r, accs)
			if a := w.Address.String(); !seen[a] {
				seen[a] = true
				workers = append(workers, a)
			}
		}
		msg := &types.MsgFoundCompany{Founder: founder.Address.String(), Name: fmt.Sprintf("co-op %s", simtypes.RandStringOfLength(r, 8)), Workers: workers}
		return deliver(r, app, ctx, k, founder, msg)
	}
}

// SimulateMsgLeaveRegion has a random member leave, unless they are the last.
func SimulateMsgLeaveRegion(k Keepers) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		members := Members(ctx, k.Membership, accs)
		msgType := sdk.MsgTypeURL(&types.MsgLeaveRegion{})
		if len(members) < 3 {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "keeping the assembly above two members"), nil, nil
		}
		leaver := members[r.Intn(len(members))]
		return deliver(r, app, ctx, k, leaver, &types.MsgLeaveRegion{Member: leaver.Address.String()})
	}
}

// SimulateMsgRegisterPerson has a random simulated account the region has not registered
// register itself as a non-member person, with a display name or without.
func SimulateMsgRegisterPerson(k Keepers) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		msgType := sdk.MsgTypeURL(&types.MsgRegisterPerson{})
		var strangers []simtypes.Account
		for _, acc := range accs {
			if has, err := k.Membership.Agents.Has(ctx, acc.Address); err == nil && !has {
				strangers = append(strangers, acc)
			}
		}
		if len(strangers) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "every account is registered"), nil, nil
		}
		person := strangers[r.Intn(len(strangers))]
		msg := &types.MsgRegisterPerson{Person: person.Address.String()}
		if r.Intn(2) == 0 {
			msg.Name = simtypes.RandStringOfLength(r, 1+r.Intn(types.MaxNameLength))
		}
		return deliver(r, app, ctx, k, person, msg)
	}
}

// SimulateRegisterPersonRefused tries to register as a person an address the registry
// refuses: a company, regional company, bank or pool (as its group's proposal or a manager's
// authz grant would route the message: refused with ErrNotPerson), or a simulated account
// already registered as a person, member or not, signing itself (ErrAlreadyRegistered). If
// it goes through, or fails for another reason, the simulation fails.
func SimulateRegisterPersonRefused(k Keepers) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		msgType := sdk.MsgTypeURL(&types.MsgRegisterPerson{})
		if r.Intn(2) == 0 {
			var persons []simtypes.Account
			for _, acc := range accs {
				if agent, err := k.Membership.GetAgent(ctx, acc.Address); err == nil && agent.Kind == types.AGENT_KIND_PERSON {
					persons = append(persons, acc)
				}
			}
			if len(persons) == 0 {
				return simtypes.NoOpMsg(types.ModuleName, msgType, "no registered person"), nil, nil
			}
			person := persons[r.Intn(len(persons))]
			op, err := DeliverRefused(r, app, ctx, chainID, k, types.ModuleName, person, &types.MsgRegisterPerson{Person: person.Address.String()}, types.ErrAlreadyRegistered)
			return op, nil, err
		}
		kinds := []types.AgentKind{types.AGENT_KIND_COMPANY, types.AGENT_KIND_REGIONAL_COMPANY, types.AGENT_KIND_BANK, types.AGENT_KIND_POOL}
		institution, _, ok := RandomInstitution(r, ctx, k, accs, kinds[r.Intn(len(kinds))])
		if !ok {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "no institution"), nil, nil
		}
		msg := &types.MsgRegisterPerson{Person: institution, Name: "not a person"}
		cache, _ := ctx.CacheContext() // the block's state is untouched whatever happens
		if _, err := app.MsgServiceRouter().Handler(msg)(cache, msg); !errorsmod.IsOf(err, types.ErrNotPerson) {
			return simtypes.NoOpMsg(types.ModuleName, msgType, "registering an institution"), nil, fmt.Errorf("registering %s as a person gave %v, not ErrNotPerson", institution, err)
		}
		return simtypes.NewOperationMsg(msg, true, "refused: "+types.ErrNotPerson.Error()), nil, nil
	}
}

// Members returns the simulated accounts that are members now.
func Members(ctx sdk.Context, k keeper.Keeper, accs []simtypes.Account) []simtypes.Account {
	var out []simtypes.Account
	for _, acc := range accs {
		if k.IsMember(ctx, acc.Address) {
			out = append(out, acc)
		}
	}
	return out
}

// RandomInstitution picks a random agent of kind (a company, the bank) and returns those of
// its workers that are simulated accounts (all of them, as simulated institutions are
// founded by simulated accounts).
func RandomInstitution(r *rand.Rand, ctx sdk.Context, k Keepers, accs []simtypes.Account, kind types.AgentKind) (string, []simtypes.Account, bool) {
	byAddr := make(map[string]simtypes.Account, len(accs))
	for _, a := range accs {
		byAddr[a.Address.String()] = a
	}
	var found []string
	rng := collections.NewPrefixedPairRange[int32, sdk.AccAddress](int32(kind))
	_ = k.Membership.AgentsByKind.Walk(ctx, rng, func(key collections.Pair[int32, sdk.AccAddress]) (bool, error) {
		found = append(found, key.K2().String())
		return false, nil
	})
	if len(found) == 0 {
		return "", nil, false
	}
	company := found[r.Intn(len(found))]
	res, err := keeper.NewQueryServerImpl(k.Membership).Company(ctx, &types.QueryCompanyRequest{Address: company})
	if err != nil {
		return "", nil, false
	}
	var workers []simtypes.Account
	for _, w := range res.Workers {
		if acc, ok := byAddr[w]; ok {
			workers = append(workers, acc)
		}
	}
	return company, workers, len(workers) > 0
}
