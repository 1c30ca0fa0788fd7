#!/usr/bin/env bash
# Generated requests against the served OpenAPI document (schemathesis, from PyPI): the release
# server on a free port with a fresh SQLite database, a signed-in grid worker's cookie (and the
# county's for the report the grid worker may not fetch), a bounded number of examples per
# operation. Fails on any 5xx or any answer that breaks the
# document. FUZZ_EXAMPLES sets the examples per operation (make test: 30; a long run: 500).
set -euo pipefail
cd "$(dirname "$0")/.."

examples=${FUZZ_EXAMPLES:-30}
if [[ ! -x .tools/venv/bin/schemathesis ]]; then
  echo "==> Installing schemathesis into .tools/venv (from PyPI)…"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install -q "schemathesis==4.32.5"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
workdir=$(mktemp -d)
LEPTOS_OUTPUT_NAME=fengqiao LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$workdir/fuzz.db" RUST_LOG=warn \
  target/release/server >"$workdir/server.log" 2>&1 &
server_pid=$!
cleanup() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$workdir"; }
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done

# A signed-in grid worker: every operation is tried past the sign-in door.
token=$(curl -fsS -D - -o /dev/null -d "username=grid&password=fengqiao2026" "$base/api/session/login" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: fq_session=\([0-9a-f]*\);.*/\1/p')
[[ -n "$token" ]] || { echo "could not sign in"; cat "$workdir/server.log"; exit 1; }

echo "==> schemathesis: $examples examples per operation against $base/api/v1/openapi.json"
# Left out: the live stream (it never ends) and the two calls that would end or change the
# session the run uses.
.tools/venv/bin/schemathesis run "$base/api/v1/openapi.json" \
  --header "Cookie: fq_session=$token" \
  --max-examples "$examples" \
  --checks not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance \
  --exclude-path /api/v1/live --exclude-path /api/session/logout --exclude-path /api/session/password \
  --seed 20261202 --workers 1 --request-timeout 30 \
  || { echo "--- server log ---"; tail -n 40 "$workdir/server.log"; exit 1; }

# The office's endpoint (月报), which the grid worker is refused: again, signed in as the county.
county=$(curl -fsS -D - -o /dev/null -d "username=county&password=fengqiao2026" "$base/api/session/login" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: fq_session=\([0-9a-f]*\);.*/\1/p')
[[ -n "$county" ]] || { echo "could not sign in as the county"; exit 1; }
echo "==> schemathesis: the county's report endpoint"
.tools/venv/bin/schemathesis run "$base/api/v1/openapi.json" \
  --header "Cookie: fq_session=$county" \
  --max-examples "$examples" \
  --checks not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance \
  --include-path /api/v1/reports/monthly \
  --seed 20261202 --workers 1 --request-timeout 30 \
  || { echo "--- server log ---"; tail -n 40 "$workdir/server.log"; exit 1; }

# Past the door: how many generated operations the server read and answered one by one (each
# push got a 200 with a verdict per operation), how many it applied — figures, not a threshold.
python3 - "$workdir/fuzz.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
taken = db.execute("SELECT COUNT(*) FROM sync_ops").fetchone()[0]
applied = db.execute("SELECT COUNT(*) FROM sync_ops WHERE outcome LIKE '%applied%'").fetchone()[0]
cases = db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
print(f"==> generated pushes: {taken} operations answered one by one, {applied} applied, {cases} cases recorded")
PY
