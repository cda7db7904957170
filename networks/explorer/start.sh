#!/usr/bin/env bash
# Starts the explorer of a running region (by default the localnet, build/localnet): Debian's
# PostgreSQL as a user process with CometBFT's event sink schema (schema.sql) and the views
# (views.sql), and a non-validator full node of the region that writes every block's and
# transaction's events into it ([tx_index] indexer = "psql"), plus blocktimes.sh (block
# times for the views). Everything lives in $DIR (build/explorer); run again after stop.sh to
# resume. PIDs are in $DIR/pids; stop.sh ends exactly those and stops PostgreSQL.
#
#   DIR             build/explorer            the explorer's folder (pg/, node/, logs)
#   LOCALNET_HOME   build/localnet            the region's validator home: genesis, node id, P2P address
#   PEER            <id>@<its p2p.laddr>      the node to follow, if not LOCALNET_HOME's
#   PG_PORT         5433                      PostgreSQL, on 127.0.0.1 (socket in $DIR/run)
#   P2P_PORT RPC_PORT GRPC_PORT  26666 26667 9091   the explorer node's ports
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
abs() { [[ $1 == /* ]] && echo "$1" || echo "$PWD/$1"; }
BIN=$(abs "${BIN:-$ROOT/build/conductord}")
DIR=$(abs "${DIR:-$ROOT/build/explorer}")
LOCALNET_HOME=$(abs "${LOCALNET_HOME:-$ROOT/build/localnet}")
PG_PORT=${PG_PORT:-5433}
P2P_PORT=${P2P_PORT:-26666}
RPC_PORT=${RPC_PORT:-26667}
GRPC_PORT=${GRPC_PORT:-9091}
DB=explorer
NODE_HOME=$DIR/node
PGDATA=$DIR/pg
RUN=$DIR/run # PostgreSQL's socket and log

fail() { echo "explorer: $*" >&2; exit 1; }
[[ -x $BIN ]] || fail "no $BIN: run make build"
[[ -f $LOCALNET_HOME/config/genesis.json ]] || fail "no region in $LOCALNET_HOME: start it first (make localnet)"
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[[ -x $PG_BIN/initdb ]] || fail "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql"
for tool in jq curl; do command -v $tool >/dev/null || fail "needs $tool"; done
[[ -f $DIR/pids ]] && fail "already running? $DIR/pids exists; run $HERE/stop.sh first"
for port in "$PG_PORT" "$P2P_PORT" "$RPC_PORT" "$GRPC_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "port $port is in use: stop what runs there, or set the *_PORT variables"; fi
done

# PostgreSQL runs as the user who runs this, or as postgres when that is root (it refuses
# root): the data and socket folders are then postgres's.
mkdir -p "$DIR" "$RUN" "$PGDATA"
chmod 700 "$PGDATA"
if [[ $(id -u) == 0 ]]; then
  id postgres >/dev/null 2>&1 || fail "running as root needs the postgres user (Debian's postgresql package makes it)"
  chown postgres:postgres "$PGDATA" "$RUN"
  runuser -u postgres -- test -w "$PGDATA" || fail "the postgres user cannot reach $PGDATA: make its parent folders readable (chmod o+x)"
  pg() { runuser -u postgres -- "$@"; }
else
  pg() { "$@"; }
fi
if [[ ! -f $PGDATA/PG_VERSION ]]; then
  pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-instructions >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; fail "initdb failed"; }
fi
if ! pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$RUN/postgres.log" -w -t 30 \
    -o "-p $PG_PORT -k $RUN -c listen_addresses=127.0.0.1" start >/dev/null ||
    { tail -20 "$RUN/postgres.log" >&2; fail "PostgreSQL did not start"; }
fi

export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres
PSQL=$PG_BIN/psql
q() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
[[ $(q -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$DB'") == 1 ]] || q -d postgres -c "CREATE DATABASE $DB"
# The sink's schema once (its tables hold the history); the views every time (they are derived).
[[ $(q -d $DB -c "SELECT to_regclass('public.blocks') IS NOT NULL") == t ]] || q -d $DB -f "$HERE/schema.sql"
q -d $DB -c "SET client_min_messages = warning" -f "$HERE/views.sql"
CONN="postgresql://postgres@127.0.0.1:$PG_PORT/$DB?sslmode=disable"

# The full node: the region's genesis, the validator as its one peer, the psql sink.
GENESIS=$LOCALNET_HOME/config/genesis.json
CHAIN_ID=$(jq -r .chain_id "$GENESIS")
if [[ -f $NODE_HOME/config/genesis.json ]] && ! cmp -s "$GENESIS" "$NODE_HOME/config/genesis.json"; then
  fail "$LOCALNET_HOME has a new genesis (the region was reset): make explorer-reset first"
fi
if [[ ! -f $NODE_HOME/config/genesis.json ]]; then
  "$BIN" init explorer --chain-id "$CHAIN_ID" --default-denom ursc --home "$NODE_HOME" >/dev/null 2>&1
  cp "$GENESIS" "$NODE_HOME/config/genesis.json"
fi
if [[ -z ${PEER:-} ]]; then
  id=$("$BIN" comet show-node-id --home "$LOCALNET_HOME")
  laddr=$("$BIN" config get config p2p.laddr --home "$LOCALNET_HOME" | tr -d '"')
  addr=${laddr#tcp://}
  [[ ${addr%:*} == 0.0.0.0 ]] && addr=127.0.0.1:${addr##*:}
  PEER=$id@$addr
fi
cfg() { "$BIN" config set "$@" --home "$NODE_HOME" >/dev/null; }
cfg config p2p.laddr "tcp://127.0.0.1:$P2P_PORT" --skip-validate
cfg config p2p.persistent_peers "$PEER" --skip-validate
cfg config p2p.allow_duplicate_ip true --skip-validate
cfg config p2p.addr_book_strict false --skip-validate
cfg config p2p.pex false --skip-validate
cfg config rpc.laddr "tcp://127.0.0.1:$RPC_PORT" --skip-validate
cfg config rpc.pprof_laddr "" --skip-validate
cfg config tx_index.indexer psql --skip-validate
cfg config tx_index.psql-conn "$CONN" --skip-validate
cfg app grpc.address "127.0.0.1:$GRPC_PORT"
cfg app api.enable false
cfg app minimum-gas-prices 0ursc
cfg app iavl-disable-fastnode true
cfg client chain-id "$CHAIN_ID"
cfg client node "tcp://127.0.0.1:$RPC_PORT"

"$BIN" start --home "$NODE_HOME" >>"$DIR/node.log" 2>&1 &
echo "$!" >>"$DIR/pids"
RPC=http://127.0.0.1:$RPC_PORT PSQL=$PSQL PGDATABASE=$DB "$HERE/blocktimes.sh" "$DIR" >>"$DIR/blocktimes.log" 2>&1 &
echo "$!" >>"$DIR/pids"

for _ in $(seq 60); do
  n=$(q -d $DB -c "SELECT count(*) FROM blocks" 2>/dev/null || echo 0)
  [[ ${n:-0} -gt 0 ]] && break
  kill -0 "$(head -1 "$DIR/pids")" 2>/dev/null || { tail -20 "$DIR/node.log" >&2; "$HERE/stop.sh" >/dev/null; fail "the node stopped (log above)"; }
  sleep 1
done
((${n:-0} > 0)) || fail "no block reached the sink in 60 s (is the region running? $PEER; see $DIR/node.log)"
cat <<TXT
explorer of $CHAIN_ID following $PEER: $n blocks indexed so far
  PostgreSQL  $CONN   (data $PGDATA, log $RUN/postgres.log)
  node        RPC tcp://127.0.0.1:$RPC_PORT, home $NODE_HOME, log $DIR/node.log
  query       $PSQL "$CONN" -c 'SELECT * FROM payslips ORDER BY height DESC LIMIT 10'
  stop        make explorer-stop   (networks/explorer/README.md: the views and example queries)
TXT
