# Brine — the two commands that matter are `make demo` and `make test`.
# Both install whatever is missing first (Debian packages; Python packages go into the project
# virtual environment .venv/, never into the system interpreter). `make demo` needs no Python.

SWIFT   ?= swift
# The interpreter that creates the virtual environment; everything Python runs from .venv.
SYSTEM_PYTHON ?= python3
VENV    := $(CURDIR)/.venv
PYTHON  := $(VENV)/bin/python
PIP     := $(PYTHON) -m pip install --quiet --disable-pip-version-check
# Swift tests that call `python3` find the venv's first.
VENV_PATH := PATH="$(VENV)/bin:$$PATH"
SUDO    := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
APT_PACKAGES := libopenblas-dev liblapacke-dev zlib1g-dev libdeflate-dev pkg-config
PEERS   ?= ../shared/peers
BENCH_ARGS ?=
# Extra arguments for ../shared/peers/fast_peers_bench.py in `make bench-compare`, e.g. "--repeats 1".
FAST_PEERS_ARGS ?=

.PHONY: quickstart all deps system-deps venv python-deps python-test-deps sklearn15-deps test-sklearn15 bridge-bench-deps peer-deps fast-peer-deps ranger-deps csv-peer-deps build test demo bench bench-compare bench-csv bench-newton fuzz fuzz-build fuzz-corpus test-tsan test-asan docs man completions install uninstall clean

all: build

## deps: install the C libraries (OpenBLAS, LAPACKE, zlib) and the Python reader's packages when missing.
deps: system-deps python-deps

system-deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists openblas lapacke zlib libdeflate; then \
		echo "deps: OpenBLAS, LAPACKE, zlib and libdeflate found by pkg-config"; \
	else \
		echo "deps: installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

## venv: the project's Python virtual environment (.venv/, ignored by git).
venv: $(PYTHON)

$(PYTHON):
	@if ! $(SYSTEM_PYTHON) -m venv $(VENV) >/dev/null 2>&1; then \
		echo "deps: installing python3-venv"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv; \
		rm -rf $(VENV); $(SYSTEM_PYTHON) -m venv $(VENV); \
	fi

python-deps: venv
	@if $(PYTHON) -c "import numpy, safetensors" >/dev/null 2>&1; then \
		echo "deps: numpy and safetensors found in .venv"; \
	else \
		echo "deps: installing numpy and safetensors into .venv"; \
		$(PIP) numpy safetensors; \
	fi
	@# The `brine` Python package (python/), installed editable so the venv always runs this tree's code.
	@if $(PYTHON) -c "import sys, brine; sys.exit(brine.__file__ != '$(CURDIR)/python/brine/__init__.py')" >/dev/null 2>&1; then \
		echo "deps: brine (python/) installed in .venv"; \
	else \
		echo "deps: installing ./python into .venv"; \
		$(PIP) -e ./python; \
	fi

## python-test-deps: what the pytest suite of python/tests needs (pytest, pandas, scikit-learn, joblib).
python-test-deps: python-deps
	@$(PYTHON) -c "import pytest, pandas, sklearn, joblib" >/dev/null 2>&1 || $(PIP) pytest pandas scikit-learn joblib

## sklearn15-deps: a second venv with the oldest scikit-learn the bridge supports (.venv-sklearn15/,
## ignored by git, created once and reused), for the version-independence check of `make test`.
VENV15  := $(CURDIR)/.venv-sklearn15
PYTHON15 := $(VENV15)/bin/python
SKLEARN_OLDEST ?= 1.5
sklearn15-deps:
	@if $(PYTHON15) -c "import sklearn, numpy, safetensors, pandas, pytest, sys; sys.exit(not sklearn.__version__.startswith('$(SKLEARN_OLDEST).'))" >/dev/null 2>&1; then \
		echo "deps: scikit-learn $(SKLEARN_OLDEST) found in .venv-sklearn15"; \
	else \
		echo "deps: installing scikit-learn==$(SKLEARN_OLDEST).* into .venv-sklearn15"; \
		rm -rf $(VENV15) && $(SYSTEM_PYTHON) -m venv $(VENV15) && \
		$(PYTHON15) -m pip install --quiet --disable-pip-version-check "scikit-learn==$(SKLEARN_OLDEST).*" numpy safetensors pandas pytest; \
	fi

