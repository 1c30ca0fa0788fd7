#!/usr/bin/env bash
# Runs the Playwright suite against the release build: its own server, on a free port, with its
# own fresh SQLite database, stopped afterwards. The scheduler sweeps every two seconds, so what
# the rules do by themselves (the backlog register) shows up while a test waits.
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
workdir=$(mktemp -d)
log="$workdir/server.log"

LEPTOS_OUTPUT_NAME=fengqiao \
LEPTOS_SITE_ROOT=target/site \
LEPTOS_SITE_PKG_DIR=pkg \
LEPTOS_SITE_ADDR="127.0.0.1:$port" \
DATABASE_URL="sqlite://$workdir/e2e.db" \
FQ_SWEEP_SECONDS=2 \
RUST_LOG=warn \
  target/release/server >"$log" 2>&1 &
server_pid=$!
cleanup() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$workdir"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "the server did not start:"; cat "$log"; exit 1; fi
  sleep 0.2
done

cd end2end
# The database path lets a test age a case as months would (the backlog register).
BASE_URL="http://127.0.0.1:$port" E2E_DATABASE="$workdir/e2e.db" npx playwright test "$@" || { echo "--- server log ---"; tail -n 50 "$log"; exit 1; }
