#!/usr/bin/env bash
# Load numbers for `copydesk serve` on loopback with Debian's wrk (bounded:
# fixed duration per run). Starts its own server unless BASE_URL is given.
#   crates/copydesk-server/load/run.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
SECS=${1:-10}
LUA=$ROOT/crates/copydesk-server/load/post.lua
EXAMPLE=$ROOT/examples/harbour-ferry.html
if [ -z "${BASE_URL:-}" ]; then
    BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/copydesk
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    BASE_URL=http://127.0.0.1:$PORT
    RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$PORT" &
    SERVER_PID=$!
    trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
    for _ in $(seq 1 100); do curl -fsS "$BASE_URL/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
fi
URL=$BASE_URL/v1/extract

for c in 4 64; do
    echo "== example page, concurrency $c, ${SECS}s"
    BODY_FILE=$EXAMPLE wrk -t2 -c$c -d${SECS}s --timeout 10s -s "$LUA" "$URL" | grep -E "statuses|requests/s"
done

echo "== mixed: example page at c=32 while oversized (11 MB) and malformed JSON requests run"
BAD_JSON=$(mktemp)
printf '{"html": "<p>unterminated' >"$BAD_JSON"
BODY_BYTES=$((11 << 20)) CONTENT_TYPE=text/html \
    wrk -t1 -c4 -d${SECS}s --timeout 10s -s "$LUA" "$URL" >/tmp/copydesk-load-big.txt &
BIG=$!
BODY_FILE=$BAD_JSON CONTENT_TYPE=application/json \
    wrk -t1 -c4 -d${SECS}s --timeout 10s -s "$LUA" "$URL" >/tmp/copydesk-load-bad.txt &
BAD=$!
echo "-- example page (expect only 200)"
BODY_FILE=$EXAMPLE wrk -t2 -c32 -d${SECS}s --timeout 10s -s "$LUA" "$URL" | grep -E "statuses|requests/s"
wait $BIG $BAD
echo "-- oversized (expect 413)"
grep -E "statuses|requests/s" /tmp/copydesk-load-big.txt
echo "-- malformed JSON (expect 400)"
grep -E "statuses|requests/s" /tmp/copydesk-load-bad.txt
rm -f "$BAD_JSON"
