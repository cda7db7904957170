package keeper

import (
	"bytes"
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	ibcclienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"

	"github.com/conductor-coop/conductor/x/assembly/types"
	gptypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// messageKinds names the messages whose kind is not the default. A proposal's kind must be
// the kind each of its messages needs, so that no decision takes a milder rule than its
// kind's. The default is general for the region's own messages (conductor.*) and constitution
// for every other module's: a message of the SDK or IBC that the assembly may sign (a
// module's parameters, the circuit breaker's permissions, ...) changes how the chain itself
// works, and needs the strictest rule unless it is named here.
var messageKinds = map[string]types.ProposalKind{
	sdk.MsgTypeURL(&ibcclienttypes.MsgIBCSoftwareUpgrade{}): types.PROPOSAL_KIND_UPGRADE,
	sdk.MsgTypeURL(&ibcclienttypes.MsgRecoverClient{}):      types.PROPOSAL_KIND_GENERAL, // an expired client between two regions
	sdk.MsgTypeURL(&upgradetypes.MsgSoftwareUpgrade{}):      types.PROPOSAL_KIND_UPGRADE,
	sdk.MsgTypeURL(&upgradetypes.MsgCancelUpgrade{}):        types.PROPOSAL_KIND_UPGRADE,
	sdk.MsgTypeURL(&consensustypes.MsgUpdateParams{}):       types.PROPOSAL_KIND_UPGRADE,
	sdk.MsgTypeURL(&membershiptypes.MsgAdmitMember{}):       types.PROPOSAL_KIND_MEMBERSHIP,
	sdk.MsgTypeURL(&membershiptypes.MsgAdmitValidator{}):    types.PROPOSAL_KIND_MEMBERSHIP,
	sdk.MsgTypeURL(&membershiptypes.MsgRevokeValidator{}):   types.PROPOSAL_KIND_MEMBERSHIP,
	sdk.MsgTypeURL(&gptypes.MsgUpdateParams{}):              types.PROPOSAL_KIND_PARAMETERS,
}

// kindOf returns the kind a message needs. A change of the region's parameters that changes
// the assembly's rules is a constitution proposal, read against the rules in force (at
// submission and again at execution, so that a change made meanwhile cannot slip through
// under the milder rule). An authz exec or grant is refused.
func (k Keeper) kindOf(ctx context.Context, msg sdk.Msg) (types.ProposalKind, error) {
	switch m := msg.(type) {
	case *authz.MsgExec, *authz.MsgGrant:
		// an exec would hide its messages' kinds; a grant would let its grantee sign for the
		// assembly, past the members' vote
		return 0, types.ErrInvalidProposal.Wrapf("the assembly neither grants its authority nor runs messages inside an authz exec (%s)", sdk.MsgTypeURL(msg))
	case *gptypes.MsgUpdateParams:
		params, err := k.params(ctx)
		if err != nil {
			return 0, err
		}
		proposed, err := k.cdc.Marshal(&m.Params.Assembly)
		if err != nil {
			return 0, err
		}
		current, err := k.cdc.Marshal(&params.Assembly)
		if err != nil {
			return 0, err
		}
		if !bytes.Equal(proposed, current) {
			return types.PROPOSAL_KIND_CONSTITUTION, nil
		}
	}
	url := sdk.MsgTypeURL(msg)
	if kind, ok := messageKinds[url]; ok {
		return kind, nil
	}
	if strings.HasPrefix(url, "/conductor.") {
		return types.PROPOSAL_KIND_GENERAL, nil
	}
	return types.PROPOSAL_KIND_CONSTITUTION, nil
}

// checkMessages checks a proposal's messages against the state: each is signed by the
// assembly alone, needs the proposal's kind, has a handler and is valid.
func (k Keeper) checkMessages(ctx context.Context, kind types.ProposalKind, msgs []sdk.Msg) error {
	for i, msg := range msgs {
		signers, _, err := k.cdc.GetMsgV1Signers(msg)
		if err != nil {
			return types.ErrInvalidProposal.Wrapf("message %d: %s", i, err)
		}
		if len(signers) != 1 || !sdk.AccAddress(signers[0]).Equals(types.Address) {
			return types.ErrWrongSigner.Wrapf("message %d (%s)", i, sdk.MsgTypeURL(msg))
		}
		need, err := k.kindOf(ctx, msg)
		if err != nil {
			return err
		}
		if need != kind {
			return types.ErrKindMismatch.Wrapf("message %d (%s) needs a %s proposal, not %s", i, sdk.MsgTypeURL(msg), need, kind)
		}
		if k.router.Handler(msg) == nil {
			return types.ErrUnroutable.Wrapf("message %d (%s)", i, sdk.MsgTypeURL(msg))
		}
		if v, ok := msg.(sdk.HasValidateBasic); ok {
			if err := v.ValidateBasic(); err != nil {
				return errorsmod.Wrapf(err, "message %d (%s)", i, sdk.MsgTypeURL(msg)) // the message's own error
			}
		}
	}
	return nil
}

// KindOf returns the kind of proposal msgs need: the one kind they all need (GENERAL if
// they need different ones, which checkMessages then refuses).
func (k Keeper) KindOf(ctx context.Context, msgs []sdk.Msg) (types.ProposalKind, error) {
	kind := types.PROPOSAL_KIND_UNSPECIFIED
	for _, msg := range msgs {
		need, err := k.kindOf(ctx, msg)
		if err != nil {
			return 0, err
		}
		if kind != types.PROPOSAL_KIND_UNSPECIFIED && kind != need {
			return types.PROPOSAL_KIND_GENERAL, nil
		}
		kind = need
	}
	return kind, nil
}

// CheckProposal tells whether msg would be accepted now, changing nothing.
func (k Keeper) CheckProposal(ctx sdk.Context, msg *types.MsgPropose) error {
	if err := msg.ValidateBasic(); err != nil {
		return err
	}
	cache, _ := ctx.CacheContext()
	_, err := k.propose(cache, msg)
	return err
}
