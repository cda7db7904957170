#!/usr/bin/env bash
# Starts a region of 4 validators as separate processes on 127.0.0.1, from a clean folder.
# Node i listens on base ports + 100*i: P2P 26656, RPC 26657, gRPC 9090, REST 1317.
# PIDs are saved in $DIR/pids; ./stop.sh ends exactly those processes.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${BIN:-$ROOT/build/conductord}
DIR=${DIR:-$ROOT/build/local-4}
CHAIN_ID=${CHAIN_ID:-region-local-4}
N=4
[[ -x $BIN ]] || (cd "$ROOT" && make build >/dev/null)
if [[ -f $DIR/pids ]]; then echo "already running? $DIR/pids exists; run $HERE/stop.sh first" >&2; exit 1; fi
for i in $(seq 0 $((N - 1))); do
  for port in $((26656 + 100 * i)) $((26657 + 100 * i)) $((9090 + 100 * i)) $((1317 + 100 * i)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is in use (a localnet, or another network?): stop it first" >&2
      exit 1
    fi
  done
done
rm -rf "$DIR"
mkdir -p "$DIR/gentxs"

home() { echo "$DIR/node$1"; }
KR=(--keyring-backend test)
for i in $(seq 0 $((N - 1))); do
  "$BIN" init "node$i" --chain-id "$CHAIN_ID" --default-denom ursc --home "$(home $i)" >/dev/null 2>&1
  "$BIN" keys add "val$i" "${KR[@]}" --home "$(home $i)" >/dev/null 2>&1
done
G=$(home 0)
"$BIN" keys add alice "${KR[@]}" --home "$G" >/dev/null 2>&1
ALICE=$("$BIN" keys show alice -a "${KR[@]}" --home "$G")
"$BIN" genesis add-genesis-account "$ALICE" 100000000000ursc --home "$G"
members=("$ALICE")
for i in $(seq 0 $((N - 1))); do
  a=$("$BIN" keys show "val$i" -a "${KR[@]}" --home "$(home $i)")
  "$BIN" genesis add-genesis-account "$a" 100000000000ursc --home "$G"
  members+=("$a")
done
"$BIN" genesis region add-members "${members[@]}" --home "$G"
"$BIN" genesis region set-assembly --deliberation-period 0s --voting-period 60s --home "$G"
"$BIN" genesis region fund-treasury 1000000000000ursc --home "$G"
for i in $(seq 0 $((N - 1))); do
  [[ $i == 0 ]] || cp "$G/config/genesis.json" "$(home $i)/config/genesis.json"
  "$BIN" genesis gentx "val$i" 10000000000ursc --chain-id "$CHAIN_ID" "${KR[@]}" --home "$(home $i)" \
    --output-document "$DIR/gentxs/val$i.json" >/dev/null 2>&1
done
"$BIN" genesis collect-gentxs --gentx-dir "$DIR/gentxs" --home "$G" >/dev/null 2>&1
"$BIN" genesis validate --home "$G" >/dev/null

peers=""
for i in $(seq 0 $((N - 1))); do
  id=$("$BIN" comet show-node-id --home "$(home $i)")
  peers+="${peers:+,}$id@127.0.0.1:$((26656 + 100 * i))"
done
for i in $(seq 0 $((N - 1))); do
  h=$(home $i)
  [[ $i == 0 ]] || cp "$G/config/genesis.json" "$h/config/genesis.json"
  cfg() { "$BIN" config set "$@" --home "$h" >/dev/null; }
  cfg config p2p.laddr "tcp://127.0.0.1:$((26656 + 100 * i))" --skip-validate
  cfg config rpc.laddr "tcp://127.0.0.1:$((26657 + 100 * i))" --skip-validate
  cfg config rpc.pprof_laddr "" --skip-validate
  cfg config p2p.persistent_peers "$peers" --skip-validate
  cfg config p2p.allow_duplicate_ip true --skip-validate
  cfg config p2p.addr_book_strict false --skip-validate
  cfg config p2p.pex false --skip-validate
  cfg config consensus.timeout_commit 1s --skip-validate
  cfg app grpc.address "127.0.0.1:$((9090 + 100 * i))"
  cfg app api.enable true
  cfg app api.address "tcp://127.0.0.1:$((1317 + 100 * i))"
  cfg app minimum-gas-prices 0ursc
  cfg app iavl-disable-fastnode true
  cfg client chain-id "$CHAIN_ID"
  cfg client keyring-backend test
  cfg client node "tcp://127.0.0.1:$((26657 + 100 * i))"
done

for i in $(seq 0 $((N - 1))); do
  "$BIN" start --home "$(home $i)" >"$DIR/node$i.log" 2>&1 &
  echo "$!" >>"$DIR/pids"
done
for _ in $(seq 60); do
  h=$("$BIN" status --node tcp://127.0.0.1:26657 2>/dev/null | jq -r '.sync_info.latest_block_height' 2>/dev/null || echo 0)
  [[ ${h:-0} -ge 2 ]] && break
  sleep 1
done
echo "region $CHAIN_ID: $N validators running (height ${h:-?}); logs and homes in $DIR"
for i in $(seq 0 $((N - 1))); do
  echo "  node$i  RPC tcp://127.0.0.1:$((26657 + 100 * i))  gRPC 127.0.0.1:$((9090 + 100 * i))  REST http://127.0.0.1:$((1317 + 100 * i))  pid $(sed -n "$((i + 1))p" "$DIR/pids")"
done
