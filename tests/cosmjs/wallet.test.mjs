// A wallet's view of a region: the test starts a fresh demo region (scripts/localnet.sh in
// a temporary home; the demo lists rye bread), connects over RPC with CosmJS as a browser
// wallet does, sends RSC from person to person (SIGN_MODE_DIRECT), buys two loaves with an
// amino-signed MsgPurchase (SIGN_MODE_LEGACY_AMINO_JSON, as a hardware wallet or Keplr
// signs), gives a member's assembly vote to another by proxy (SIGN_MODE_DIRECT), votes on an
// assembly proposal with an amino-signed MsgVote that counts the proxy holder and the member
// whose proxy they hold, and reads the results back over REST.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DirectSecp256k1Wallet, Registry } from "@cosmjs/proto-signing";
import { Secp256k1Wallet } from "@cosmjs/amino";
import { AminoTypes, SigningStargateClient, defaultRegistryTypes, createDefaultAminoConverters } from "@cosmjs/stargate";
import { BinaryReader, BinaryWriter } from "cosmjs-types/binary.js";
import { useRegion, cli, get, rpc, addr, propose, stage, proposal, CLOSED } from "./localnet.mjs";

useRegion();
const fee = { amount: [], gas: "400000" };

// MsgPurchase as conductor.market.v1 defines it: buyer = 1, listing_id = 2, quantity = 3,
// max_unit_price = 4 (ursc; empty for none).
const MsgPurchase = {
  encode(m, w = BinaryWriter.create()) {
    if (m.buyer) w.uint32(10).string(m.buyer);
    if (m.listingId) w.uint32(16).uint64(m.listingId);
    if (m.quantity) w.uint32(24).uint64(m.quantity);
    if (m.maxUnitPrice) w.uint32(34).string(m.maxUnitPrice);
    return w;
  },
  decode(input) {
    const r = input instanceof BinaryReader ? input : new BinaryReader(input);
    const m = { buyer: "", listingId: 0n, quantity: 0n, maxUnitPrice: "" };
    while (r.pos < r.len) {
      const tag = r.uint32();
      switch (tag >>> 3) {
        case 1: m.buyer = r.string(); break;
        case 2: m.listingId = r.uint64(); break;
        case 3: m.quantity = r.uint64(); break;
        case 4: m.maxUnitPrice = r.string(); break;
        default: r.skipType(tag & 7);
      }
    }
    return m;
  },
  fromPartial: (o) => ({ buyer: o.buyer ?? "", listingId: BigInt(o.listingId ?? 0), quantity: BigInt(o.quantity ?? 0), maxUnitPrice: o.maxUnitPrice ?? "" }),
};
const purchaseType = "/conductor.market.v1.MsgPurchase";
// Its amino JSON is what the chain signs over: the amino name and the proto field names,
// numbers as strings, empty fields left out.
const purchaseAmino = {
  [purchaseType]: {
    aminoType: "conductor/market/MsgPurchase",
    toAmino: (m) => ({ buyer: m.buyer, listing_id: m.listingId.toString(), quantity: m.quantity.toString(), ...(m.maxUnitPrice ? { max_unit_price: m.maxUnitPrice } : {}) }),
    fromAmino: (a) => ({ buyer: a.buyer, listingId: BigInt(a.listing_id), quantity: BigInt(a.quantity), maxUnitPrice: a.max_unit_price ?? "" }),
  },
};

// MsgVote and MsgGiveProxy as conductor.assembly.v1 defines them: voter = 1, proposal_id = 2,
// option = 3 (VoteOption: 1 yes, 2 no, 3 abstain); member = 1, holder = 2, kind = 3
// (ProposalKind; 0 is every kind).
const MsgVote = {
  encode(m, w = BinaryWriter.create()) {
    if (m.voter) w.uint32(10).string(m.voter);
    if (m.proposalId) w.uint32(16).uint64(m.proposalId);
    if (m.option) w.uint32(24).int32(m.option);
    return w;
  },
  decode(input) {
    const r = input instanceof BinaryReader ? input : new BinaryReader(input);
    const m = { voter: "", proposalId: 0n, option: 0 };
    while (r.pos < r.len) {
      const tag = r.uint32();
      switch (tag >>> 3) {
        case 1: m.voter = r.string(); break;
        case 2: m.proposalId = r.uint64(); break;
        case 3: m.option = r.int32(); break;
        default: r.skipType(tag & 7);
      }
    }
    return m;
  },
  fromPartial: (o) => ({ voter: o.voter ?? "", proposalId: BigInt(o.proposalId ?? 0), option: o.option ?? 0 }),
};
const MsgGiveProxy = {
  encode(m, w = BinaryWriter.create()) {
    if (m.member) w.uint32(10).string(m.member);
    if (m.holder) w.uint32(18).string(m.holder);
    if (m.kind) w.uint32(24).int32(m.kind);
    return w;
  },
  decode(input) {
    const r = input instanceof BinaryReader ? input : new BinaryReader(input);
    const m = { member: "", holder: "", kind: 0 };
    while (r.pos < r.len) {
      const tag = r.uint32();
      switch (tag >>> 3) {
        case 1: m.member = r.string(); break;
        case 2: m.holder = r.string(); break;
        case 3: m.kind = r.int32(); break;
        default: r.skipType(tag & 7);
      }
    }
    return m;
  },
  fromPartial: (o) => ({ member: o.member ?? "", holder: o.holder ?? "", kind: o.kind ?? 0 }),
};
const voteType = "/conductor.assembly.v1.MsgVote";
const giveProxyType = "/conductor.assembly.v1.MsgGiveProxy";
// The vote's amino JSON, as Keplr signs it: the proposal id a string, the option (an enum) a
// number, empty fields left out.
const voteAmino = {
  [voteType]: {
    aminoType: "conductor/assembly/MsgVote",
    toAmino: (m) => ({ voter: m.voter, proposal_id: m.proposalId.toString(), ...(m.option ? { option: m.option } : {}) }),
    fromAmino: (a) => ({ voter: a.voter, proposalId: BigInt(a.proposal_id), option: a.option ?? 0 }),
  },
};

