package cmd

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	federationtypes "github.com/conductor-coop/conductor/x/federation/types"
	governanceparamstypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
)

// RegionCmd groups the commands that found a region in its genesis file.
func RegionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "region",
		Short: "Found a region in the genesis file: members, institutions, assembly, treasury",
		RunE:  client.ValidateCmd,
	}
	cmd.AddCommand(addMembersCmd(), addInstitutionCmd(), setAssemblyCmd(), fundTreasuryCmd(), setParamsCmd(), addOccupationCmd(), addRegionCmd())
	return cmd
}

// editGenesis loads the genesis file, lets edit change the app state, and writes it back.
func editGenesis(cmd *cobra.Command, edit func(cdc codec.Codec, appState map[string]json.RawMessage) error) error {
	clientCtx := client.GetClientContextFromCmd(cmd)
	cfg := server.GetServerContextFromCmd(cmd).Config
	cfg.SetRoot(clientCtx.HomeDir)
	genFile := cfg.GenesisFile()
	appState, appGenesis, err := genutiltypes.GenesisStateFromGenFile(genFile)
	if err != nil {
		return fmt.Errorf("read genesis %s: %w", genFile, err)
	}
	if err := edit(clientCtx.Codec, appState); err != nil {
		return err
	}
	if appGenesis.AppState, err = json.Marshal(appState); err != nil {
		return err
	}
	return genutil.ExportGenesisFile(appGenesis, genFile)
}

func editMembership(cmd *cobra.Command, edit func(*membershiptypes.GenesisState) error) error {
	return editGenesis(cmd, func(cdc codec.Codec, appState map[string]json.RawMessage) error {
		var gs membershiptypes.GenesisState
		if err := cdc.UnmarshalJSON(appState[membershiptypes.ModuleName], &gs); err != nil {
			return err
		}
		if err := edit(&gs); err != nil {
			return err
		}
		if err := gs.Validate(); err != nil {
			return err
		}
		bz, err := cdc.MarshalJSON(&gs)
		appState[membershiptypes.ModuleName] = bz
		return err
	})
}

func checkAddresses(addrs []string) error {
	for _, a := range addrs {
		if _, err := sdk.AccAddressFromBech32(a); err != nil {
			return fmt.Errorf("%w: %q: %s", membershiptypes.ErrInvalidAddress, a, err)
		}
	}
	return nil
}

func addMembersCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "add-members [address]...",
		Short: "Add founding members: persons with one vote each in the assembly",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkAddresses(args); err != nil {
				return err
			}
			return editMembership(cmd, func(gs *membershiptypes.GenesisState) error {
				for _, a := range args {
					gs.Agents = append(gs.Agents, membershiptypes.Agent{Address: a, Kind: membershiptypes.AGENT_KIND_PERSON, Member: true})
				}
				return nil
			})
		},
	}
}

func addInstitutionCmd() *cobra.Command {
	kinds := map[string]membershiptypes.AgentKind{
		"company":          membershiptypes.AGENT_KIND_COMPANY,
		"regional-company": membershiptypes.AGENT_KIND_REGIONAL_COMPANY,
		"bank":             membershiptypes.AGENT_KIND_BANK,
	}
	return &cobra.Command{
		Use:   "add-institution [company|regional-company|bank] [name] [worker-or-board-address]...",
		Short: "Found a company, regional company or the bank when the chain starts",
		Args:  cobra.MinimumNArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, ok := kinds[args[0]]
			if !ok {
				return fmt.Errorf("%w: %q (want company, regional-company or bank)", membershiptypes.ErrInvalidKind, args[0])
			}
			if err := checkAddresses(args[2:]); err != nil {
				return err
			}
			return editMembership(cmd, func(gs *membershiptypes.GenesisState) error {
				gs.Institutions = append(gs.Institutions, membershiptypes.Institution{Name: args[1], Kind: kind, Workers: args[2:]})
				return nil
			})
		},
	}
}

func setAssemblyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "set-assembly",
		Short: "Set the assembly's rules for every proposal kind: deliberation and voting periods, quorum, threshold",
		Long: `Set the assembly's rules (governanceparams assembly.kinds) for every proposal kind at once;
a flag not given keeps each kind's value. A proposal passes when turnout (members who voted,
in person or by proxy, over the members when voting opened) reaches the quorum and yes votes
are more than the threshold of yes + no.`,
		Example: "conductord genesis region set-assembly --deliberation-period 10s --voting-period 60s",
		RunE: func(cmd *cobra.Command, _ []string) error {
			var set []func(*governanceparamstypes.KindRule) error
			if cmd.Flags().Changed("deliberation-period") {
				d, _ := cmd.Flags().GetDuration("deliberation-period")
				set = append(set, func(k *governanceparamstypes.KindRule) error { k.DeliberationPeriod = d; return nil })
			}
			if cmd.Flags().Changed("voting-period") {
				d, _ := cmd.Flags().GetDuration("voting-period")
				set = append(set, func(k *governanceparamstypes.KindRule) error { k.VotingPeriod = d; return nil })
			}
			for _, name := range []string{"quorum", "threshold"} {
				if !cmd.Flags().Changed(name) {
					continue
				}
				v, _ := cmd.Flags().GetString(name)
				d, err := math.LegacyNewDecFromStr(v)
				if err != nil {
					return fmt.Errorf("%w: %s %q", governanceparamstypes.ErrInvalidParams, name, v)
				}
				set = append(set, func(k *governanceparamstypes.KindRule) error {
					if name == "quorum" {
						k.Quorum = d
					} else {
						k.Threshold = d
					}
					return nil
				})
			}
			return editParamsGenesis(cmd, func(_ codec.Codec, p *governanceparamstypes.Params) error {
				for i := range p.Assembly.Kinds {
					for _, f := range set {
						if err := f(&p.Assembly.Kinds[i]); err != nil {
							return err
						}
					}
				}
				return p.Validate()
			})
		},
	}
	cmd.Flags().Duration("deliberation-period", 0, "how long a proposal is deliberated before voting opens")
	cmd.Flags().Duration("voting-period", 0, "how long members may vote")
	cmd.Flags().String("quorum", "", "the share of members who must take part, in (0,1]")
	cmd.Flags().String("threshold", "", "the share of yes + no that yes must exceed, in [0.5,1)")
	return cmd
}

func fundTreasuryCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "fund-treasury [coins]",
		Short: "Give the region's treasury (a module account) a starting balance",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			coins, err := sdk.ParseCoinsNormalized(args[0])
			if err != nil || !coins.IsAllPositive() {
				return fmt.Errorf("invalid coins %q: %v", args[0], err)
			}
			treasury := authtypes.NewModuleAddress(membershiptypes.TreasuryName).String()
			return editGenesis(cmd, func(cdc codec.Codec, appState map[string]json.RawMessage) error {
				bankGen := banktypes.GetGenesisStateFromAppState(cdc, appState)
				bankGen.Balances = append(bankGen.Balances, banktypes.Balance{Address: treasury, Coins: coins})
				bankGen.Balances = banktypes.SanitizeGenesisBalances(bankGen.Balances)
				bankGen.Supply = bankGen.Supply.Add(coins...)
				bz, err := cdc.MarshalJSON(bankGen)
				appState[banktypes.ModuleName] = bz
				return err
			})
		},
	}
}

// editParams sets params' fields from key=value pairs, by their proto JSON names (through
// the JSON form, so that every field is settable), and validates the result.
func editParams(cdc codec.JSONCodec, params *governanceparamstypes.Params, pairs []string) error {
	bz, err := cdc.MarshalJSON(params)
	if err != nil {
		return err
	}
	fields := map[string]any{}
	if err := json.Unmarshal(bz, &fields); err != nil {
		return err
	}
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		// a dotted key sets a field of a nested message: retention.window=30s
		path := strings.Split(k, ".")
		m := fields
		for _, part := range path[:len(path)-1] {
			if m, _ = m[part].(map[string]any); m == nil {
				break
			}
		}
		if _, known := m[path[len(path)-1]]; !ok || !known {
			return fmt.Errorf("%w: %q is not key=value with a known key", governanceparamstypes.ErrInvalidParams, kv)
		}
		m[path[len(path)-1]] = v
	}
	if bz, err = json.Marshal(fields); err != nil {
		return err
	}
	if err := cdc.UnmarshalJSON(bz, params); err != nil {
		return fmt.Errorf("%w: %s", governanceparamstypes.ErrInvalidParams, err)
	}
	return params.Validate()
}

func setParamsCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "set-params [key=value]...",
		Short:   "Set the region's starting parameters (governanceparams), e.g. pay_period=60s income_tax_rate=0.2 retention.window=720h",
		Example: "conductord genesis region set-params pay_period=60s dividend_period=600s retention.window=2160h",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return editParamsGenesis(cmd, func(cdc codec.Codec, p *governanceparamstypes.Params) error { return editParams(cdc, p, args) })
		},
	}
}

