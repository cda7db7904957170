package cmd

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"

	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	governanceparamstypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// proposeParamsCmd proposes to the assembly a change of the region's parameters: it reads
// the parameters in force, applies the changes, and submits the assembly proposal carrying
// MsgUpdateParams, signed by a member: a parameters proposal, or a constitution proposal if
// it changes the assembly's own rules.
func proposeParamsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "propose-params [key=value]... --from member",
		Short: "Propose to the assembly a change of the region's parameters",
		Long: `Propose to the assembly a change of the region's parameters. The other parameters keep
their values. The proposal is deliberated, then members vote with "tx assembly vote"; it
passes on the kind's quorum and threshold ("query governanceparams params": assembly.kinds).`,
		Example: "conductord tx propose-params income_tax_rate=0.25 --summary \"fund the schools\" --from alice",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			assembly, err := membershiptypes.NewQueryClient(clientCtx).Assembly(ctx, &membershiptypes.QueryAssemblyRequest{})
			if err != nil {
				return err
			}
			current, err := governanceparamstypes.NewQueryClient(clientCtx).Params(ctx, &governanceparamstypes.QueryParamsRequest{})
			if err != nil {
				return err
			}
			params := current.Params
			if err := editParams(clientCtx.Codec, &params, args); err != nil {
				return err
			}
			kind := assemblytypes.PROPOSAL_KIND_PARAMETERS
			before, err := clientCtx.Codec.Marshal(&current.Params.Assembly)
			if err != nil {
				return err
			}
			after, err := clientCtx.Codec.Marshal(&params.Assembly)
			if err != nil {
				return err
			}
			if !bytes.Equal(before, after) {
				kind = assemblytypes.PROPOSAL_KIND_CONSTITUTION
			}
			title, _ := cmd.Flags().GetString("title")
			summary, _ := cmd.Flags().GetString("summary")
			metadata, _ := cmd.Flags().GetString("metadata")
			update := &governanceparamstypes.MsgUpdateParams{Authority: assembly.Assembly.Address, Params: params}
			prop, err := assemblytypes.NewMsgPropose(clientCtx.GetFromAddress().String(), kind, title, summary, metadata, update)
			if err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), prop)
		},
	}
	cmd.Flags().String("title", "Change the region's parameters", "the proposal's title")
	cmd.Flags().String("summary", "", "why the change")
	cmd.Flags().String("metadata", "", "a link to the deliberation (comments, documents)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}