## test-sklearn15: version independence. Files dumped under .venv's scikit-learn load under
## scikit-learn 1.5 with identical outputs and the reverse (python/tests/cross_version.py), then the
## pytest suite runs under 1.5 too (the source tree's brine, no install).
test-sklearn15: python-test-deps sklearn15-deps
	@dir="$$(mktemp -d)" && \
	$(PYTHON) python/tests/cross_version.py dump "$$dir/new" && \
	$(PYTHON15) python/tests/cross_version.py check "$$dir/new" && \
	$(PYTHON15) python/tests/cross_version.py dump "$$dir/old" && \
	$(PYTHON) python/tests/cross_version.py check "$$dir/old"; \
	status=$$?; rm -rf "$$dir"; exit $$status
	PATH="$(VENV15)/bin:$$PATH" $(PYTHON15) -m pytest -q -p no:cacheprovider python/tests

## peer-deps: scikit-learn and joblib, for the side-by-side benchmark and the reference-value script.
peer-deps: python-deps
	@$(PYTHON) -c "import sklearn, joblib" >/dev/null 2>&1 || $(PIP) scikit-learn joblib

## fast-peer-deps: the stronger peers `make bench-compare` runs beside scikit-learn (fast_peers_bench.py):
## LightGBM, XGBoost (CPU build), ONNX Runtime, skl2onnx, onnx, pandas.
fast-peer-deps: peer-deps
	@if $(PYTHON) -c "import lightgbm, xgboost, onnxruntime, skl2onnx, onnx, pandas" >/dev/null 2>&1; then \
		echo "deps: lightgbm, xgboost, onnxruntime, skl2onnx, onnx and pandas found in .venv"; \
	else \
		echo "deps: installing lightgbm, xgboost-cpu, onnxruntime, skl2onnx, onnx and pandas into .venv"; \
		$(PIP) lightgbm xgboost-cpu onnxruntime skl2onnx onnx pandas; \
	fi

## ranger-deps: R's ranger package (r-cran-ranger) for ranger_bench.R; never fails: without it
## `make bench-compare` skips ranger with a note.
ranger-deps:
	@if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(ranger))' >/dev/null 2>&1; then \
		echo "deps: R and ranger found"; \
	else \
		echo "deps: installing r-cran-ranger"; \
		( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends r-cran-ranger ) \
			|| echo "deps: r-cran-ranger could not be installed; make bench-compare will skip ranger"; \
	fi

## csv-peer-deps: pandas and pyarrow, the CSV readers `make bench-csv` compares with.
csv-peer-deps: peer-deps
	@$(PYTHON) -c "import pandas, pyarrow" >/dev/null 2>&1 || $(PIP) pandas pyarrow

build: system-deps
	$(SWIFT) build

## test: the whole test suite (Swift, then the Python package's pytest suite).
test: deps python-test-deps
	$(SWIFT) build --build-tests
	$(VENV_PATH) $(SWIFT) test
	$(VENV_PATH) $(PYTHON) -m pytest -q -p no:cacheprovider python/tests
	$(MAKE) test-sklearn15
	$(MAKE) quickstart

## quickstart: build Examples/QuickStart (a package depending on Brine by path; its main.swift is
## the README's quick start) and run it in a scratch folder.
quickstart: system-deps
	$(SWIFT) build --package-path Examples/QuickStart --scratch-path $(CURDIR)/.build-quickstart --disable-build-manifest-caching
	@dir="$$(mktemp -d)" && cd "$$dir" && $(CURDIR)/.build-quickstart/debug/QuickStart && cd / && rm -rf "$$dir"

## demo: train every estimator on a bundled dataset, save, inspect, load, compare.
demo: system-deps
	$(SWIFT) run -c release brine demo