// editParamsGenesis edits the region's starting parameters in the genesis file.
func editParamsGenesis(cmd *cobra.Command, edit func(codec.Codec, *governanceparamstypes.Params) error) error {
	return editGenesis(cmd, func(cdc codec.Codec, appState map[string]json.RawMessage) error {
		var gs governanceparamstypes.GenesisState
		if err := cdc.UnmarshalJSON(appState[governanceparamstypes.ModuleName], &gs); err != nil {
			return err
		}
		if err := edit(cdc, &gs.Params); err != nil {
			return err
		}
		bz, err := cdc.MarshalJSON(&gs)
		appState[governanceparamstypes.ModuleName] = bz
		return err
	})
}

func addOccupationCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "add-occupation [name] [min-wage] [max-wage] [training] [regional-need] [stress]",
		Short:   "Define an occupation: hourly wage range in ursc and factor levels in [0,1]",
		Example: "conductord genesis region add-occupation baker 20000000 40000000 0.5 0.2 0.2",
		Args:    cobra.ExactArgs(6),
		RunE: func(cmd *cobra.Command, args []string) error {
			minWage, ok1 := math.NewIntFromString(args[1])
			maxWage, ok2 := math.NewIntFromString(args[2])
			if !ok1 || !ok2 {
				return fmt.Errorf("%w: wages must be whole ursc", payrolltypes.ErrInvalidOccupation)
			}
			var levels [3]math.LegacyDec
			for i, a := range args[3:] {
				d, err := math.LegacyNewDecFromStr(a)
				if err != nil {
					return fmt.Errorf("%w: level %q", payrolltypes.ErrInvalidOccupation, a)
				}
				levels[i] = d
			}
			return editGenesis(cmd, func(cdc codec.Codec, appState map[string]json.RawMessage) error {
				var gs payrolltypes.GenesisState
				if err := cdc.UnmarshalJSON(appState[payrolltypes.ModuleName], &gs); err != nil {
					return err
				}
				o := payrolltypes.Occupation{Id: gs.NextOccupationId, Name: args[0], MinWage: minWage, MaxWage: maxWage,
					Training: levels[0], RegionalNeed: levels[1], Stress: levels[2]}
				gs.Occupations = append(gs.Occupations, o)
				gs.NextOccupationId++
				if err := gs.Validate(); err != nil {
					return err
				}
				bz, err := cdc.MarshalJSON(&gs)
				appState[payrolltypes.ModuleName] = bz
				return err
			})
		},
	}
}

func addRegionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "add-region [name] [chain-id] [channel] [--endpoint-rest url] [--endpoint-rpc url] [--endpoint-grpc host:port] [--internal]",
		Short:   "Put another region in the region directory: the ICS-20 channel that leads to it, its public endpoints",
		Example: "conductord genesis region add-region region-b region-b-1 channel-0 --endpoint-rest http://127.0.0.1:3317",
		Args:    cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := federationtypes.Region{Name: args[0], ChainId: args[1], ChannelId: args[2]}
			r.Endpoints.Rest, _ = cmd.Flags().GetString("endpoint-rest")
			r.Endpoints.Rpc, _ = cmd.Flags().GetString("endpoint-rpc")
			r.Endpoints.Grpc, _ = cmd.Flags().GetString("endpoint-grpc")
			r.Internal, _ = cmd.Flags().GetBool("internal")
			return editGenesis(cmd, func(cdc codec.Codec, appState map[string]json.RawMessage) error {
				var gs federationtypes.GenesisState
				if err := cdc.UnmarshalJSON(appState[federationtypes.ModuleName], &gs); err != nil {
					return err
				}
				gs.Regions = append(gs.Regions, r)
				if err := gs.Validate(); err != nil {
					return err
				}
				bz, err := cdc.MarshalJSON(&gs)
				appState[federationtypes.ModuleName] = bz
				return err
			})
		},
	}
	// not --rpc or --grpc: the server binds flags to its config, where those are sections
	cmd.Flags().String("endpoint-rest", "", "the region's REST gateway, http(s)://host:port")
	cmd.Flags().String("endpoint-rpc", "", "the region's CometBFT RPC, http(s)://host:port")
	cmd.Flags().String("endpoint-grpc", "", "the region's gRPC, host:port")
	cmd.Flags().Bool("internal", false, "its buyers pay the internal sales tax (a trade pact)")
	return cmd
}
