#!/usr/bin/env bash
# Stops exactly the processes start.sh (and relay.sh) started: the PIDs in $DIR/pids that are
# still our conductord or relayer.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=${DIR:-$ROOT/build/two-regions}
[[ -f $DIR/pids ]] || { echo "nothing to stop ($DIR/pids missing)"; exit 0; }
ours() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -e "$DIR"; }
pids=()
while read -r pid; do
  if ours "$pid"; then kill "$pid" && pids+=("$pid"); fi
done <"$DIR/pids"
for pid in "${pids[@]}"; do
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
done
rm -f "$DIR/pids"
echo "stopped ${#pids[@]} processes"
