# RateLab — the two commands: `make run` (main job) and `make test`.
# Both install missing system libraries first (scripts/install-deps.sh, apt, idempotent).

SWIFT       ?= swift
RELEASE_BIN := .build/release/ratelab
# One BLAS thread per process: RateLab parallelises across sweep cells itself, and a fixed
# thread count keeps BLAS reductions, hence results, identical from run to run.
export OPENBLAS_NUM_THREADS := 1

.PHONY: run test build deps bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product ratelab

## Main job: every claim in proofs-numeric/, reports written to reports/.
run: build
	$(RELEASE_BIN) check proofs-numeric --reports reports

## Unit, property and end-to-end tests.
test: deps
	$(SWIFT) build -c release --product ratelab
	$(SWIFT) test -c release -Xswiftc -enable-testing

## Benchmarks against the NumPy peer in benchmarks/ (writes reports/bench.json).
bench: build
	@python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy
	$(RELEASE_BIN) bench --reports reports

clean:
	rm -rf .build
