package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Members is the register of the region's members (x/membership): who may propose and
// vote, since when, and how many there are.
type Members interface {
	// MemberSince returns whether addr is a member and the height they were admitted at.
	MemberSince(ctx context.Context, addr sdk.AccAddress) (member bool, since int64, err error)
	// Count is the number of members now.
	Count(ctx context.Context) (uint64, error)
}
