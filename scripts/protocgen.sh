#!/usr/bin/env bash
# Regenerates gogo, grpc-gateway and pulsar code from proto/ offline: Debian's protoc,
# plugins pinned in tools/go.mod, include trees from the Go module cache.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=github.com/conductor-coop/conductor
BIN="$PWD/build/tools"
if [[ ! -x $BIN/protoc-gen-go-pulsar || ! -x $BIN/protoc-gen-swagger ]]; then
  (cd tools && GOBIN="$BIN" go install tool)
fi
export PATH="$BIN:$PATH"
command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler libprotobuf-dev" >&2; exit 1; }

dir() { go mod download -json "$1" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p'; }
SDK=$(dir github.com/cosmos/cosmos-sdk)
GOGO=$(dir github.com/cosmos/gogoproto)
CPROTO=$(dir github.com/cosmos/cosmos-proto)
GW=$(dir github.com/grpc-ecosystem/grpc-gateway)
INCLUDES=(-I proto -I "$SDK/proto" -I "$GOGO" -I "$CPROTO/proto" -I "$GW/third_party/googleapis" -I /usr/include)

# pulsar: every SDK proto maps to cosmossdk.io/api, ours to $MODULE/api.
MAPS="Mgogoproto/gogo.proto=github.com/cosmos/gogoproto/gogoproto,Mcosmos_proto/cosmos.proto=github.com/cosmos/cosmos-proto"
MAPS+=",Mgoogle/api/annotations.proto=google.golang.org/genproto/googleapis/api/annotations,Mgoogle/api/http.proto=google.golang.org/genproto/googleapis/api/annotations"
while read -r f; do
  MAPS+=",M${f}=cosmossdk.io/api/$(dirname "$f")"
done < <(cd "$SDK/proto" && find cosmos amino tendermint -name '*.proto' | sort)
while read -r f; do
  d=$(dirname "$f"); pkg=$(basename "$(dirname "$d")")$(basename "$d")
  MAPS+=",M${f}=$MODULE/api/$d;$pkg"
done < <(cd proto && find conductor -name '*.proto' | sort)

OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT
for d in $(cd proto && find conductor -name '*.proto' -exec dirname {} \; | sort -u); do
  files=$(find "proto/$d" -name '*.proto' | sed 's|^proto/||' | sort)
  protoc "${INCLUDES[@]}" \
    --gocosmos_out="$OUT" --gocosmos_opt=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/cosmos-sdk/codec/types \
    --grpc-gateway_out="$OUT" --grpc-gateway_opt=logtostderr=true,allow_colon_final_segments=true \
    $files
  mkdir -p "api/$d"
  protoc "${INCLUDES[@]}" \
    --go-pulsar_out=api --go-pulsar_opt=paths=source_relative,"$MAPS" \
    --go-grpc_out=api --go-grpc_opt=paths=source_relative,"$MAPS" \
    $files
done
cp -r "$OUT/$MODULE/"* .
gofmt -w api x 2>/dev/null || true

# OpenAPI (Swagger 2.0) of every Conductor query's REST route, one document, served by the
# node at /openapi.json and /openapi.yaml (app/openapi).
protoc "${INCLUDES[@]}" \
  --swagger_out="$OUT" --swagger_opt=logtostderr=true,allow_merge=true,merge_file_name=conductor,fqn_for_swagger_name=true \
  $(cd proto && find conductor -name query.proto | sort)
jq --sort-keys '.info = {title: "Conductor region REST API", version: "v1",
  description: "The REST gateway of every Conductor module (conductord, API server, default port 1317). The SDK modules serve theirs under /cosmos."}' \
  "$OUT/conductor.swagger.json" > app/openapi/openapi.json
