#!/usr/bin/env bash
# Demo activity on a running localnet (scripts/localnet.sh runs it once): the Bakery Co-op,
# by its workers' votes, lists rye bread and posts a baker's job; dave buys two loaves; carol
# joins the wait-list for a home and posts the need in the value-flow plans.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-./build/conductord}
HOME_DIR=${LOCALNET_HOME:-./build/localnet}
RPC=${RPC:-tcp://127.0.0.1:26657}
H=(--home "$HOME_DIR" --keyring-backend test --node "$RPC" --chain-id region-local-1)
addr() { "$BIN" keys show "$1" -a "${H[@]:0:4}"; }

# tx runs a transaction and waits until a block includes it; it fails unless it succeeded.
tx() {
  local hash code
  hash=$("$BIN" tx "$@" "${H[@]}" -y -o json | jq -r .txhash)
  for _ in $(seq 30); do
    if code=$("$BIN" query tx "$hash" --node "$RPC" -o json 2>/dev/null | jq -r .code); then
      [[ $code == 0 ]] && return 0
      echo "demo: tx $* failed (code $code)" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "demo: tx $* not included" >&2
  return 1
}

CO=$("$BIN" query membership agents company --node "$RPC" -o json | jq -r '.agents[] | select(.name=="Bakery Co-op") | .address')
ALICE=$(addr alice) BOB=$(addr bob)
jq -n --arg co "$CO" --arg p "$ALICE" '{group_policy_address:$co, proposers:[$p], title:"bread and a baker", summary:"", metadata:"", messages:[
  {"@type":"/conductor.market.v1.MsgCreateListing", seller:$co, kind:"LISTING_KIND_PRODUCT", name:"Rye bread", description:"sourdough, 1 kg",
   unit:"loaf", unit_price:"5000000", stock:"100"},
  {"@type":"/conductor.payroll.v1.MsgPostJob", company:$co, occupation_id:"1", hours_per_week:40, wage:"30000000", description:"bread, early shifts"}]}' \
  > "$HOME_DIR/demo-proposal.json"
tx group submit-proposal "$HOME_DIR/demo-proposal.json" --from alice
ID=$("$BIN" query group proposals-by-group-policy "$CO" --node "$RPC" -o json | jq -r '.proposals[-1].id')
tx group vote "$ID" "$ALICE" VOTE_OPTION_YES "" --from alice
tx group vote "$ID" "$BOB" VOTE_OPTION_YES "" --exec try --from bob
LISTING=$("$BIN" query market listings --node "$RPC" -o json | jq -r '.listings[-1].id')
tx market purchase "$LISTING" 2 --from dave
tx housing join-waitlist apartment north 40 --from carol
tx valueflows intend demand 3 12 "$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)" --from carol
echo "demo: the Bakery Co-op lists rye bread (listing $LISTING) and a baker's job; dave bought 2 loaves; carol waits for a home"