const privKey = (name) => Uint8Array.from(Buffer.from(cli("keys", "export", name, "--unarmored-hex", "--unsafe"), "hex"));
const balance = async (addr) => BigInt((await get(`/cosmos/bank/v1beta1/balances/${addr}/by_denom?denom=ursc`)).balance.amount);

test("a person sends RSC to another, signed in SIGN_MODE_DIRECT", async () => {
  const alice = await DirectSecp256k1Wallet.fromKey(privKey("alice"), "rsc");
  const [{ address: from }] = await alice.getAccounts();
  const to = cli("keys", "show", "bob", "-a");
  const client = await SigningStargateClient.connectWithSigner(rpc, alice);
  const before = await balance(to);
  const res = await client.sendTokens(from, to, [{ denom: "ursc", amount: "1234567" }], fee, "from a wallet");
  assert.equal(res.code, 0, res.rawLog);
  assert.equal(await balance(to), before + 1234567n);
  const tx = await get(`/cosmos/tx/v1beta1/txs/${res.transactionHash}`);
  assert.equal(tx.tx.body.memo, "from a wallet");
  assert.equal(tx.tx.auth_info.signer_infos[0].mode_info.single.mode, "SIGN_MODE_DIRECT");
});

test("a person buys two loaves with an amino-signed MsgPurchase", async () => {
  const dave = await Secp256k1Wallet.fromKey(privKey("dave"), "rsc"); // an amino-only signer
  const [{ address: buyer }] = await dave.getAccounts();
  const registry = new Registry([...defaultRegistryTypes, [purchaseType, MsgPurchase]]);
  const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...purchaseAmino });
  const client = await SigningStargateClient.connectWithSigner(rpc, dave, { registry, aminoTypes });
  const { listings } = await get("/conductor/market/v1/listings");
  const bread = listings.find((l) => l.name === "Rye bread");
  assert.ok(bread, "the demo's listing");
  const seller = bread.seller;
  const [paidBefore, sellerBefore] = [await balance(buyer), await balance(seller)];
  const msg = { typeUrl: purchaseType, value: MsgPurchase.fromPartial({ buyer, listingId: bread.id, quantity: 2 }) };
  const res = await client.signAndBroadcast(buyer, [msg], fee);
  assert.equal(res.code, 0, res.rawLog);
  const tx = await get(`/cosmos/tx/v1beta1/txs/${res.transactionHash}`);
  assert.equal(tx.tx.auth_info.signer_infos[0].mode_info.single.mode, "SIGN_MODE_LEGACY_AMINO_JSON");

  const { orders } = await get(`/conductor/market/v1/orders?buyer=${buyer}`);
  const order = orders.find((o) => o.listing_id === bread.id && o.quantity === "2" && o.height === String(res.height));
  assert.ok(order, JSON.stringify(orders));
  const total = BigInt(order.amount) + BigInt(order.tax);
  assert.equal(BigInt(order.amount), 2n * BigInt(bread.unit_price));
  assert.equal(await balance(buyer), paidBefore - total, "dave paid the price and the sales tax");
  assert.equal(await balance(seller), sellerBefore + BigInt(order.amount), "the co-op got the price");
  const { events } = await get(`/conductor/valueflows/v1/events?agent=${buyer}`);
  assert.ok(events.some((e) => e.link === `market/order/${order.id}` && e.settled_by.length >= 1), "the purchase's value flow");
});

