package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/stretchr/testify/require"
)

// Proposal is an assembly proposal as `query assembly proposal` prints it.
type Proposal struct {
	Proposal struct {
		ID              string `json:"id"`
		Status          string `json:"status"`
		ResultLog       string `json:"result_log"`
		DeliberationEnd string `json:"deliberation_end"`
		VotingEnd       string `json:"voting_end"`
	} `json:"proposal"`
	Turnout string `json:"turnout"`
}

// AssemblyProposal queries proposal id.
func (c CLI) AssemblyProposal(ch Chain, id string) Proposal {
	c.T.Helper()
	var p Proposal
	c.Query(ch, &p, "query", "assembly", "proposal", id)
	return p
}

// Decide has proposer put msgs (JSON messages signed by the assembly) to the assembly as a
// proposal of kind (e.g. "PROPOSAL_KIND_GENERAL"), waits for voting to open, has each voter
// vote yes, and waits for the close; it returns the closed proposal. A member's wallet does
// the same with `tx assembly propose` and `tx assembly vote`.
func (c CLI) Decide(ch Chain, proposer string, voters []string, kind string, msgs ...map[string]any) Proposal {
	c.T.Helper()
	prop, err := json.Marshal(map[string]any{"kind": kind, "title": "decision", "summary": "by the members", "messages": msgs})
	require.NoError(c.T, err)
	file := filepath.Join(c.T.TempDir(), "proposal.json")
	require.NoError(c.T, os.WriteFile(file, prop, 0o600))
	id := c.Tx(ch, proposer, "tx", "assembly", "propose", file).Attr("conductor.assembly.v1.EventProposed", "proposal_id")
	require.NotEmpty(c.T, id)
	Eventually(c.T, 3*time.Minute, "voting opens on proposal "+id, func() bool {
		return c.AssemblyProposal(ch, id).Proposal.Status == "PROPOSAL_STATUS_VOTING"
	})
	for _, v := range voters {
		c.Tx(ch, v, "tx", "assembly", "vote", id, "yes")
	}
	var p Proposal
	Eventually(c.T, 5*time.Minute, "proposal "+id+" closes", func() bool {
		p = c.AssemblyProposal(ch, id)
		return p.Proposal.Status != "PROPOSAL_STATUS_VOTING"
	})
	return p
}
