package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	"github.com/conductor-coop/conductor/x/internal/modulekit"
	"github.com/conductor-coop/conductor/x/membership/types"
)

// DefaultVotingPeriod is the voting period of a company that did not choose one.
const DefaultVotingPeriod = 24 * time.Hour

// majority is the default decision rule: more than half of all votes.
var majority = "0.500000000000000001"

// Keeper is the registry of the region's agents, its assembly and its admitted validators.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	group        types.GroupKeeper
	account      types.AccountKeeper
	staking      types.StakingKeeper
	// admin is the membership module's address: the admin of every group it creates, so that
	// admission, leaving and employment keep the groups in sync.
	admin string
	hooks *memberHooks

	Schema       collections.Schema
	Agents       collections.Map[sdk.AccAddress, types.Agent]
	AgentsByKind collections.KeySet[collections.Pair[int32, sdk.AccAddress]]
	// Members indexes the persons who are members (Agent.Member), so that members are walked
	// and listed without reading the non-members.
	Members collections.KeySet[sdk.AccAddress]
	// MemberCount is the number of members: the assembly's electorate, read in O(1).
	MemberCount        collections.Item[uint64]
	AdmittedValidators collections.KeySet[sdk.AccAddress]
}

// NewKeeper returns the membership keeper.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, addressCodec address.Codec, groupKeeper types.GroupKeeper, accountKeeper types.AccountKeeper, stakingKeeper types.StakingKeeper) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	admin, err := addressCodec.BytesToString(authtypes.NewModuleAddress(types.ModuleName))
	if err != nil {
		panic(err)
	}
	k := Keeper{
		cdc:                cdc,
		addressCodec:       addressCodec,
		group:              groupKeeper,
		account:            accountKeeper,
		staking:            stakingKeeper,
		admin:              admin,
		hooks:              &memberHooks{},
		Agents:             collections.NewMap(sb, types.AgentsKey, "agents", sdk.AccAddressKey, codec.CollValue[types.Agent](cdc)),
		AgentsByKind:       collections.NewKeySet(sb, types.AgentsByKindKey, "agents_by_kind", collections.PairKeyCodec(collections.Int32Key, sdk.AccAddressKey)),
		Members:            collections.NewKeySet(sb, types.MembersKey, "members", sdk.AccAddressKey),
		MemberCount:        collections.NewItem(sb, types.MemberCountKey, "member_count", collections.Uint64Value),
		AdmittedValidators: collections.NewKeySet(sb, types.AdmittedValidatorsKey, "admitted_validators", sdk.AccAddressKey),
	}
	k.Schema = modulekit.Schema(sb)
	return k
}

// Logger returns the module's logger.
func (k Keeper) Logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

// AddressCodec returns the account address codec.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

func (k Keeper) address(s, what string) (sdk.AccAddress, error) {
	return modulekit.Address(k.addressCodec, s, what, types.ErrInvalidAddress)
}

// Authority returns the assembly's account (x/assembly): the authority of every module.
func (k Keeper) Authority(context.Context) (string, error) {
	return k.addressCodec.BytesToString(assemblytypes.Address)
}

// CheckAuthority returns ErrUnauthorized unless signer is the assembly's account.
func (k Keeper) CheckAuthority(ctx context.Context, signer string) error {
	authority, err := k.Authority(ctx)
	if err != nil {
		return err
	}
	if signer != authority {
		return errorsmod.Wrapf(types.ErrUnauthorized, "expected %s, got %s", authority, signer)
	}
	return nil
}

// GetAgent returns the agent at addr, or ErrUnknownAgent.
func (k Keeper) GetAgent(ctx context.Context, addr sdk.AccAddress) (types.Agent, error) {
	return modulekit.Get(ctx, k.Agents, addr, types.ErrUnknownAgent)
}

// IsMember tells whether addr is a member of the region in good standing.
func (k Keeper) IsMember(ctx context.Context, addr sdk.AccAddress) bool {
	agent, err := k.Agents.Get(ctx, addr)
	return err == nil && isMember(agent)
}

// SetAgent stores an agent, its kind index and the members index as given (callers set
// SinceHeight).
func (k Keeper) SetAgent(ctx context.Context, agent types.Agent) error {
	addr, err := k.addressCodec.StringToBytes(agent.Address)
	if err != nil {
		return errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
	}
	old, err := k.Agents.Get(ctx, addr)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	known := err == nil
	if known && old.Kind != agent.Kind {
		if err := k.AgentsByKind.Remove(ctx, collections.Join(int32(old.Kind), sdk.AccAddress(addr))); err != nil {
			return err
		}
	}
	member := isMember(agent)
	was := known && isMember(old)
	if err := k.Agents.Set(ctx, addr, agent); err != nil {
		return err
	}
	if was != member {
		if err := k.countMember(ctx, addr, member); err != nil {
			return err
		}
	}
	return k.AgentsByKind.Set(ctx, collections.Join(int32(agent.Kind), sdk.AccAddress(addr)))
}