## bench: Brine's benchmark (QUICK=1 for a short run).
bench: deps peer-deps
	$(VENV_PATH) $(PYTHON) scripts/bench_compare.py --peers $(PEERS) --prepare-only $(if $(QUICK),--quick)
	$(SWIFT) run -c release brine-bench --data-dir .bench-data --out-dir bench-results $(if $(QUICK),--quick) $(BENCH_ARGS)

## bench-compare: scikit-learn's benchmark and Brine's back to back, then the stronger peers (ONNX Runtime,
## LightGBM-RF, XGBoost-RF, ranger; not with QUICK=1), written to docs/BENCHMARKS.md.
bench-compare: deps peer-deps bridge-bench-deps $(if $(QUICK),,fast-peer-deps ranger-deps)
	$(VENV_PATH) $(PYTHON) scripts/bench_compare.py --peers $(PEERS) $(if $(QUICK),--quick) \
		$(if $(FAST_PEERS_ARGS),--fast-peers-args "$(FAST_PEERS_ARGS)")
	$(VENV_PATH) $(PYTHON) scripts/bench_python_bridge.py --peers $(PEERS) $(if $(QUICK),--quick)

## bridge-bench-deps: skops, shown beside pickle, joblib and brine.dump/brine.load in `make bench-compare`.
bridge-bench-deps: python-test-deps
	@$(PYTHON) -c "import skops" >/dev/null 2>&1 || $(PIP) skops

## bench-csv: CSV ingest beside pandas and pyarrow (TRAIN=1 adds brine train vs pandas + scikit-learn), into docs/BENCHMARKS.md.
bench-csv: system-deps csv-peer-deps
	$(VENV_PATH) $(PYTHON) scripts/bench_csv.py $(if $(TRAIN),--train)

## bench-newton: LogisticRegression(solver: .newtonCholesky) beside scikit-learn's newton-cholesky on synthetic_100k (ALL=1 adds the bundled sets), into docs/BENCHMARKS.md.
bench-newton: deps peer-deps
	$(VENV_PATH) $(PYTHON) scripts/bench_compare.py --peers $(PEERS) --prepare-only
	$(SWIFT) build -c release --product brine-bench
	$(VENV_PATH) $(PYTHON) scripts/bench_newton_cholesky.py $(if $(ALL),--all)

## fuzz: both libFuzzer targets (model loader, CSV reader) for SECONDS each, with AddressSanitizer;
## fails on a crash, timeout or out-of-memory and leaves the reproducer in fuzz/artifacts/.
FUZZ_SCRATCH := .build-fuzz
FUZZ_FLAGS   := -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --scratch-path $(FUZZ_SCRATCH)
SECONDS ?= 60
FUZZ_ARGS ?= -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1
fuzz-build: system-deps
	BRINE_FUZZ=1 $(SWIFT) build $(FUZZ_FLAGS) --product brine-fuzz-load
	BRINE_FUZZ=1 $(SWIFT) build $(FUZZ_FLAGS) --product brine-fuzz-csv

fuzz: fuzz-build
	@mkdir -p fuzz/artifacts fuzz/work/load fuzz/work/csv
	$(FUZZ_SCRATCH)/release/brine-fuzz-load fuzz/work/load fuzz/corpus/load -dict=fuzz/brine.dict \
		-max_total_time=$(SECONDS) -artifact_prefix=fuzz/artifacts/load- $(FUZZ_ARGS)
	$(FUZZ_SCRATCH)/release/brine-fuzz-csv fuzz/work/csv fuzz/corpus/csv -dict=fuzz/csv.dict \
		-max_total_time=$(SECONDS) -artifact_prefix=fuzz/artifacts/csv- $(FUZZ_ARGS)

