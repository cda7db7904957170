package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx"
)

// Bounds of a proposal's text and messages.
const (
	MaxTitle    = 256
	MaxSummary  = 10_000
	MaxMetadata = 2_048
	MaxMessages = 20
	// MaxMessageBytes bounds the encoded messages of a proposal, so that reading the open
	// proposals (a vote, a proxy change) stays cheap.
	MaxMessageBytes = 64 << 10
)

// NewMsgPropose builds a proposal of msgs (each signed by the assembly's account).
func NewMsgPropose(proposer string, kind ProposalKind, title, summary, metadata string, msgs ...sdk.Msg) (*MsgPropose, error) {
	anys, err := tx.SetMsgs(msgs)
	if err != nil {
		return nil, err
	}
	return &MsgPropose{Proposer: proposer, Kind: kind, Title: title, Summary: summary, Metadata: metadata, Messages: anys}, nil
}

// ValidateBasic checks what needs no state: a kind, a title, bounded text, 1 to 20 messages.
func (m MsgPropose) ValidateBasic() error {
	return validateContent(m.Kind, m.Title, m.Summary, m.Metadata, m.Messages)
}

// ValidateBasic checks the amended content as a proposal's.
func (m MsgAmend) ValidateBasic() error {
	if m.ProposalId == 0 {
		return errorsmod.Wrap(ErrUnknownProposal, "proposal id 0")
	}
	return validateContent(m.Kind, m.Title, m.Summary, m.Metadata, m.Messages)
}

// ValidateBasic checks the option.
func (m MsgVote) ValidateBasic() error {
	if m.Option != VOTE_OPTION_YES && m.Option != VOTE_OPTION_NO && m.Option != VOTE_OPTION_ABSTAIN {
		return errorsmod.Wrapf(ErrInvalidVote, "got %s", m.Option)
	}
	if m.ProposalId == 0 {
		return errorsmod.Wrap(ErrUnknownProposal, "proposal id 0")
	}
	return nil
}

// ValidateBasic checks the proxy's kind.
func (m MsgGiveProxy) ValidateBasic() error { return ValidateProxyKind(m.Kind) }

// ValidateBasic checks the proxy's kind.
func (m MsgTakeBackProxy) ValidateBasic() error { return ValidateProxyKind(m.Kind) }

// ValidateProxyKind accepts unspecified (every kind) or a known kind.
func ValidateProxyKind(k ProposalKind) error {
	if _, ok := ProposalKind_name[int32(k)]; !ok {
		return errorsmod.Wrapf(ErrInvalidProposal, "unknown kind %d", k)
	}
	return nil
}

func validateContent(kind ProposalKind, title, summary, metadata string, msgs []*codectypes.Any) error {
	if _, ok := ProposalKind_name[int32(kind)]; !ok || kind == PROPOSAL_KIND_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidProposal, "a proposal needs a kind: general, parameters, membership, upgrade or constitution (got %d)", kind)
	}
	checks := []struct {
		what string
		n    int
		max  int
	}{{"title", len(title), MaxTitle}, {"summary", len(summary), MaxSummary}, {"metadata", len(metadata), MaxMetadata}, {"messages", len(msgs), MaxMessages}}
	for _, c := range checks {
		if c.n > c.max {
			return errorsmod.Wrapf(ErrInvalidProposal, "%s: %d, at most %d", c.what, c.n, c.max)
		}
	}
	if title == "" {
		return errorsmod.Wrap(ErrInvalidProposal, "a proposal needs a title")
	}
	if len(msgs) == 0 {
		return errorsmod.Wrap(ErrInvalidProposal, "a proposal carries at least one message")
	}
	size := 0
	for i, m := range msgs {
		if m == nil || m.GetCachedValue() == nil {
			return errorsmod.Wrapf(ErrInvalidProposal, "message %d cannot be decoded", i)
		}
		size += len(m.Value)
	}
	if size > MaxMessageBytes {
		return errorsmod.Wrapf(ErrInvalidProposal, "messages: %d bytes, at most %d", size, MaxMessageBytes)
	}
	return nil
}

// Msgs returns a proposal's messages.
func Msgs(anys []*codectypes.Any) ([]sdk.Msg, error) {
	msgs := make([]sdk.Msg, len(anys))
	for i, a := range anys {
		m, ok := a.GetCachedValue().(sdk.Msg)
		if !ok {
			return nil, errorsmod.Wrapf(ErrInvalidProposal, "message %d (%s) is not a message", i, a.TypeUrl)
		}
		msgs[i] = m
	}
	return msgs, nil
}

// Counted returns the members a tally counts: turnout's numerator.
func (t Tally) Counted() uint64 { return t.Yes + t.No + t.Abstain }

// Add adds n members to option's count.
func (t *Tally) Add(o VoteOption, n uint64) { *t.count(o) += n }

// Sub takes n members from option's count.
func (t *Tally) Sub(o VoteOption, n uint64) error {
	c := t.count(o)
	if *c < n {
		return fmt.Errorf("tally: %s has %d, cannot take %d", o, *c, n)
	}
	*c -= n
	return nil
}

func (t *Tally) count(o VoteOption) *uint64 {
	switch o {
	case VOTE_OPTION_YES:
		return &t.Yes
	case VOTE_OPTION_NO:
		return &t.No
	default:
		return &t.Abstain
	}
}
