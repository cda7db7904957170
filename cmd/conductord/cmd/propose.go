package cmd

import (
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	governanceparamstypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
)

// proposeParamsCmd proposes to the assembly a change of the region's parameters: it reads
// the parameters in force, applies the changes, and submits the assembly proposal carrying
// MsgUpdateParams, signed by a member.
func proposeParamsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "propose-params [key=value]... --from member",
		Short: "Propose to the assembly a change of the region's parameters",
		Long: `Propose to the assembly a change of the region's parameters. The other parameters keep
their values. Members then vote with "tx group vote"; it passes by a count of members.
With --exec try the proposer votes yes at once and the change runs if that is enough.`,
		Example: "conductord tx propose-params income_tax_rate=0.25 --from alice",
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
			title, _ := cmd.Flags().GetString("title")
			summary, _ := cmd.Flags().GetString("summary")
			execTry, _ := cmd.Flags().GetBool("exec-try")
			exec := group.Exec_EXEC_UNSPECIFIED
			if execTry {
				exec = group.Exec_EXEC_TRY
			}
			policy := assembly.Assembly.Address
			update := &governanceparamstypes.MsgUpdateParams{Authority: policy, Params: params}
			prop, err := group.NewMsgSubmitProposal(policy, []string{clientCtx.GetFromAddress().String()}, []sdk.Msg{update}, "", exec, title, summary)
			if err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), prop)
		},
	}
	cmd.Flags().String("title", "Change the region's parameters", "the proposal's title")
	cmd.Flags().String("summary", "", "why the change")
	cmd.Flags().Bool("exec-try", false, "vote yes as the proposer and run the change if that is enough")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}
