package app_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/x/group"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	assemblytypes "github.com/conductor-coop/conductor/x/assembly/types"
	governanceparamstypes "github.com/conductor-coop/conductor/x/governanceparams/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	payrolltypes "github.com/conductor-coop/conductor/x/payroll/types"
)

// importGenesis starts a fresh app from an exported state, commits one (empty) block at
// time at and returns it with its app hash.
func importGenesis(t *testing.T, appState json.RawMessage, height int64, at time.Time) (*app.App, []byte) {
	t.Helper()
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(region.ChainID))
	_, err := a.InitChain(&abci.RequestInitChain{ChainId: region.ChainID, AppStateBytes: appState, ConsensusParams: simtestutil.DefaultConsensusParams, InitialHeight: height})
	require.NoError(t, err)
	res, err := a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: height, Time: at})
	require.NoError(t, err)
	_, err = a.Commit()
	require.NoError(t, err)
	return a, res.AppHash
}

// TestExportImport exports a region with members, companies, a parameter change and an
// admitted validator; imports it; and checks that the Conductor stores are equal key by
// key, that exporting the import gives the same genesis, and that two imports of the same
// genesis reach the same app hash.
func TestExportImport(t *testing.T) {
	r := region.New(t, region.DefaultConfig())
	alice, bob, dave := r.Accounts["alice"], r.Accounts["bob"], r.Accounts["dave"]
	founders := []region.Account{alice, bob, r.Accounts["carol"]}
	params := governanceparamstypes.DefaultParams()
	params.PayPeriod *= 2
	r.Pass(r.Assembly(), founders,
		&membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: dave.String()},
		&membershiptypes.MsgAdmitValidator{Authority: r.Assembly(), Operator: dave.String()},
	)
	r.Pass(r.Assembly(), founders, &governanceparamstypes.MsgUpdateParams{Authority: r.Assembly(), Params: params})
	r.MustDeliver(dave, &membershiptypes.MsgFoundCompany{Founder: dave.String(), Name: "Print Shop", Workers: []string{dave.String(), bob.String()}})
	r.Pass(r.Assembly(), founders, &payrolltypes.MsgSetOccupation{Authority: r.Assembly(), Occupation: payrolltypes.Occupation{
		Name: "printer", MinWage: math.NewInt(10), MaxWage: math.NewInt(20), Training: math.LegacyZeroDec(), RegionalNeed: math.LegacyZeroDec(), Stress: math.LegacyZeroDec(),
	}})
	shop := r.Agent("Print Shop").Address
	r.Pass(shop, []region.Account{dave, bob}, &payrolltypes.MsgPostJob{Company: shop, OccupationId: 1, HoursPerWeek: 10, Wage: math.NewInt(15), Description: "ink"})
	r.MustDeliver(alice, &payrolltypes.MsgApply{Applicant: alice.String(), JobId: 1})
	r.Pass(shop, []region.Account{dave, bob}, &payrolltypes.MsgHire{Company: shop, JobId: 1, Applicant: alice.String()})
	r.MustDeliver(alice, &payrolltypes.MsgClockIn{Worker: alice.String(), EmploymentId: 1})
	r.NextBlock(2 * time.Hour) // a pay run: the shop has no money, so alice's wages are a claim
	// the assembly in the middle of a vote: a proxy, a vote counting two members
	carol := r.Accounts["carol"]
	r.MustDeliver(carol, &assemblytypes.MsgGiveProxy{Member: carol.String(), Holder: alice.String()})
	open := r.AssemblyPropose(bob, &membershiptypes.MsgAdmitMember{Authority: r.Assembly(), Person: r.Accounts["dave"].String()})
	r.AssemblyOpen(open)
	r.AssemblyVote(open, assemblytypes.VOTE_OPTION_NO, alice)
	require.Equal(t, assemblytypes.Tally{No: 2}, r.AssemblyProposal(open).Proposal.Tally)

	exported, err := r.App.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	imported, hash1 := importGenesis(t, exported.AppState, exported.Height, time.Time{})
	_, hash2 := importGenesis(t, exported.AppState, exported.Height, time.Time{})
	require.Equal(t, hash1, hash2, "the same genesis must give the same app hash")

	sameStores(t, r.App, r.Ctx().BlockHeader(), imported, membershiptypes.StoreKey, governanceparamstypes.StoreKey, group.StoreKey, payrolltypes.StoreKey, assemblytypes.StoreKey)
	again, err := imported.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var before, after map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &before))
	require.NoError(t, json.Unmarshal(again.AppState, &after))
	for _, m := range []string{membershiptypes.ModuleName, assemblytypes.ModuleName, governanceparamstypes.ModuleName, payrolltypes.ModuleName, group.ModuleName, "bank", "auth", stakingtypes.ModuleName} {
		require.JSONEq(t, string(before[m]), string(after[m]), "module %s", m)
	}

	// The imported region goes on: the assembly still governs, the rule still holds.
	member, err := imported.MembershipKeeper.GetAgent(imported.NewUncachedContext(false, r.Ctx().BlockHeader()), dave.Addr)
	require.NoError(t, err)
	require.True(t, member.Member)
	claims, err := imported.PayrollKeeper.Totals.Get(imported.NewUncachedContext(false, r.Ctx().BlockHeader()))
	require.NoError(t, err)
	require.True(t, claims.Claimed.IsPositive(), "the wage claim survives the export")
	tally, err := imported.AssemblyKeeper.Tallies.Get(imported.NewUncachedContext(false, r.Ctx().BlockHeader()), open)
	require.NoError(t, err)
	require.Equal(t, assemblytypes.Tally{No: 2}, tally, "the running tally survives the export")
}

// sameStores requires the stores of a and b at keys to hold the same keys and values (and
// something).
func sameStores(t *testing.T, a *app.App, header cmtproto.Header, b *app.App, keys ...string) {
	t.Helper()
	for _, key := range keys {
		t.Run(key, func(t *testing.T) {
			sa := a.NewUncachedContext(false, header).KVStore(a.GetKey(key))
			sb := b.NewUncachedContext(false, header).KVStore(b.GetKey(key))
			ia, ib := sa.Iterator(nil, nil), sb.Iterator(nil, nil)
			defer ia.Close()
			defer ib.Close()
			n := 0
			for ; ia.Valid() && ib.Valid(); ia.Next() {
				require.Equal(t, ia.Key(), ib.Key())
				require.True(t, bytes.Equal(ia.Value(), ib.Value()), "value of %x differs", ia.Key())
				ib.Next()
				n++
			}
			require.False(t, ia.Valid() || ib.Valid(), "stores differ in length")
			require.Positive(t, n)
		})
	}
}
