package modulekit

import autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

// Positional makes the positional arguments of an AutoCLI command from the message fields.
func Positional(fields ...string) []*autocliv1.PositionalArgDescriptor {
	out := make([]*autocliv1.PositionalArgDescriptor, len(fields))
	for i, f := range fields {
		out[i] = &autocliv1.PositionalArgDescriptor{ProtoField: f}
	}
	return out
}
