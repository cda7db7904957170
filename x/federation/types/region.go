package types

import (
	"net"
	"net/url"
	"regexp"

	errorsmod "cosmossdk.io/errors"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
)

// MaxEndpoint is the longest endpoint the directory keeps; MaxReason the longest reason a
// spend records.
const (
	MaxEndpoint = 256
	MaxReason   = 256
)

var regionName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// ValidateName checks a region's name: 1 to 64 letters, digits, '-' or '_'.
func ValidateName(name string) error {
	if !regionName.MatchString(name) {
		return errorsmod.Wrapf(ErrInvalidRegion, "name %q: 1 to 64 letters, digits, '-' or '_'", name)
	}
	return nil
}

// Validate checks a directory entry on its own: name, chain id, channel and endpoints.
func (r Region) Validate() error {
	if err := ValidateName(r.Name); err != nil {
		return err
	}
	if r.ChainId == "" || len(r.ChainId) > 64 {
		return errorsmod.Wrapf(ErrInvalidRegion, "chain id %q: 1 to 64 characters", r.ChainId)
	}
	if !channeltypes.IsValidChannelID(r.ChannelId) {
		return errorsmod.Wrapf(ErrInvalidRegion, "channel %q is not a channel identifier (channel-N)", r.ChannelId)
	}
	for what, u := range map[string]string{"rest": r.Endpoints.Rest, "rpc": r.Endpoints.Rpc, "grpc": r.Endpoints.Grpc} {
		if len(u) > MaxEndpoint {
			return errorsmod.Wrapf(ErrInvalidRegion, "%s endpoint: at most %d characters", what, MaxEndpoint)
		}
		if u == "" || what == "grpc" {
			continue
		}
		parsed, err := url.Parse(u)
		if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
			return errorsmod.Wrapf(ErrInvalidRegion, "%s endpoint %q: an http(s) URL", what, u)
		}
	}
	if g := r.Endpoints.Grpc; g != "" {
		if _, _, err := net.SplitHostPort(g); err != nil {
			return errorsmod.Wrapf(ErrInvalidRegion, "grpc endpoint %q: host:port", g)
		}
	}
	return nil
}

// ValidatePool checks a pool's name and purpose.
func ValidatePool(name, purpose string) error {
	if name == "" || len(name) > 64 {
		return errorsmod.Wrapf(ErrInvalidPool, "name %q: 1 to 64 characters", name)
	}
	if len(purpose) > 512 {
		return errorsmod.Wrap(ErrInvalidPool, "purpose: at most 512 characters")
	}
	return nil
}
