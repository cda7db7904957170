BUILDDIR ?= $(CURDIR)/build
BIN := $(BUILDDIR)/conductord
GO_TEST_FLAGS ?= -count=1

.PHONY: all build install localnet localnet-reset test bench proto-gen proto-check lint clean

all: build

build:
	go build -o $(BIN) ./cmd/conductord

install:
	go install ./cmd/conductord

## localnet: build, create (once) a single-validator demo region in ./build/localnet, run it.
localnet: build
	./scripts/localnet.sh

localnet-reset:
	rm -rf $(BUILDDIR)/localnet

## test: every test (unit, app, IBC, multi-validator network).
test:
	go test $(GO_TEST_FLAGS) ./...

## bench: the benchmarks the issues name (figures in docs/performance.md).
bench:
	go test ./x/payroll/keeper/ -run '^$$' -bench BenchmarkPayrollEndBlock -benchtime 1x -timeout 30m
	go test ./x/market/keeper/ -run '^$$' -bench BenchmarkPurchaseVsSend -benchtime 1x -count 3
	go test ./x/bankloans/keeper/ -run '^$$' -bench BenchmarkLoanCollections -benchtime 1x -timeout 30m
	go test ./x/dividend/keeper/ -run '^$$' -bench BenchmarkDividend -benchtime 1x -timeout 30m
	go test ./x/housing/keeper/ -run '^$$' -bench BenchmarkRentCollection -benchtime 1x -timeout 30m

proto-gen:
	./scripts/protocgen.sh

## proto-check: regenerating the protobuf code must change nothing.
proto-check: proto-gen
	@git diff --exit-code -- api x || (echo "generated code is stale: run make proto-gen and commit" && exit 1)

lint:
	@test -z "$$(gofmt -l app cmd x testutil tools)" || { gofmt -l app cmd x testutil tools; echo "gofmt: the files above need formatting"; exit 1; }
	go vet $$(go list ./... | grep -v /api/)

clean:
	rm -rf $(BUILDDIR)
