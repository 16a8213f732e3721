# RateLab — the two commands: `make run` (main job) and `make test`.
# Both install missing system libraries first (scripts/install-deps.sh: apt, idempotent).

SWIFT       ?= swift
RELEASE_BIN := .build/release/ratelab
BASELINE    := proofs-numeric/baseline.json
# Finished cells are cached (keyed by RateLab's version, the claim's text and its data), so an
# interrupted run (Ctrl-C: exit 130, partial report) resumes where it stopped.
CACHE       := .ratelab-cache
CHECK       := $(RELEASE_BIN) check proofs-numeric --reports reports --baseline $(BASELINE) --cache $(CACHE)
# The verifier verifying itself: Monte Carlo coverage of every interval kind (reports/calibration.csv,
# calibration.txt), written first so that index.html shows it; 200 series per cell give each coverage to
# about ±1.5%.
CALIBRATE   := $(RELEASE_BIN) calibrate --reports reports --replications 200
# After $(CHECK): exit 1 (a FAIL or drift) is a finding and make goes on; 2 and above (a malformed
# claim, a crash) stops make with that status.
STOP_ON_ERROR := status=$$?; if [ $$status -ge 2 ]; then exit $$status; fi
# The BLAS thread count is not set here: ratelab fixes its BLAS to one thread itself at start
# (BLASRuntime.useOneThread), so results do not depend on OPENBLAS_NUM_THREADS.

.PHONY: run test test-slurm gate build deps test-deps example kernel-isa bench c-loop baseline fuzz clean

deps:
	@bash scripts/install-deps.sh

## What the tests launch besides: Open MPI's mpirun (sharded-sweep test) and headless Chromium (the HTML
## report's browser test), through apt, idempotent; without apt the tests that need them skip and say why.
test-deps:
	@bash scripts/install-test-deps.sh

## The Swift runtime and Foundation linked statically: a process starts in ≈ 8 ms instead of ≈ 13 ms (fewer
## shared objects to relocate), which every sharded or scripted run of many short processes pays.
build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product ratelab

## Main job: every claim in proofs-numeric/, reports in reports/. Claim verdicts (FAIL is a finding,
## not a crash) and baseline drift are printed; only a malformed claim or a crash stops make.
run: build
	$(CALIBRATE) > /dev/null
	@$(CHECK); $(STOP_ON_ERROR); \
	  echo "claims gate: exit $$status (0 = every claim PASS or XFAIL, no drift; 1 = see the summary); reports in reports/ (calibration.txt: coverage of the intervals)"

## CI gate: like run, but exits ≠ 0 unless every claim is PASS or XFAIL and nothing drifted
## (.github/workflows/claims.yml runs it).
gate: build
	$(CHECK)

## Re-record the regression baseline after an intended change.
baseline: build
	@$(CHECK) --update-baseline; $(STOP_ON_ERROR)

## Unit, property and end-to-end tests (optimised build: the numerical tests run full simulations).
## Built with -enable-testing in a scratch path of its own, so that `make test` and `make run`
## do not rebuild each other's objects.
TEST_BUILD := --scratch-path .build/testing -c release -Xswiftc -enable-testing
test: deps test-deps
	$(SWIFT) build $(TEST_BUILD) --build-tests
	$(SWIFT) test $(TEST_BUILD) --skip-build --disable-swift-testing
	@$(MAKE) --no-print-directory kernel-isa
	@$(MAKE) --no-print-directory example

## The C kernels compute the same bits on every x86-64 level (the multiversioned build and one build per level,
## each run where the CPU allows; Tests/KernelISA/kernel_isa.c, scripts/check-kernel-isa.sh).
kernel-isa:
	@bash scripts/check-kernel-isa.sh

## Examples/CustomProblem: a package depending on RateLab by path adds a problem and a method; its executable
## is RateLab's command line with both registered. It checks the claims naming them (exit 0 = every claim and
## control got its verdict) and runs one simulation of the two by name. Its own scratch path keeps it incremental.
EXAMPLE_BUILD := --package-path Examples/CustomProblem -c release --scratch-path .build/example
EXAMPLE_BIN   := ../../.build/example/release/custom-claim
example: deps
	$(SWIFT) build $(EXAMPLE_BUILD)
	cd Examples/CustomProblem && $(EXAMPLE_BIN) check claims --reports ../../.build/example-reports
	cd Examples/CustomProblem && $(EXAMPLE_BIN) run --problem weighted-centers --dim 5 --kappa 100 --workers 4 \
	  --algorithm heavy-ball --lr 0.01 --steps 300 --every 100 --csv ../../.build/example-reports/heavy-ball.csv
	@cd Examples/CustomProblem && $(EXAMPLE_BIN) run --help | grep -q 'USAGE: custom-claim run' \
	  || { echo "make example: custom-claim's help does not name custom-claim"; exit 1; }

## Opt-in, as root: brings up a single-node Slurm and checks examples/slurm/claims.sbatch (array + merge)
## against a one-process run (scripts/test-slurm.sh; it writes /etc/slurm/slurm.conf, so make test does not).
test-slurm: build
	@bash scripts/test-slurm.sh

## Fuzzing (issue 17), seeded and reproducible: 10⁵ inputs to the readers in process (FuzzTests; the
## 2,000-input subset runs in `make test`), then FUZZ_PROCESSES invocations of the release binary
## (scripts/fuzz.py). Each prints its classification table; any crash, hang, non-finite result or
## write outside the allowed directories fails.
FUZZ_SEED      ?= 1
FUZZ_INPUTS    ?= 100000
FUZZ_PROCESSES ?= 8000
fuzz: build
	$(SWIFT) build $(TEST_BUILD) --build-tests
	@FUZZ_INPUTS=$(FUZZ_INPUTS) FUZZ_SEED=$(FUZZ_SEED) $(SWIFT) test $(TEST_BUILD) --skip-build --disable-swift-testing \
	  --filter ParserFuzzTests > .build/fuzz-in-process.log 2>&1; status=$$?; \
	  sed -n '/^in-process fuzz/,/^total inputs/p;/error:/p;/Executed/p' .build/fuzz-in-process.log; exit $$status
	python3 scripts/fuzz.py --binary $(RELEASE_BIN) --count $(FUZZ_PROCESSES) --seed $(FUZZ_SEED) --timeout 30 --jobs $$(nproc)

## Benchmarks against the NumPy peer in benchmarks/ (writes reports/bench.json), then against the machine
## (arithmetic peak, streaming memory bandwidth, C loop), the JAX peer (venv in .build-venv), whole processes with the optimum cache and
## a sharded τ-study-like sweep (benchmarks/scale_bench.py, writes reports/bench-scale.json).
bench: build
	@python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy
	$(RELEASE_BIN) bench --reports reports
	python3 benchmarks/scale_bench.py --ratelab $(RELEASE_BIN) --jax-python "$$(bash scripts/jax-venv.sh)"

## Workloads A, B and C's local SGD as plain C (same streams, summation order and averaging) on RateLab's
## kernels and as many threads as `ratelab bench` uses: what this machine allows for the math, set against
## bench's RateLab times.
C_LOOP_WORKLOADS := "8 1000 50 20000" "64 500 50 5000" "8 1000 1000 5000"
c-loop:
	@mkdir -p .build
	clang -O2 -ISources/CKernels/include benchmarks/c_loop.c Sources/CKernels/RateLabKernels.c -o .build/c_loop -lpthread
	@for w in $(C_LOOP_WORKLOADS); do .build/c_loop $$w $$(nproc); done

clean:
	rm -rf .build $(CACHE)
