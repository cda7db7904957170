package app_test

import (
	"encoding/json"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	sdkmath "cosmossdk.io/math"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	icacontrollertypes "github.com/cosmos/ibc-go/v8/modules/apps/27-interchain-accounts/controller/types"
	icatypes "github.com/cosmos/ibc-go/v8/modules/apps/27-interchain-accounts/types"
	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	ibctesting "github.com/cosmos/ibc-go/v8/testing"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/testutil/region"
	federationkeeper "github.com/conductor-coop/conductor/x/federation/keeper"
	federationtypes "github.com/conductor-coop/conductor/x/federation/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	"github.com/conductor-coop/conductor/x/router"
)

// setupRegion is ibc-go's testing app constructor for a region: our app, with one founding
// member so that the region has its assembly.
func setupRegion() (ibctesting.TestingApp, map[string]json.RawMessage) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.EmptyAppOptions{})
	gen := a.DefaultGenesis()
	gs := membershiptypes.DefaultGenesis()
	gs.Agents = []membershiptypes.Agent{{Address: region.NewAccount("founder").String(), Kind: membershiptypes.AGENT_KIND_PERSON, Member: true}}
	gen[membershiptypes.ModuleName] = a.AppCodec().MustMarshalJSON(gs)
	return a, gen
}

type regions struct {
	t          *testing.T
	a, b       *ibctesting.TestChain
	transfer   *ibctesting.Path
	companyA   sdk.AccAddress
	companyB   sdk.AccAddress
	senderA    sdk.AccAddress
	senderB    sdk.AccAddress
	voucherOnB string // ursc of region A as a voucher on B
}

func newRegions(t *testing.T) *regions {
	ibctesting.DefaultTestingAppInit = setupRegion
	coord := ibctesting.NewCoordinator(t, 2)
	r := &regions{t: t, a: coord.GetChain(ibctesting.GetChainID(1)), b: coord.GetChain(ibctesting.GetChainID(2))}
	r.transfer = ibctesting.NewTransferPath(r.a, r.b)
	coord.Setup(r.transfer)
	r.senderA, r.senderB = r.a.SenderAccount.GetAddress(), r.b.SenderAccount.GetAddress()
	r.companyA, r.companyB = r.foundCompany(r.a), r.foundCompany(r.b)
	r.voucherOnB = transfertypes.ParseDenomTrace(transfertypes.GetPrefixedDenom(r.transfer.EndpointB.ChannelConfig.PortID, r.transfer.EndpointB.ChannelID, app.Denom)).IBCDenom()
	r.setRegion(r.transfer.EndpointA, "region-b", false)
	r.setRegion(r.transfer.EndpointB, "region-a", false)
	return r
}

// setRegion records in the directory of ep's chain, as its assembly does, that ep's channel
// leads to the counterparty region, called name; internal: a trade pact (internal tax).
func (r *regions) setRegion(ep *ibctesting.Endpoint, name string, internal bool) {
	r.t.Helper()
	a, ctx := appOf(ep.Chain), ep.Chain.GetContext()
	authority, err := a.MembershipKeeper.Authority(ctx)
	require.NoError(r.t, err)
	_, err = federationkeeper.NewMsgServerImpl(a.FederationKeeper).SetRegion(ctx, &federationtypes.MsgSetRegion{Authority: authority, Region: federationtypes.Region{
		Name: name, ChainId: ep.Counterparty.Chain.ChainID, ChannelId: ep.ChannelID, Internal: internal,
	}})
	require.NoError(r.t, err)
}

func appOf(chain *ibctesting.TestChain) *app.App { return chain.App.(*app.App) }

func msgResponse(t *testing.T, data []byte, out proto.Message) {
	t.Helper()
	var msgData sdk.TxMsgData
	require.NoError(t, proto.Unmarshal(data, &msgData))
	require.NoError(t, proto.Unmarshal(msgData.MsgResponses[0].Value, out))
}

// foundCompany founds a one-worker company on chain (its sender is the worker).
func (r *regions) foundCompany(chain *ibctesting.TestChain) sdk.AccAddress {
	sender := chain.SenderAccount.GetAddress().String()
	res, err := chain.SendMsgs(&membershiptypes.MsgFoundCompany{Founder: sender, Name: "Co-op", Workers: []string{sender}})
	require.NoError(r.t, err)
	var out membershiptypes.MsgFoundCompanyResponse
	msgResponse(r.t, res.Data, &out)
	return sdk.MustAccAddressFromBech32(out.Address)
}

