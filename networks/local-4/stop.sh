#!/usr/bin/env bash
# Stops exactly the processes networks/local-4/start.sh started (by their saved PIDs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${DIR:-$ROOT/build/local-4}
[[ -f $DIR/pids ]] || { echo "nothing to stop: $DIR/pids not found"; exit 0; }
while read -r pid; do
  kill "$pid" 2>/dev/null && echo "stopped $pid" || true
done <"$DIR/pids"
for _ in $(seq 20); do
  alive=0
  while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$DIR/pids"
  [[ $alive == 0 ]] && break
  sleep 0.5
done
rm -f "$DIR/pids"
