# Fengqiao — the two commands of the README, and the steps they are made of.
#   make run    install what is missing, build (release), serve on http://127.0.0.1:3000 with the demo
#   make test   install what is missing, run the Rust tests (SQLite, and PostgreSQL when one answers
#               on 127.0.0.1:5432) and the browser tests

SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# PostgreSQL for the tests: the one on 127.0.0.1:5432 (database "test", trust auth) when it answers.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
PG_UP := $(shell (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null && echo yes)
ifeq ($(PG_UP),yes)
  export TEST_DATABASE_URL ?= $(PG_TEST_URL)
endif

.PHONY: run test tools browser build architecture clippy test-rust test-e2e test-api bench bench-phone fmt fmt-check lint clean

run: tools build
	@mkdir -p data
	@echo "==> Starting Fengqiao (Ctrl-C stops it)…"
	LEPTOS_OUTPUT_NAME=fengqiao LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
	LEPTOS_SITE_ADDR=$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} \
	DATABASE_URL=$${DATABASE_URL:-sqlite://$(CURDIR)/data/fengqiao.db} \
	  target/release/server

test: tools browser fmt-check architecture clippy test-rust build test-e2e test-api

# The code's layout rules: no import loops; the domain (app/domain) free of UI, I/O and wording.
architecture:
	@python3 scripts/check-architecture.py

tools:
	@scripts/ensure-tools.sh

browser:
	@scripts/ensure-browser.sh

build:
	@echo "==> Building the release (server + wasm, optimised with wasm-opt)…"
	cargo leptos build --release --split

test-rust:
	@if [ -n "$$TEST_DATABASE_URL" ]; then echo "==> Rust tests on SQLite and PostgreSQL ($$TEST_DATABASE_URL)"; \
	 else echo "==> Rust tests on SQLite (no PostgreSQL answers on 127.0.0.1:5432)"; fi
	rm -f target/tmp/access_matrix-*.txt
	cargo test --workspace
	@cat target/tmp/access_matrix-*.txt

test-e2e:
	@echo "==> Browser tests (Playwright in Debian's Chromium)"
	scripts/e2e.sh

# Generated requests against the served OpenAPI document (schemathesis): no 5xx, no answer
# outside the document. FUZZ_EXAMPLES=500 scripts/api-fuzz.sh for a long run.
test-api:
	@echo "==> API fuzzing (schemathesis against /api/v1/openapi.json)"
	scripts/api-fuzz.sh

fmt:
	cargo fmt --all

lint: fmt-check architecture clippy

# Clippy with warnings as errors, on the server side (workspace, tests and examples included) and
# on the browser side (the app's hydrate code only compiles for wasm).
clippy:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

clean:
	cargo clean
	rm -rf .tools end2end/node_modules end2end/test-results

fmt-check:
	cargo fmt --all -- --check

# Benchmarks report figures; they never fail on time (shared, noisy machines).
# Figures, not pass/fail: server ingest against raw inserts, then the phone in Chromium (first
# load on Fast 3G with 4x CPU slowdown, reopening offline, tap to persisted).
bench: tools browser build
	cargo run --release -p server --example sync_bench -- --disputes 4000 --rounds 5
	scripts/e2e.sh --config=bench.config.ts

bench-phone: tools browser build
	scripts/e2e.sh --config=bench.config.ts
