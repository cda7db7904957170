#!/usr/bin/env bash
# relay.sh start|stop|kill: starts the relayer on path a-b (its PID in $DIR/relayer.pid and
# $DIR/pids), or stops the one this script started (kill: SIGKILL, as a crash).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RLY=${RLY:-$ROOT/build/relayer}
DIR=${DIR:-$ROOT/build/two-regions}
case ${1:-} in
start)
  "$RLY" start a-b --home "$DIR/relayer" --log-format logfmt >>"$DIR/relayer.log" 2>&1 &
  echo "$!" >"$DIR/relayer.pid"
  echo "$!" >>"$DIR/pids"
  ;;
stop | kill)
  pid=$(cat "$DIR/relayer.pid")
  sig=TERM
  [[ $1 == kill ]] && sig=KILL
  if tr "\0" " " <"/proc/$pid/cmdline" 2>/dev/null | grep -q -e "$DIR"; then kill -s "$sig" "$pid"; fi
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  ;;
*)
  echo "usage: $0 start|stop|kill" >&2
  exit 2
  ;;
esac
