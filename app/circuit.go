package app

import (
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"
	circuittypes "cosmossdk.io/x/circuit/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
)

// CircuitCodespace is the codespace of the app's own errors.
const CircuitCodespace = "conductor"

// ErrMsgRefused is a message that has no use in a region, refused on every path.
var ErrMsgRefused = errorsmod.Register(CircuitCodespace, 2, "this message has no use in a region: stake earns no rewards and fees are the region's")

// RefusedMsgs are the messages a region refuses always, whoever signs them and however they
// arrive. A region has no x/mint and x/dividend sweeps the fees to the treasury every block,
// so x/distribution never has rewards or commission to pay, and these messages could only:
//
//   - MsgSetWithdrawAddress: point a delegator's (or an operator's) rewards at another
//     account, such as a company or the treasury. When x/distribution later pays it (a
//     withdrawal, or AfterValidatorRemoved paying the commission inside staking's
//     EndBlocker), the RSC rule refuses the send: a redirection of money if it were allowed,
//     an EndBlock error that halts the chain since it is not.
//   - MsgDepositValidatorRewardsPool: create rewards out of nothing the region decided, the
//     trigger of the payment above.
//   - MsgFundCommunityPool, MsgCommunityPoolSpend: move RSC into and out of a pool that is
//     not the region's treasury and not under the assembly's rules.
//
// A delegator's MsgWithdrawDelegatorReward and an operator's MsgWithdrawValidatorCommission
// still work; they pay nothing, or what there is to the delegator itself.
var RefusedMsgs = []string{
	sdk.MsgTypeURL(&distrtypes.MsgSetWithdrawAddress{}),
	sdk.MsgTypeURL(&distrtypes.MsgDepositValidatorRewardsPool{}),
	sdk.MsgTypeURL(&distrtypes.MsgFundCommunityPool{}),
	sdk.MsgTypeURL(&distrtypes.MsgCommunityPoolSpend{}),
}

// regionCircuit is the circuit breaker baseapp's MsgServiceRouter asks about every message
// it routes: the messages of direct txs, and the inner messages of authz MsgExec, x/group
// proposal executions (the assembly's among them) and interchain-account host packets, all
// of which run through that router (baseapp/msg_service_router.go). It refuses RefusedMsgs and
// asks the circuit keeper (the breakers the circuit authority trips) about the rest.
type regionCircuit struct {
	refused map[string]bool
	next    baseapp.CircuitBreaker
}

var _ baseapp.CircuitBreaker = regionCircuit{}

// NewRegionCircuit wraps next (the circuit keeper) with the region's refusals.
func NewRegionCircuit(next baseapp.CircuitBreaker) baseapp.CircuitBreaker {
	refused := make(map[string]bool, len(RefusedMsgs))
	for _, url := range RefusedMsgs {
		refused[url] = true
	}
	return regionCircuit{refused: refused, next: next}
}

// IsAllowed refuses RefusedMsgs with ErrMsgRefused, lets the assembly's messages and the
// circuit's reset through always (so that no one holding a circuit permission can stop the
// members from deciding, or keep a breaker tripped against them), and asks the circuit
// keeper otherwise.
func (c regionCircuit) IsAllowed(ctx context.Context, typeURL string) (bool, error) {
	if c.refused[typeURL] {
		return false, errorsmod.Wrap(ErrMsgRefused, typeURL)
	}
	if strings.HasPrefix(typeURL, "/conductor.assembly.") || typeURL == sdk.MsgTypeURL(&circuittypes.MsgResetCircuitBreaker{}) {
		return true, nil
	}
	return c.next.IsAllowed(ctx, typeURL)
}
