// A wallet's view of a region: the test starts a fresh demo region (scripts/localnet.sh in
// a temporary home; the demo lists rye bread), connects over RPC with CosmJS as a browser
// wallet does, sends RSC from person to person (SIGN_MODE_DIRECT), buys two loaves with an
// amino-signed MsgPurchase (SIGN_MODE_LEGACY_AMINO_JSON, as a hardware wallet signs), and
// reads the results back over REST.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DirectSecp256k1Wallet, Registry } from "@cosmjs/proto-signing";
import { Secp256k1Wallet } from "@cosmjs/amino";
import { AminoTypes, SigningStargateClient, defaultRegistryTypes, createDefaultAminoConverters } from "@cosmjs/stargate";
import { BinaryReader, BinaryWriter } from "cosmjs-types/binary.js";
import { useRegion, cli, get, rpc } from "./localnet.mjs";

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