// countMember adds a member to (or takes one from) the members index and count.
func (k Keeper) countMember(ctx context.Context, addr sdk.AccAddress, member bool) error {
	n, err := k.MemberCount.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if member {
		if err := k.Members.Set(ctx, addr); err != nil {
			return err
		}
		return k.MemberCount.Set(ctx, n+1)
	}
	if err := k.Members.Remove(ctx, addr); err != nil {
		return err
	}
	return k.MemberCount.Set(ctx, n-1)
}

// Count returns the number of members.
func (k Keeper) Count(ctx context.Context) (uint64, error) {
	n, err := k.MemberCount.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return n, err
}

// MemberSince tells whether addr is a member and since which height (x/assembly: a member
// admitted after a proposal's voting opened votes from the next proposal).
func (k Keeper) MemberSince(ctx context.Context, addr sdk.AccAddress) (bool, int64, error) {
	agent, err := k.Agents.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return false, 0, nil
	}
	return err == nil && isMember(agent), agent.SinceHeight, err
}

// isMember tells whether a stored agent is a member of the region.
func isMember(a types.Agent) bool { return a.Kind == types.AGENT_KIND_PERSON && a.Member }

// personAgent returns the person at addr: a registered person, or a new non-member
// person for an address the region has not seen. Other kinds are ErrNotPerson.
func (k Keeper) personAgent(ctx context.Context, address string) (types.Agent, sdk.AccAddress, error) {
	addr, err := k.address(address, "person")
	if err != nil {
		return types.Agent{}, nil, err
	}
	agent, err := k.Agents.Get(ctx, addr)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return types.Agent{Address: address, Kind: types.AGENT_KIND_PERSON}, addr, nil
	case err != nil:
		return agent, addr, err
	case agent.Kind != types.AGENT_KIND_PERSON:
		return agent, addr, errorsmod.Wrapf(types.ErrNotPerson, "%s is a %s", address, agent.Kind)
	}
	return agent, addr, nil
}

// admit makes a person a member, with one vote in the assembly from the next proposal that
// opens: a registered
// non-member, or an address the region has not seen, which is registered as a person then
// (unless it is no human's account: requireHuman).
func (k Keeper) admit(ctx context.Context, address string) error {
	agent, addr, err := k.personAgent(ctx, address)
	if err != nil {
		return err
	}
	if agent.Member {
		return errorsmod.Wrapf(types.ErrAlreadyMember, "%s", address)
	}
	if registered, err := k.Agents.Has(ctx, addr); err != nil {
		return err
	} else if !registered {
		if err := k.requireHuman(ctx, addr, address); err != nil {
			return err
		}
	}
	agent.Member = true
	agent.SinceHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := k.SetAgent(ctx, agent); err != nil {
		return err
	}
	if err := k.afterAdmitted(ctx, addr); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventMemberAdmitted{Person: address})
}

// leave ends a membership: the person's votes and proxies in the assembly end with it. The person stays
// registered, as a non-member: they are still a human of the region's economy (a worker, a
// tenant, a buyer at the external rate), and the registry keeps when their status changed.
func (k Keeper) leave(ctx context.Context, address string) error {
	agent, addr, err := k.personAgent(ctx, address)
	if err != nil {
		return err
	}
	if !agent.Member {
		return errorsmod.Wrapf(types.ErrNotMember, "%s", address)
	}
	if n, err := k.Count(ctx); err != nil {
		return err
	} else if n <= 1 {
		return types.ErrLastMember
	}
	if err := k.beforeLeaving(ctx, addr); err != nil {
		return err
	}
	agent.Member = false
	agent.SinceHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := k.SetAgent(ctx, agent); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventMemberLeft{Person: address})
}

// setWeight sets a member's weight in a group the module administers ("0" removes).
func (k Keeper) setWeight(ctx context.Context, groupID uint64, address, weight string) error {
	_, err := k.group.UpdateGroupMembers(ctx, &group.MsgUpdateGroupMembers{
		Admin:         k.admin,
		GroupId:       groupID,
		MemberUpdates: []group.MemberRequest{{Address: address, Weight: weight}},
	})
	return err
}

