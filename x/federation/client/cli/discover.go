// Package cli reads other regions' jobs and listings through the public endpoints in the
// region directory: client side, no consensus involved.
package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/conductor-coop/conductor/x/federation/types"
	markettypes "github.com/conductor-coop/conductor/x/market/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
)

// FlagRegion names the region to read; without it, this region and every region of the
// directory are read.
const FlagRegion = "region"

// QueryCmd is the federation query command; AutoCLI adds the module's own queries to it.
func QueryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Querying commands for the federation module: the region directory, pools, and other regions' jobs and listings",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		discoverCmd("jobs", "open jobs", "/conductor/payroll/v1/jobs",
			func(ctx context.Context, c client.Context) (proto.Message, error) {
				return payrolltypes.NewQueryClient(c).Jobs(ctx, &payrolltypes.QueryJobsRequest{Pagination: &query.PageRequest{Limit: 100}})
			}),
		discoverCmd("listings", "market listings", "/conductor/market/v1/listings",
			func(ctx context.Context, c client.Context) (proto.Message, error) {
				return markettypes.NewQueryClient(c).Listings(ctx, &markettypes.QueryListingsRequest{Pagination: &query.PageRequest{Limit: 100}})
			}),
	)
	return cmd
}

// RegionResult is one region's answer: its REST response as it came, or why there is none.
type RegionResult struct {
	Region  string          `json:"region"`
	ChainID string          `json:"chain_id"`
	Here    bool            `json:"here,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   string          `json:"error,omitempty"`
}

func discoverCmd(use, what, path string, local func(context.Context, client.Context) (proto.Message, error)) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use + " [--region name]",
		Short: fmt.Sprintf("List %s here and in the regions of the directory (or in one region), read from their public endpoints", what),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			name, _ := cmd.Flags().GetString(FlagRegion)
			q := types.NewQueryClient(clientCtx)
			var regions []types.Region
			if name != "" {
				res, err := q.Region(cmd.Context(), &types.QueryRegionRequest{Name: name})
				if err != nil {
					return fmt.Errorf("region %q: %w", name, err)
				}
				regions = append(regions, res.Region)
			} else {
				res, err := q.Regions(cmd.Context(), &types.QueryRegionsRequest{Pagination: &query.PageRequest{Limit: 1000}})
				if err != nil {
					return err
				}
				regions = res.Regions
			}
			var out []RegionResult
			if name == "" {
				here := RegionResult{Region: "this region", ChainID: clientCtx.ChainID, Here: true}
				if res, err := local(cmd.Context(), clientCtx); err != nil {
					here.Error = err.Error()
				} else if here.Result, err = clientCtx.Codec.MarshalJSON(res); err != nil {
					return err
				}
				out = append(out, here)
			}
			httpClient := &http.Client{Timeout: 10 * time.Second}
			for _, r := range regions {
				out = append(out, fetch(cmd.Context(), httpClient, r, path))
			}
			bz, err := json.MarshalIndent(map[string]any{"regions": out}, "", "  ")
			if err != nil {
				return err
			}
			return clientCtx.PrintString(string(bz) + "\n")
		},
	}
	cmd.Flags().String(FlagRegion, "", "a region of the directory (default: this region and all of them)")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// fetch reads path from a region's REST endpoint.
func fetch(ctx context.Context, c *http.Client, r types.Region, path string) RegionResult {
	res := RegionResult{Region: r.Name, ChainID: r.ChainId}
	if r.Endpoints.Rest == "" {
		res.Error = "the directory has no REST endpoint for this region"
		return res
	}
	url := strings.TrimRight(r.Endpoints.Rest, "/") + path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	resp, err := c.Do(req)
	if err != nil {
		res.Error = fmt.Sprintf("%s: %v", url, err)
		return res
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	switch {
	case err != nil:
		res.Error = fmt.Sprintf("%s: %v", url, err)
	case resp.StatusCode != http.StatusOK:
		res.Error = fmt.Sprintf("%s: %s", url, resp.Status)
	case !json.Valid(body):
		res.Error = fmt.Sprintf("%s: not JSON", url)
	default:
		res.Result = body
	}
	return res
}
