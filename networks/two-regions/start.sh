#!/usr/bin/env bash
# Starts two regions on 127.0.0.1, region-a-1 and region-b-1 (one validator each, 1 s blocks),
# and a real IBC relayer (github.com/cosmos/relayer/v2, pinned in tools/relayer) that creates
# the clients, the connection and the ICS-20 channel (channel-0 on both), then relays.
# Each region's directory knows the other at genesis (channel-0, public endpoints).
#
#            P2P    RPC    gRPC   REST
# region A   27656  27657  10090  2317
# region B   28656  28657  11090  3317
#
# Everything lives in $DIR (default build/two-regions); the PIDs in $DIR/pids; ./stop.sh ends
# exactly those processes.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${BIN:-$ROOT/build/conductord}
RLY=${RLY:-$ROOT/build/relayer}
DIR=${DIR:-$ROOT/build/two-regions}
[[ -x $BIN ]] || (cd "$ROOT" && make build >/dev/null)
[[ -x $RLY ]] || (cd "$ROOT/tools/relayer" && GOBIN="$ROOT/build" go install tool)
if [[ -f $DIR/pids ]]; then echo "already running? $DIR/pids exists; run $HERE/stop.sh first" >&2; exit 1; fi
for port in 27656 27657 10090 2317 28656 28657 11090 3317; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use (another two-regions?): stop it first" >&2
    exit 1
  fi
done
rm -rf "$DIR"
mkdir -p "$DIR"

offset() { [[ $1 == a ]] && echo 1000 || echo 2000; }
other() { [[ $1 == a ]] && echo b || echo a; }

region() {
  local x=$1 o; o=$(offset "$1")
  local h="$DIR/$x" chain="region-$x-1" peer; peer=$(other "$x")
  local KR=(--keyring-backend test --home "$h")
  "$BIN" init "node-$x" --chain-id "$chain" --default-denom ursc --home "$h" >/dev/null 2>&1
  for k in node alice bob carol; do "$BIN" keys add "$k" "${KR[@]}" >/dev/null 2>&1; done
  "$BIN" keys add relayer "${KR[@]}" --output json 2>/dev/null | jq -r .mnemonic >"$DIR/relayer-$x.mnemonic"
  addr() { "$BIN" keys show "$1" -a "${KR[@]}"; }
  for k in node alice bob carol relayer; do
    "$BIN" genesis add-genesis-account "$(addr $k)" 100000000000ursc --home "$h"
  done
  "$BIN" genesis region add-members "$(addr alice)" "$(addr bob)" "$(addr carol)" --home "$h"
  local company; [[ $x == a ]] && company="Bakery Co-op" || company="Maple Co-op"
  "$BIN" genesis region add-institution company "$company" "$(addr alice)" "$(addr bob)" --home "$h"
  "$BIN" genesis region set-assembly --deliberation-period 0s --voting-period 20s --home "$h"
  "$BIN" genesis region fund-treasury 1000000000000ursc --home "$h"
  local po; po=$(offset "$peer")
  "$BIN" genesis region add-region "region-$peer" "region-$peer-1" channel-0 --endpoint-rest "http://127.0.0.1:$((1317 + po))" \
    --endpoint-rpc "http://127.0.0.1:$((26657 + po))" --endpoint-grpc "127.0.0.1:$((9090 + po))" --home "$h"
  "$BIN" genesis gentx node 10000000000ursc --chain-id "$chain" "${KR[@]}" >/dev/null 2>&1
  "$BIN" genesis collect-gentxs --home "$h" >/dev/null 2>&1
  "$BIN" genesis validate --home "$h" >/dev/null
  cfg() { "$BIN" config set "$@" --home "$h" >/dev/null; }
  cfg config p2p.laddr "tcp://127.0.0.1:$((26656 + o))" --skip-validate
  cfg config rpc.laddr "tcp://127.0.0.1:$((26657 + o))" --skip-validate
  cfg config rpc.pprof_laddr "" --skip-validate
  cfg config p2p.pex false --skip-validate
  cfg config consensus.timeout_commit 1s --skip-validate
  cfg app grpc.address "127.0.0.1:$((9090 + o))"
  cfg app api.enable true
  cfg app api.address "tcp://127.0.0.1:$((1317 + o))"
  cfg app api.enabled-unsafe-cors true # the other region's dashboard reads this REST API from its page
  cfg app minimum-gas-prices 0ursc
  cfg app iavl-disable-fastnode true
  cfg client chain-id "$chain"
  cfg client keyring-backend test
  cfg client node "tcp://127.0.0.1:$((26657 + o))"
}

for x in a b; do
  region "$x"
  "$BIN" start --home "$DIR/$x" >"$DIR/$x.log" 2>&1 &
  echo "$!" >>"$DIR/pids"
done
for x in a b; do
  node="tcp://127.0.0.1:$((26657 + $(offset $x)))"
  for _ in $(seq 60); do
    "$BIN" status --node "$node" 2>/dev/null | grep -q '"latest_block_height":"[1-9]' && break
    sleep 1
  done
  "$BIN" status --node "$node" 2>/dev/null | grep -q '"latest_block_height":"[1-9]' || { tail -20 "$DIR/$x.log"; exit 1; }
done

R=(--home "$DIR/relayer")
"$RLY" config init "${R[@]}" >/dev/null
for x in a b; do
  "$RLY" chains add --file "$HERE/relayer/region-$x.json" "region-$x" "${R[@]}" >/dev/null
  "$RLY" keys restore "region-$x" relayer "$(cat "$DIR/relayer-$x.mnemonic")" "${R[@]}" >/dev/null
done
"$RLY" paths new region-a-1 region-b-1 a-b "${R[@]}" >/dev/null
echo "Linking region-a-1 and region-b-1 (clients, connection, ICS-20 channel) ..."
"$RLY" tx link a-b --src-port transfer --dst-port transfer --order unordered --version ics20-1 "${R[@]}" >"$DIR/link.log" 2>&1 ||
  { tail -30 "$DIR/link.log"; exit 1; }
"$HERE/relay.sh" start

cat <<TXT

Two regions are running (logs in $DIR), relayed on channel-0 by $RLY (log: $DIR/relayer.log).
  region A  RPC tcp://127.0.0.1:27657  REST http://127.0.0.1:2317  home $DIR/a
  region B  RPC tcp://127.0.0.1:28657  REST http://127.0.0.1:3317  home $DIR/b
Keys alice, bob, carol (members) in each home's test keyring. Stop with $HERE/stop.sh.
Try:
  $BIN tx ibc-transfer transfer transfer channel-0 \$($BIN keys show carol -a --home $DIR/b) 1000000ursc --from alice --home $DIR/a -y
  $BIN query federation listings --region region-b --home $DIR/a
TXT