func (r *regions) balance(chain *ibctesting.TestChain, addr sdk.AccAddress, denom string) sdkmath.Int {
	return appOf(chain).BankKeeper.GetBalance(chain.GetContext(), addr, denom).Amount
}

func (r *regions) supply(chain *ibctesting.TestChain, denom string) sdkmath.Int {
	return appOf(chain).BankKeeper.GetSupply(chain.GetContext(), denom).Amount
}

// send makes an ICS-20 transfer from chain (over path's endpoint on it), relays it, and
// returns the acknowledgement the receiving chain wrote.
func (r *regions) send(from *ibctesting.Endpoint, to *ibctesting.Endpoint, sender, receiver sdk.AccAddress, coin sdk.Coin) channeltypes.Acknowledgement {
	r.t.Helper()
	return r.relay(r.transferPacket(from, sender, receiver.String(), coin, ""))
}

// transferPacket makes an ICS-20 transfer with memo from chain and returns its packet.
func (r *regions) transferPacket(from *ibctesting.Endpoint, sender sdk.AccAddress, receiver string, coin sdk.Coin, memo string) channeltypes.Packet {
	r.t.Helper()
	msg := transfertypes.NewMsgTransfer(from.ChannelConfig.PortID, from.ChannelID, coin, sender.String(), receiver, clienttypes.NewHeight(1, 1000), 0, memo)
	res, err := from.Chain.SendMsgs(msg)
	require.NoError(r.t, err)
	packet, err := ibctesting.ParsePacketFromEvents(res.Events)
	require.NoError(r.t, err)
	return packet
}

// relay delivers a packet and its acknowledgement, and returns the acknowledgement.
func (r *regions) relay(packet channeltypes.Packet) channeltypes.Acknowledgement {
	r.t.Helper()
	_, ackBz, err := r.transfer.RelayPacketWithResults(packet)
	require.NoError(r.t, err)
	var ack channeltypes.Acknowledgement
	require.NoError(r.t, transfertypes.ModuleCdc.UnmarshalJSON(ackBz, &ack))
	return ack
}

// TestRSCRuleOverIBC proves the IBC rows of the RSC rule: an ICS-20 transfer cannot reach a
// company's account (the receiving region acknowledges an error and the sender is refunded),
// a company cannot send one, and supply per denom is unchanged in every case.
func TestRSCRuleOverIBC(t *testing.T) {
	r := newRegions(t)
	epA, epB := r.transfer.EndpointA, r.transfer.EndpointB
	amount := sdkmath.NewInt(1_000)

	t.Run("person to person arrives as a voucher", func(t *testing.T) {
		ack := r.send(epA, epB, r.senderA, r.senderB, sdk.NewCoin(app.Denom, amount))
		require.True(t, ack.Success(), ack.GetError())
		require.Equal(t, amount, r.balance(r.b, r.senderB, r.voucherOnB))
	})

	t.Run("receive into a company: voucher minted first", func(t *testing.T) {
		supplyA, voucherSupplyB := r.supply(r.a, app.Denom), r.supply(r.b, r.voucherOnB)
		before := r.balance(r.a, r.senderA, app.Denom)
		ack := r.send(epA, epB, r.senderA, r.companyB, sdk.NewCoin(app.Denom, amount))
		require.False(t, ack.Success())
		require.True(t, r.balance(r.b, r.companyB, r.voucherOnB).IsZero())
		require.Equal(t, before, r.balance(r.a, r.senderA, app.Denom), "sender refunded")
		require.Equal(t, supplyA, r.supply(r.a, app.Denom))
		require.Equal(t, voucherSupplyB, r.supply(r.b, r.voucherOnB), "minted voucher reverted")
	})

	t.Run("receive into a company: returning native denom", func(t *testing.T) {
		supplyA, voucherSupplyB := r.supply(r.a, app.Denom), r.supply(r.b, r.voucherOnB)
		before := r.balance(r.b, r.senderB, r.voucherOnB)
		ack := r.send(epB, epA, r.senderB, r.companyA, sdk.NewCoin(r.voucherOnB, amount))
		require.False(t, ack.Success())
		require.True(t, r.balance(r.a, r.companyA, app.Denom).IsZero())
		require.Equal(t, before, r.balance(r.b, r.senderB, r.voucherOnB), "voucher refunded")
		require.Equal(t, supplyA, r.supply(r.a, app.Denom))
		require.Equal(t, voucherSupplyB, r.supply(r.b, r.voucherOnB))
	})

	t.Run("send from a company", func(t *testing.T) {
		ctx := r.a.GetContext()
		require.NoError(t, region.Pay(ctx, appOf(r.a), router.Purchase, r.senderA, r.companyA, amount))
		seq, _ := appOf(r.a).IBCKeeper.ChannelKeeper.GetNextSequenceSend(r.a.GetContext(), epA.ChannelConfig.PortID, epA.ChannelID)
		transfer := transfertypes.NewMsgTransfer(epA.ChannelConfig.PortID, epA.ChannelID, sdk.NewCoin(app.Denom, amount), r.companyA.String(), r.senderB.String(), clienttypes.NewHeight(1, 1000), 0, "")
		result, logs := execByCompany(t, r.a, r.companyA, transfer)
		require.Equal(t, group.PROPOSAL_EXECUTOR_RESULT_FAILURE, result)
		require.Contains(t, logs, membershiptypes.ErrDirectTransfer.Error())
		require.Equal(t, amount, r.balance(r.a, r.companyA, app.Denom))
		after, _ := appOf(r.a).IBCKeeper.ChannelKeeper.GetNextSequenceSend(r.a.GetContext(), epA.ChannelConfig.PortID, epA.ChannelID)
		require.Equal(t, seq, after, "no packet sent")
	})
}