// DecisionPolicy builds the x/group decision policy a company's workers chose.
func DecisionPolicy(kind types.DecisionKind, threshold string, votingPeriod, minExecution time.Duration) (group.DecisionPolicy, error) {
	if votingPeriod < 0 || minExecution < 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidDecision, "periods cannot be negative")
	}
	if votingPeriod == 0 {
		votingPeriod = DefaultVotingPeriod
	}
	windows := &group.DecisionPolicyWindows{VotingPeriod: votingPeriod, MinExecutionPeriod: minExecution}
	var policy group.DecisionPolicy
	switch kind {
	case types.DECISION_KIND_UNSPECIFIED:
		if threshold != "" {
			return nil, errorsmod.Wrap(types.ErrInvalidDecision, "a threshold needs a decision kind")
		}
		policy = &group.PercentageDecisionPolicy{Percentage: majority, Windows: windows}
	case types.DECISION_KIND_PERCENTAGE:
		d, err := math.LegacyNewDecFromStr(threshold)
		if err != nil || !d.IsPositive() || d.GT(math.LegacyOneDec()) {
			return nil, errorsmod.Wrapf(types.ErrInvalidDecision, "percentage %q must be in (0,1]", threshold)
		}
		policy = &group.PercentageDecisionPolicy{Percentage: threshold, Windows: windows}
	case types.DECISION_KIND_THRESHOLD:
		n, ok := math.NewIntFromString(threshold)
		if !ok || !n.IsPositive() {
			return nil, errorsmod.Wrapf(types.ErrInvalidDecision, "threshold %q must be a positive count", threshold)
		}
		policy = &group.ThresholdDecisionPolicy{Threshold: threshold, Windows: windows}
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidDecision, "unknown decision kind %d", kind)
	}
	if err := policy.ValidateBasic(); err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidDecision, err.Error())
	}
	return policy, nil
}

// found creates an institution: a group of its workers (one vote each, administered by this
// module) with a policy account that administers itself, registered as an agent.
func (k Keeper) found(ctx context.Context, inst types.Institution, policy group.DecisionPolicy) (types.Agent, error) {
	if err := types.ValidateName(inst.Name); err != nil {
		return types.Agent{}, err
	}
	if !inst.Kind.HasGroup() {
		return types.Agent{}, errorsmod.Wrapf(types.ErrInvalidKind, "%s cannot be founded", inst.Kind)
	}
	if len(inst.Workers) == 0 {
		return types.Agent{}, types.ErrNoWorkers
	}
	members := make([]group.MemberRequest, 0, len(inst.Workers))
	seen := make(map[string]bool, len(inst.Workers))
	for _, w := range inst.Workers {
		if _, _, err := k.personAgent(ctx, w); err != nil {
			return types.Agent{}, err
		}
		if seen[w] {
			return types.Agent{}, errorsmod.Wrapf(types.ErrDuplicateWorker, "%s", w)
		}
		seen[w] = true
		members = append(members, group.MemberRequest{Address: w, Weight: "1"})
	}
	policyAny, err := codectypes.NewAnyWithValue(policy)
	if err != nil {
		return types.Agent{}, err
	}
	res, err := k.group.CreateGroupWithPolicy(ctx, &group.MsgCreateGroupWithPolicy{
		Admin:               k.admin,
		Members:             members,
		GroupMetadata:       inst.Name,
		GroupPolicyMetadata: inst.Name,
		DecisionPolicy:      policyAny,
	})
	if err != nil {
		return types.Agent{}, errorsmod.Wrap(types.ErrInvalidDecision, err.Error())
	}
	if _, err := k.group.UpdateGroupPolicyAdmin(ctx, &group.MsgUpdateGroupPolicyAdmin{
		Admin: k.admin, GroupPolicyAddress: res.GroupPolicyAddress, NewAdmin: res.GroupPolicyAddress,
	}); err != nil {
		return types.Agent{}, err
	}
	agent := types.Agent{
		Address: res.GroupPolicyAddress, Kind: inst.Kind, Name: inst.Name, GroupId: res.GroupId,
		SinceHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := k.SetAgent(ctx, agent); err != nil {
		return types.Agent{}, err
	}
	return agent, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventInstitutionFounded{
		Address: agent.Address, Name: agent.Name, Kind: agent.Kind, GroupId: agent.GroupId, Workers: inst.Workers,
	})
}

// FoundPool creates a pool's account for x/federation: a group of its representatives (persons
// on this chain, one vote each) whose policy account administers itself, registered as a pool.
func (k Keeper) FoundPool(ctx context.Context, name string, representatives []string) (types.Agent, error) {
	policy, err := DecisionPolicy(types.DECISION_KIND_UNSPECIFIED, "", 0, 0)
	if err != nil {
		return types.Agent{}, err
	}
	return k.found(ctx, types.Institution{Name: name, Kind: types.AGENT_KIND_POOL, Workers: representatives}, policy)
}

// admitValidator records an operator admitted by the assembly.
func (k Keeper) admitValidator(ctx context.Context, operator string) error {
	addr, err := k.addressCodec.StringToBytes(operator)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAddress, "%q: %s", operator, err)
	}
	if has, err := k.AdmittedValidators.Has(ctx, addr); err != nil {
		return err
	} else if has {
		return errorsmod.Wrapf(types.ErrValidatorAdmitted, "%s", operator)
	}
	if err := k.AdmittedValidators.Set(ctx, addr); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventValidatorAdmitted{Operator: operator})
}

func (k Keeper) mustAddress(addr sdk.AccAddress) string {
	s, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		panic(fmt.Sprintf("address codec: %v", err))
	}
	return s
}