test("a member gives their assembly vote to another by proxy, signed in SIGN_MODE_DIRECT", async () => {
  const carol = await DirectSecp256k1Wallet.fromKey(privKey("carol"), "rsc");
  const [{ address: member }] = await carol.getAccounts();
  const holder = addr("bob");
  const registry = new Registry([...defaultRegistryTypes, [giveProxyType, MsgGiveProxy]]);
  const client = await SigningStargateClient.connectWithSigner(rpc, carol, { registry });
  const msg = { typeUrl: giveProxyType, value: MsgGiveProxy.fromPartial({ member, holder }) };
  const res = await client.signAndBroadcast(member, [msg], fee);
  assert.equal(res.code, 0, res.rawLog);
  const tx = await get(`/cosmos/tx/v1beta1/txs/${res.transactionHash}`);
  assert.equal(tx.tx.auth_info.signer_infos[0].mode_info.single.mode, "SIGN_MODE_DIRECT");
  assert.deepEqual((await get(`/conductor/assembly/v1/proxies/${member}`)).proxies, [{ member, kind: "PROPOSAL_KIND_UNSPECIFIED", holder }]);
  assert.deepEqual((await get(`/conductor/assembly/v1/proxies_held/${holder}`)).proxies, [{ member, kind: "PROPOSAL_KIND_UNSPECIFIED", holder }]);
});

test("a proxy holder's amino-signed vote counts two members, and decides the proposal", async () => {
  const [alice, carol] = [addr("alice"), addr("carol")];
  const before = (await get("/conductor/governanceparams/v1/params")).params;
  assert.equal(before.income_tax_rate, "0.200000000000000000");
  const id = await propose([{ "@type": "/conductor.governanceparams.v1.MsgUpdateParams", params: { ...before, income_tax_rate: "0.250000000000000000" } }],
    { kind: "PROPOSAL_KIND_PARAMETERS", title: "Income tax 25%", summary: "fund the schools" });
  assert.equal((await proposal(id)).proposal.status, "PROPOSAL_STATUS_DELIBERATION");
  const opened = await stage(id, "PROPOSAL_STATUS_VOTING");
  assert.equal(opened.proposal.eligible, "3", "alice, bob and carol");

  const bob = await Secp256k1Wallet.fromKey(privKey("bob"), "rsc"); // an amino-only signer, as Keplr signs
  const [{ address: voter }] = await bob.getAccounts();
  const registry = new Registry([...defaultRegistryTypes, [voteType, MsgVote]]);
  const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...voteAmino });
  const client = await SigningStargateClient.connectWithSigner(rpc, bob, { registry, aminoTypes });
  const msg = { typeUrl: voteType, value: MsgVote.fromPartial({ voter, proposalId: id, option: 1 }) };
  const res = await client.signAndBroadcast(voter, [msg], fee);
  assert.equal(res.code, 0, res.rawLog);
  const tx = await get(`/cosmos/tx/v1beta1/txs/${res.transactionHash}`);
  assert.equal(tx.tx.auth_info.signer_infos[0].mode_info.single.mode, "SIGN_MODE_LEGACY_AMINO_JSON");
  assert.equal(tx.tx.body.messages[0]["@type"], voteType);

  // one vote, two members: bob and carol, whose proxy bob holds
  const open = await proposal(id);
  assert.deepEqual(open.proposal.tally, { yes: "2", no: "0", abstain: "0" });
  assert.equal(open.turnout, "0.666666666666666666", "2 of 3 (the chain rounds a share down)");
  assert.equal(open.yes_share, "1.000000000000000000");
  assert.equal(open.passing, true);
  const own = await get(`/conductor/assembly/v1/proposals/${id}/votes/${voter}`);
  assert.deepEqual(own, { vote: { proposal_id: String(id), voter, option: "VOTE_OPTION_YES", weight: "2" }, proxy: "", counted_by: voter, counted_as: "VOTE_OPTION_YES" });
  const byProxy = await get(`/conductor/assembly/v1/proposals/${id}/votes/${carol}`);
  assert.deepEqual(byProxy, { vote: null, proxy: voter, counted_by: voter, counted_as: "VOTE_OPTION_YES" });
  const absent = await get(`/conductor/assembly/v1/proposals/${id}/votes/${alice}`);
  assert.deepEqual(absent, { vote: null, proxy: "", counted_by: "", counted_as: "VOTE_OPTION_UNSPECIFIED" });

  // the close: quorum (10%) and threshold (more than 50%) met, the change applied
  const closed = await stage(id, ...CLOSED);
  assert.equal(closed.proposal.status, "PROPOSAL_STATUS_PASSED", closed.proposal.result_log);
  assert.deepEqual(closed.proposal.tally, { yes: "2", no: "0", abstain: "0" });
  assert.equal((await get("/conductor/governanceparams/v1/params")).params.income_tax_rate, "0.250000000000000000");
  const { changes } = await get("/conductor/governanceparams/v1/changes");
  assert.ok(changes.some((c) => c.proposal_id === String(id)), JSON.stringify(changes));
});