// execByCompany submits msgs as a proposal of the company (its sole worker is the chain's
// sender) with immediate execution, and returns the executor result and log.
func execByCompany(t *testing.T, chain *ibctesting.TestChain, company sdk.AccAddress, msgs ...sdk.Msg) (group.ProposalExecutorResult, string) {
	t.Helper()
	prop, err := group.NewMsgSubmitProposal(company.String(), []string{chain.SenderAccount.GetAddress().String()}, msgs, "", group.Exec_EXEC_TRY, "t", "s")
	require.NoError(t, err)
	res, err := chain.SendMsgs(prop)
	require.NoError(t, err)
	return execResult(res.Events)
}

func execResult(events []abci.Event) (group.ProposalExecutorResult, string) {
	result, logs := group.PROPOSAL_EXECUTOR_RESULT_NOT_RUN, ""
	for _, ev := range events {
		if ev.Type != "cosmos.group.v1.EventExec" {
			continue
		}
		for _, a := range ev.Attributes {
			switch a.Key {
			case "logs":
				logs = a.Value
			case "result":
				var s string
				_ = json.Unmarshal([]byte(a.Value), &s)
				result = group.ProposalExecutorResult(group.ProposalExecutorResult_value[s])
			}
		}
	}
	return result, logs
}

// interchainAccount opens an interchain account on region B that senderA on region A
// controls, has senderB pay it 10,000 ursc, and returns it with a function that runs a
// message as it on B and returns B's acknowledgement.
func (r *regions) interchainAccount() (sdk.AccAddress, func(sdk.Msg) channeltypes.Acknowledgement) {
	t := r.t
	t.Helper()
	path := ibctesting.NewPath(r.a, r.b)
	r.a.Coordinator.SetupConnections(path)
	version := string(icatypes.ModuleCdc.MustMarshalJSON(&icatypes.Metadata{
		Version: icatypes.Version, ControllerConnectionId: path.EndpointA.ConnectionID, HostConnectionId: path.EndpointB.ConnectionID,
		Encoding: icatypes.EncodingProtobuf, TxType: icatypes.TxTypeSDKMultiMsg,
	}))
	owner := r.senderA.String()
	portID, err := icatypes.NewControllerPortID(owner)
	require.NoError(t, err)
	path.EndpointA.ChannelConfig = &ibctesting.ChannelConfig{PortID: portID, Version: version, Order: channeltypes.ORDERED}
	path.EndpointB.ChannelConfig = &ibctesting.ChannelConfig{PortID: icatypes.HostPortID, Version: version, Order: channeltypes.ORDERED}
	chanSeq := appOf(r.a).IBCKeeper.ChannelKeeper.GetNextChannelSequence(r.a.GetContext())
	require.NoError(t, appOf(r.a).ICAControllerKeeper.RegisterInterchainAccountWithOrdering(r.a.GetContext(), path.EndpointA.ConnectionID, owner, version, channeltypes.ORDERED))
	r.a.NextBlock()
	path.EndpointA.ChannelID = channeltypes.FormatChannelIdentifier(chanSeq)
	require.NoError(t, path.EndpointB.ChanOpenTry())
	require.NoError(t, path.EndpointA.ChanOpenAck())
	require.NoError(t, path.EndpointB.ChanOpenConfirm())

	icaAddr, found := appOf(r.b).ICAHostKeeper.GetInterchainAccountAddress(r.b.GetContext(), path.EndpointB.ConnectionID, portID)
	require.True(t, found)
	ica := sdk.MustAccAddressFromBech32(icaAddr)
	_, err = r.b.SendMsgs(banktypes.NewMsgSend(r.senderB, ica, sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 10_000))))
	require.NoError(t, err)

	return ica, func(msg sdk.Msg) channeltypes.Acknowledgement {
		t.Helper()
		data, err := icatypes.SerializeCosmosTx(appOf(r.a).AppCodec(), []proto.Message{msg}, icatypes.EncodingProtobuf)
		require.NoError(t, err)
		res, err := r.a.SendMsgs(icacontrollertypes.NewMsgSendTx(owner, path.EndpointA.ConnectionID, uint64(r.a.GetContext().BlockTime().Add(1e12).UnixNano()),
			icatypes.InterchainAccountPacketData{Type: icatypes.EXECUTE_TX, Data: data}))
		require.NoError(t, err)
		packet, err := ibctesting.ParsePacketFromEvents(res.Events)
		require.NoError(t, err)
		_, ackBz, err := path.RelayPacketWithResults(packet)
		require.NoError(t, err)
		var ack channeltypes.Acknowledgement
		require.NoError(t, icatypes.ModuleCdc.UnmarshalJSON(ackBz, &ack))
		return ack
	}
}

