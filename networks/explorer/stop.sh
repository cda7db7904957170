#!/usr/bin/env bash
# Stops the explorer start.sh started: exactly the processes in $DIR/pids that are still its
# own (the node, blocktimes.sh), then its PostgreSQL (pg_ctl stop). The data stays in $DIR;
# start.sh resumes; `make explorer-reset` deletes it.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=${DIR:-$ROOT/build/explorer}
[[ $DIR == /* ]] || DIR=$PWD/$DIR
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
ours() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -F -e "$DIR"; }
pids=()
if [[ -f $DIR/pids ]]; then
  while read -r pid; do
    if ours "$pid"; then kill "$pid" && pids+=("$pid"); fi
  done <"$DIR/pids"
fi
for pid in "${pids[@]}"; do
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
done
rm -f "$DIR/pids"
pg=stopped
if [[ -f $DIR/pg/postmaster.pid && -x $PG_BIN/pg_ctl ]]; then
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1 || pg="not running"
  else
    "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1 || pg="not running"
  fi
else
  pg="not running"
fi
echo "explorer: stopped ${#pids[@]} processes; PostgreSQL $pg"
