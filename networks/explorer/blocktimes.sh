#!/usr/bin/env bash
# Copies each block's header time from the explorer node (RPC /blockchain, 20 headers a
# call) into the table block_times: the sink's `blocks` table has no block time, and the
# views give each event its block's. Started in the background by start.sh; runs until it
# is stopped (stop.sh). Needs curl, jq and psql. Its argument, the explorer's folder, only
# tells its process apart (stop.sh).
#   RPC      the explorer node's RPC, e.g. http://127.0.0.1:26667
#   PSQL     the psql binary; PGHOST, PGPORT, PGUSER, PGDATABASE as libpq reads them
set -uo pipefail
RPC=${RPC:?RPC, the explorer node RPC address, is not set}
PSQL=${PSQL:-psql}
q() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$@"; }

chain=""
while :; do
  if [[ -z $chain ]]; then
    chain=$(curl -sf "$RPC/status" | jq -er .result.node_info.network) || { chain=""; sleep 1; continue; }
  fi
  last=$(q -c "SELECT coalesce(max(height), 0) FROM block_times WHERE chain_id = '$chain'") || { sleep 1; continue; }
  tip=$(curl -sf "$RPC/status" | jq -er .result.sync_info.latest_block_height) || { sleep 1; continue; }
  if ((tip <= last)); then
    sleep 0.5
    continue
  fi
  hi=$((last + 20 < tip ? last + 20 : tip))
  rows=$(curl -sf "$RPC/blockchain?minHeight=$((last + 1))&maxHeight=$hi" |
    jq -er --arg c "$chain" '.result.block_metas[] | [$c, .header.height, .header.time] | @tsv') || { sleep 1; continue; }
  # the header times in order of height: the table never has a gap below its highest row.
  sort -t$'\t' -k2,2n <<<"$rows" | q -c "\copy block_times (chain_id, height, time) FROM STDIN" || sleep 1
done
