SHELL := /bin/bash
BUILDDIR ?= $(CURDIR)/build
BIN := $(BUILDDIR)/conductord
GO_TEST_FLAGS ?= -count=1

.PHONY: all build install relayer cosmovisor localnet localnet-reset two-regions two-regions-stop test test-unit test-sim test-faults test-upgrade test-cosmjs test-dashboard loadtest fuzz e2e bench proto-gen proto-check lint clean explorer explorer-stop explorer-reset test-explorer

all: build

build:
	go build -o $(BIN) ./cmd/conductord

install:
	go install ./cmd/conductord

## relayer: the IBC relayer (github.com/cosmos/relayer/v2, pinned in tools/relayer/go.mod).
relayer:
	cd tools/relayer && GOBIN=$(BUILDDIR) go install tool

## cosmovisor: the upgrade manager (cosmossdk.io/tools/cosmovisor, pinned in tools/cosmovisor/go.mod).
cosmovisor:
	cd tools/cosmovisor && GOBIN=$(BUILDDIR) go install tool

## localnet: build, create (once) a single-validator demo region in ./build/localnet, run it.
localnet: build
	./scripts/localnet.sh

localnet-reset:
	rm -rf $(BUILDDIR)/localnet

## two-regions: two region chains and a real relayer on 127.0.0.1 (networks/two-regions).
two-regions: build relayer
	./networks/two-regions/start.sh

two-regions-stop:
	./networks/two-regions/stop.sh

## test: every test: unit, app, in-process IBC and multi-validator network, then the
## two-region scenario, the fault tests and the software upgrade on real processes.
test: test-unit e2e test-faults test-upgrade test-cosmjs test-dashboard test-explorer

test-unit:
	go test $(GO_TEST_FLAGS) ./...

## test-sim: the simulation, SIM_SEEDS seeds x SIM_BLOCKS blocks, every invariant checked.
SIM_SEEDS ?= 4
SIM_BLOCKS ?= 50
test-sim:
	@SIM_SEEDS=$(SIM_SEEDS) SIM_BLOCKS=$(SIM_BLOCKS) go test ./app/ -run '^TestAppSimulation$$' -count=1 -v -timeout 60m | \
		grep -E '^(seeds=|--- FAIL|FAIL|ok)|Error' ; test $${PIPESTATUS[0]} -eq 0

## explorer: the explorer of the running localnet (networks/explorer), in ./build/explorer:
## Debian's PostgreSQL as a user process (port 5433) with CometBFT's event sink schema and the
## views of networks/explorer/views.sql, and a non-validator full node (RPC 26667) writing
## every block's and transaction's events into it. `make explorer-stop` stops both.
explorer: build
	./networks/explorer/start.sh

explorer-stop:
	./networks/explorer/stop.sh

explorer-reset: explorer-stop
	rm -rf $(BUILDDIR)/explorer

## test-explorer: a pay period and a purchase on a demo region followed by an explorer node;
## the payslips, the order and the treasury's revenue asserted by SQL against the chain's
## queries (networks/explorer; PostgreSQL started by the test, skipped if not installed).
test-explorer: build
	go test -count=1 -tags explorer ./networks/explorer/ -v -timeout 10m

## test-cosmjs: a wallet's view (tests/cosmjs): CosmJS over RPC on a fresh demo region, a
## direct-signed send, an amino-signed purchase, a direct-signed proxy and an amino-signed
## assembly vote, results over REST.
test-cosmjs: build tests/cosmjs/node_modules
	cd tests/cosmjs && node --test --test-reporter=spec wallet.test.mjs

## test-dashboard: the region dashboard in headless Chromium (Debian's chromium; CHROMIUM=path
## to use another) on a fresh demo region; screenshots in tests/cosmjs/output/.
test-dashboard: build tests/cosmjs/node_modules
	cd tests/cosmjs && node --test --test-reporter=spec dashboard.test.mjs

tests/cosmjs/node_modules: tests/cosmjs/package-lock.json
	cd tests/cosmjs && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## test-faults: kill and restart validators of networks/local-4 while transfers flow.
test-faults: build
	go test -count=1 -tags faults ./networks/local-4/ -v -timeout 15m

## test-upgrade: a software upgrade decided by the assembly on a region run by cosmovisor: the
## v1 binary (the commit that introduced x/assembly) halts at the plan's height, cosmovisor
## starts v2 (this tree), whose handler migrates x/assembly to state version 2.
test-upgrade: cosmovisor
	go test -count=1 -tags upgrade ./networks/upgrade/ -v -timeout 15m

## loadtest: a rising load on networks/local-4 until it saturates; prints a table.
loadtest: build
	go test -count=1 -tags loadtest ./networks/local-4/ -run TestLoad -v -timeout 20m | grep -v -E '^(=== RUN|--- PASS|PASS)'

## fuzz: each fuzz target for FUZZTIME (the committed corpus runs in every go test).
FUZZTIME ?= 10s
fuzz:
	go test ./app/ -run '^$$' -fuzz '^FuzzTxDecode$$' -fuzztime $(FUZZTIME)
	go test ./app/ -run '^$$' -fuzz '^FuzzMsgHandling$$' -fuzztime $(FUZZTIME)
	go test ./x/ibcmemo/ -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)

## e2e: the two-region scenario (two chains, the real relayer) with balances asserted on both.
e2e: build relayer
	go test $(GO_TEST_FLAGS) -tags e2e ./networks/two-regions/ -v -timeout 15m

## bench: the benchmarks the issues name (figures in docs/performance.md).
bench:
	go test ./x/payroll/keeper/ -run '^$$' -bench BenchmarkPayrollEndBlock -benchtime 1x -timeout 30m
	go test ./x/market/keeper/ -run '^$$' -bench BenchmarkPurchaseVsSend -benchtime 1x -count 3
	go test ./x/bankloans/keeper/ -run '^$$' -bench BenchmarkLoanCollections -benchtime 1x -timeout 30m
	go test ./x/dividend/keeper/ -run '^$$' -bench BenchmarkDividend -benchtime 1x -timeout 30m
	go test ./x/housing/keeper/ -run '^$$' -bench BenchmarkRentCollection -benchtime 1x -timeout 30m
	go test ./x/valueflows/keeper/ -run '^$$' -bench BenchmarkFlowGaps -benchtime 3x -timeout 30m
	go test ./app/ -run '^$$' -bench BenchmarkThroughput -benchtime 1x -timeout 30m
	go test ./x/assembly/keeper/ -run '^$$' -bench BenchmarkAssembly -benchtime 1x -timeout 60m
	go test ./app/ -run '^$$' -bench BenchmarkRegionYear -benchtime 1x -timeout 120m

proto-gen:
	./scripts/protocgen.sh

## proto-check: regenerating the protobuf code must change nothing.
proto-check: proto-gen
	@git diff --exit-code -- api x app/openapi || (echo "generated code is stale: run make proto-gen and commit" && exit 1)

lint:
	@test -z "$$(gofmt -l app cmd x testutil tools networks)" || { gofmt -l app cmd x testutil tools networks; echo "gofmt: the files above need formatting"; exit 1; }
	go vet $$(go list ./... | grep -v /api/)
	go vet -tags e2e ./networks/two-regions/
	go vet -tags faults ./networks/local-4/
	go vet -tags loadtest ./networks/local-4/
	go vet -tags upgrade ./networks/upgrade/
	go vet -tags explorer ./networks/explorer/

clean:
	rm -rf $(BUILDDIR)