## test-tsan: the concurrency tests under ThreadSanitizer (own build folder .build-tsan; TSAN_FILTER= runs every test).
## test-asan: the suite under AddressSanitizer (.build-asan; ASAN_FILTER narrows it). Both fail on any report.
TSAN_FILTER ?= ConcurrencyTests|PersistenceAtomicSaveTests|PersistenceStreamingChecksumTests|CSVReaderTests|RandomForestTests
ASAN_FILTER ?=
# Tests that measure memory (shared pages of 8 mapping processes, a child's peak RSS): ASan's shadow
# memory and quarantine change what they measure, so the ASan run skips them.
ASAN_SKIP ?= RandomForestMappedSharingTests|CommandLineWideTrainingMemoryTests
test-tsan: deps python-test-deps
	TSAN_OPTIONS="halt_on_error=1 $(TSAN_OPTIONS)" $(VENV_PATH) $(SWIFT) test --sanitize=thread --scratch-path .build-tsan \
		$(if $(TSAN_FILTER),--filter '$(TSAN_FILTER)')

test-asan: deps python-test-deps
	ASAN_OPTIONS="allocator_may_return_null=1:detect_leaks=0 $(ASAN_OPTIONS)" $(VENV_PATH) $(SWIFT) test --sanitize=address --scratch-path .build-asan \
		$(if $(ASAN_FILTER),--filter '$(ASAN_FILTER)') $(if $(ASAN_SKIP),--skip '$(ASAN_SKIP)')

## fuzz-corpus: rewrites the committed seed corpus fuzz/corpus/ (small files of every model type, plain and gzip).
fuzz-corpus: system-deps
	$(SWIFT) run BrineFuzzSeeds fuzz/corpus

## docs: the DocC reference and guide for the Brine module (Sources/Brine/Brine.docc); warnings are errors.
DOCS_OUT := .build/plugins/Swift-DocC/outputs/Brine.doccarchive
docs: system-deps
	$(SWIFT) package generate-documentation --target Brine --warnings-as-errors
	@echo "docs: $(DOCS_OUT) (serve it with 'swift package --disable-sandbox preview-documentation --target Brine')"

## man: brine.1, generated from the command's own definitions by swift-argument-parser's plugin
## (a debug build is enough: the page does not depend on optimisation, and `make test` shares it).
MAN_OUT := .build/plugins/GenerateManual/outputs/BrineCLI
man: system-deps
	$(SWIFT) package plugin generate-manual --configuration debug
	@test -s $(MAN_OUT)/brine.1 && echo "man: $(MAN_OUT)/brine.1"

## completions: bash, zsh and fish completion scripts, written by the built `brine` itself.
COMPLETIONS := .build/completions
completions: system-deps
	$(SWIFT) build -c release --product brine
	mkdir -p $(COMPLETIONS)
	.build/release/brine --generate-completion-script bash > $(COMPLETIONS)/brine.bash
	.build/release/brine --generate-completion-script zsh  > $(COMPLETIONS)/_brine
	.build/release/brine --generate-completion-script fish > $(COMPLETIONS)/brine.fish

## install: the release `brine` binary, its man page and completions under $(DESTDIR)$(PREFIX).
PREFIX  ?= /usr/local
DESTDIR ?=
install: completions man
	install -Dm755 .build/release/brine $(DESTDIR)$(PREFIX)/bin/brine
	install -d $(DESTDIR)$(PREFIX)/share/brine/Datasets
	install -m644 .build/release/Brine_Brine.resources/Datasets/* $(DESTDIR)$(PREFIX)/share/brine/Datasets/
	install -Dm644 $(MAN_OUT)/brine.1 $(DESTDIR)$(PREFIX)/share/man/man1/brine.1
	install -Dm644 $(COMPLETIONS)/brine.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/brine
	install -Dm644 $(COMPLETIONS)/_brine $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_brine
	install -Dm644 $(COMPLETIONS)/brine.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/brine.fish
	@echo "install: brine, its man page and completions under $(DESTDIR)$(PREFIX)"

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/share/brine
	rm -f $(DESTDIR)$(PREFIX)/bin/brine $(DESTDIR)$(PREFIX)/share/man/man1/brine.1 \
	      $(DESTDIR)$(PREFIX)/share/bash-completion/completions/brine \
	      $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_brine \
	      $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/brine.fish

clean:
	rm -rf .build .venv