// TestRSCRuleICAHost: an interchain account controlled from region A acts on region B as a
// person: it may pay a person, but a send into a company is refused on the host.
func TestRSCRuleICAHost(t *testing.T) {
	r := newRegions(t)
	ica, run := r.interchainAccount()
	coins := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 100))
	require.True(t, run(banktypes.NewMsgSend(ica, r.senderB, coins)).Success(), "interchain account pays a person")
	require.False(t, run(banktypes.NewMsgSend(ica, r.companyB, coins)).Success(), "interchain account pays a company")
	require.True(t, r.balance(r.b, r.companyB, app.Denom).IsZero())
	require.Equal(t, sdkmath.NewInt(10_000-100), r.balance(r.b, ica, app.Denom))
}

// TestCircuitICAHost: the interchain-account host runs messages through the same
// MsgServiceRouter, so the region's circuit refuses the reward messages there too (ICS-27
// acknowledges ErrMsgRefused's code), and nothing changes on the host.
func TestCircuitICAHost(t *testing.T) {
	r := newRegions(t)
	ica, run := r.interchainAccount()
	coins := sdk.NewCoins(sdk.NewInt64Coin(app.Denom, 100))
	for _, msg := range []sdk.Msg{
		distrtypes.NewMsgSetWithdrawAddress(ica, r.companyB),
		distrtypes.NewMsgFundCommunityPool(coins, ica.String()),
	} {
		require.Equal(t, channeltypes.NewErrorAcknowledgement(app.ErrMsgRefused), run(msg), sdk.MsgTypeURL(msg))
	}
	withdraw, err := appOf(r.b).DistrKeeper.GetDelegatorWithdrawAddr(r.b.GetContext(), ica)
	require.NoError(t, err)
	require.Equal(t, ica, withdraw)
	require.Equal(t, sdkmath.NewInt(10_000), r.balance(r.b, ica, app.Denom))
	require.True(t, run(banktypes.NewMsgSend(ica, r.senderB, coins)).Success(), "other messages still run")
}
