#!/usr/bin/env bash
# The HTTP server end to end: build, start `copydesk serve` on loopback, check
# it against its own OpenAPI document with schemathesis (bounded examples),
# drive the viewer page in headless Chromium, stop the server.
# Installs what it needs: Debian chromium, playwright-core (npm, pinned by the
# lockfile), schemathesis (pip, pinned below).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$ROOT/target/server-ci
mkdir -p "$OUT"

echo "-- installs"
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
SCHEMATHESIS_VERSION=4.32.5
if ! python3 -m schemathesis.cli --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    python3 -m pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
(cd crates/copydesk-server/browser-test &&
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

echo "-- build"
cargo build --release -q -p copydesk-cli
BIN=$TARGET/release/copydesk

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE=http://127.0.0.1:$PORT
"$BIN" serve --addr "127.0.0.1:$PORT" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 100); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        cat "$OUT/server.log" >&2
        echo "server did not start" >&2
        exit 1
    fi
    sleep 0.1
done
curl -fsS "$BASE/healthz"
echo

echo "-- schemathesis against $BASE/openapi.json"
# From the crate's folder, so that its schemathesis.toml applies.
(cd crates/copydesk-server && python3 -m schemathesis.cli run "$BASE/openapi.json" \
    --checks all \
    --max-examples 40 \
    --seed 7 \
    --workers 2 \
    --request-timeout 30 \
    --generation-database none \
    --no-color \
    --report junit --report-dir "$OUT/schemathesis")

echo "-- browser test (headless chromium)"
(cd crates/copydesk-server/browser-test &&
    BASE_URL=$BASE SCREENSHOT_DIR=$ROOT/target/browser-test node --test viewer.test.mjs)
echo "screenshots: target/browser-test/"

stop_server
trap - EXIT
# The server logs one line per request; a panic would show here.
if grep -qi "panicked" "$OUT/server.log"; then
    echo "the server log shows a panic" >&2
    exit 1
fi
echo "server requests logged: $(grep -c 'done' "$OUT/server.log")"
