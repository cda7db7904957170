#!/usr/bin/env bash
# Creates (once) and runs a single-validator demo region in ./build/localnet.
# Run again: resumes the same chain. `make localnet-reset` starts over.
# LOCALNET_HOME sets the home; LOCALNET_INIT_ONLY=1 only creates it.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-./build/conductord}
HOME_DIR=${LOCALNET_HOME:-./build/localnet}
CHAIN_ID=region-local-1
KR=(--keyring-backend test --home "$HOME_DIR")
RPC=tcp://127.0.0.1:26657

addr() { "$BIN" keys show "$1" -a "${KR[@]}"; }

if [[ ! -f $HOME_DIR/config/genesis.json ]]; then
  echo "Creating the demo region $CHAIN_ID in $HOME_DIR ..."
  "$BIN" init node --chain-id "$CHAIN_ID" --default-denom ursc --home "$HOME_DIR" >/dev/null 2>&1
  for k in node alice bob carol dave; do "$BIN" keys add "$k" "${KR[@]}" >/dev/null 2>&1; done
  for k in node alice bob carol dave; do
    "$BIN" genesis add-genesis-account "$(addr $k)" 100000000000ursc --home "$HOME_DIR"
  done
  # alice, bob and carol found the region; dave is a person who is not (yet) a member;
  # node is the operator account of the validator run by a regional co-op.
  "$BIN" genesis region add-members "$(addr alice)" "$(addr bob)" "$(addr carol)" --home "$HOME_DIR"
  "$BIN" genesis region add-institution company "Bakery Co-op" "$(addr alice)" "$(addr bob)" --home "$HOME_DIR"
  "$BIN" genesis region add-institution bank "Regional Public Bank" "$(addr alice)" "$(addr bob)" "$(addr carol)" --home "$HOME_DIR"
  "$BIN" genesis region add-institution regional-company "Housing Agency" "$(addr carol)" --home "$HOME_DIR"
  "$BIN" genesis region set-assembly --deliberation-period 10s --voting-period 60s --home "$HOME_DIR"
  "$BIN" genesis region fund-treasury 1000000000000ursc --home "$HOME_DIR"
  "$BIN" genesis region set-params pay_period=60s dividend_period=300s profit_at_rest_delay=600s arrears_notice_period=300s withdrawal_grace=120s --home "$HOME_DIR"
  "$BIN" genesis region add-occupation baker 20000000 40000000 0.5 0.2 0.2 --home "$HOME_DIR"
  "$BIN" genesis region add-occupation teacher 30000000 50000000 0.8 0.6 0.4 --home "$HOME_DIR"
  "$BIN" genesis gentx node 10000000000ursc --chain-id "$CHAIN_ID" "${KR[@]}" >/dev/null 2>&1
  "$BIN" genesis collect-gentxs --home "$HOME_DIR" >/dev/null 2>&1
  "$BIN" genesis validate --home "$HOME_DIR"
  "$BIN" config set client chain-id "$CHAIN_ID" --home "$HOME_DIR"
  "$BIN" config set client keyring-backend test --home "$HOME_DIR"
  "$BIN" config set app api.enable true --home "$HOME_DIR"
  "$BIN" config set app minimum-gas-prices 0ursc --home "$HOME_DIR"
  "$BIN" config set app iavl-disable-fastnode true --home "$HOME_DIR"
  "$BIN" config set config consensus.timeout_commit 1s --skip-validate --home "$HOME_DIR"
fi
# LOCALNET_INIT_ONLY=1: create the region's files and stop (the genesis test reads them).
[[ -n ${LOCALNET_INIT_ONLY:-} ]] && exit 0

"$BIN" start --home "$HOME_DIR" >"$HOME_DIR/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null' INT TERM EXIT
for _ in $(seq 60); do
  "$BIN" status --node "$RPC" 2>/dev/null | grep -q '"latest_block_height":"[1-9]' && break
  kill -0 $NODE 2>/dev/null || { tail -20 "$HOME_DIR/node.log"; exit 1; }
  sleep 1
done

if [[ ! -f $HOME_DIR/demo.done ]]; then
  # once, on a new region: a listing, a job, a purchase, a need (scripts/demo.sh)
  if BIN="$BIN" LOCALNET_HOME="$HOME_DIR" RPC="$RPC" ./scripts/demo.sh; then touch "$HOME_DIR/demo.done"; else echo "demo activity failed (above)"; fi
fi

cat <<TXT

Region $CHAIN_ID is running (log: $HOME_DIR/node.log). Ctrl-C stops it; run again to resume.
  RPC   $RPC
  REST  http://127.0.0.1:1317   (OpenAPI: /openapi.yaml)
  Dashboard  http://127.0.0.1:1317/dashboard/
  gRPC  127.0.0.1:9090

Demo accounts (keyring: --keyring-backend test --home $HOME_DIR):
TXT
for k in alice bob carol; do printf '  %-6s %s  person, member\n' "$k" "$(addr $k)"; done
printf '  %-6s %s  person, not a member\n' dave "$(addr dave)"
printf '  %-6s %s  person, validator operator\n' node "$(addr node)"
for kind in company bank regional-company treasury assembly; do
  "$BIN" query membership agents "$kind" --node "$RPC" -o json |
    jq -r --arg k "$kind" '.agents[] | "         \(.address)  \($k): \(.name)"'
done
cat <<TXT

Try (see README.md for more):
  $BIN tx bank send alice \$($BIN keys show bob -a --home $HOME_DIR) 5000000ursc --home $HOME_DIR -y
  $BIN query membership agents company
  $BIN query governanceparams params
TXT
wait $NODE
