// Package cli holds the assembly's hand-written commands: a proposal's messages are given
// as JSON in a file, which AutoCLI cannot read into a repeated Any.
package cli

import (
	"fmt"
	"os"
	"strconv"

	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"

	"github.com/conductor-coop/conductor/x/assembly/types"
)

const proposalFormat = `The file holds the proposal as JSON:
  {"kind": "PROPOSAL_KIND_PARAMETERS", "title": "...", "summary": "...", "metadata": "https://...",
   "messages": [{"@type": "/conductor.governanceparams.v1.MsgUpdateParams", "authority": "<assembly>", ...}]}
Every message is signed by the assembly's account ("conductord query membership assembly").
Kinds: general, parameters, membership (admitting members and validators), upgrade,
constitution (the assembly's own rules); a proposal's messages decide which it must be.`

// ProposeCmd submits a proposal from a JSON file.
func ProposeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "propose [proposal.json] --from member",
		Short: "Put a proposal to the members; it opens in deliberation, then voting",
		Long:  "Put a proposal to the members. " + proposalFormat,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			clientCtx = clientCtx.WithOutput(cmd.OutOrStdout())
			msg := &types.MsgPropose{}
			if err := readJSON(clientCtx, args[0], msg); err != nil {
				return err
			}
			msg.Proposer = clientCtx.GetFromAddress().String()
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// AmendCmd replaces a proposal's content while it is in deliberation.
func AmendCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "amend [proposal-id] [proposal.json] --from proposer",
		Short: "Amend your proposal while it is in deliberation",
		Long:  "Replace a proposal's kind, title, summary, metadata and messages while it is in deliberation. " + proposalFormat,
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			clientCtx = clientCtx.WithOutput(cmd.OutOrStdout())
			id, err := strconv.ParseUint(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("proposal id %q: %w", args[0], err)
			}
			msg := &types.MsgAmend{}
			if err := readJSON(clientCtx, args[1], msg); err != nil {
				return err
			}
			msg.Proposer, msg.ProposalId = clientCtx.GetFromAddress().String(), id
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func readJSON(clientCtx client.Context, path string, msg proto.Message) error {
	bz, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := clientCtx.Codec.UnmarshalJSON(bz, msg); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
