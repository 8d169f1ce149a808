# collab-risk — two commands: `make serve` runs the app, `make test` runs every test.
# Both install what is missing first (scripts/setup.sh), and nothing else.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
TOOLS_DIR ?= $(HOME)/.cache/collab-risk/tools
export COLLAB_RISK_TOOLS := $(TOOLS_DIR)
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR := never

# The release build (scripts/release-build.sh) rebuilds the standard library for size, as the Leptos
# book advises, through unstable flags the stable rustc accepts with RUSTC_BOOTSTRAP=1 (docs/size.md);
# a toolchain that refuses them gets the stable flags, said in one line. `make serve`, clippy and the
# tests use the plain toolchain.

.PHONY: serve build test bench fuzz data setup setup-test clean

## make serve: build and serve the app on http://127.0.0.1:$(PORT) (PORT=… to change)
serve: setup
	# No autoreload: its injected inline script would break the page's CSP (no 'unsafe-inline').
	trunk serve --offline --no-autoreload --address 127.0.0.1 --port $(PORT)

## make build: the release dist/ (relative URLs), then the gzipped size of each file
build: setup
	scripts/release-build.sh
	@scripts/sizes.sh dist

## make test: format, lint (native + wasm32), native tests, release build, browser tests
test: setup-test
	@mkdir -p target/test-logs
	@echo "== cargo fmt --check"
	cargo fmt --all --check
	@echo "== cargo clippy (native)"
	cargo clippy --all-targets --locked -- -D warnings
	@echo "== cargo clippy (wasm32)"
	# The app's binary only: the other binaries (evaluate, bench, fuzz_decoders) are native tools.
	cargo clippy --target wasm32-unknown-unknown --lib --bin collab-risk --locked -- -D warnings
	@echo "== native tests"
	cargo test --locked 2>&1 | tee target/test-logs/native.log
	@echo "== release build"
	scripts/release-build.sh
	@scripts/sizes.sh dist
	@echo "== browser tests (headless Chromium, dist/ on 127.0.0.1)"
	node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee target/test-logs/browser.log
	@scripts/test-summary.sh target/test-logs/native.log target/test-logs/browser.log

## make bench: native Monte Carlo throughput, bundle sizes (of the shipped dist/), browser timings
## (on a second build with the `bench` feature's timing hooks, in target/dist-bench)
bench: build
	scripts/release-build.sh --features bench --dist target/dist-bench
	scripts/bench.sh

## make fuzz: 1,000,000 arbitrary inputs through the link, file and autosave decoders (N=… to change)
N ?= 1000000
fuzz:
	cargo run -q --locked --profile bench-native --bin fuzz_decoders -- $(N)

## make data: after editing data/catalog.json, rewrite its postcard twin (what the browser reads)
data:
	COLLAB_RISK_UPDATE_DATA=1 cargo test -q --locked --test model_catalog postcard_catalog_matches_the_json
	cargo test -q --locked --test model_catalog

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

clean:
	cargo clean
	rm -rf dist node_modules
