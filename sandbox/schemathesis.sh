#!/usr/bin/env bash
# Builds and starts the sandbox, fetches a token with the demo credentials and
# runs schemathesis (every check) with openapi/processes.yaml against it.
#
#   sandbox/schemathesis.sh [extra `schemathesis run` options, e.g. --max-examples 200]
#
# Environment: SCHEMATHESIS_VENV (default /tmp/schemathesis-venv; schemathesis
# is installed there from PyPI when missing), SEED (default 1, used for both
# the sandbox and schemathesis so that a run can be repeated).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${SCHEMATHESIS_VENV:-/tmp/schemathesis-venv}"
SEED="${SEED:-1}"

if [ ! -x "$VENV/bin/schemathesis" ]; then
  echo "==> installing schemathesis into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==4.32.5"
fi
"$VENV/bin/schemathesis" --version >&2

echo "==> building the sandbox" >&2
cargo build --quiet -p workiva-processes-sandbox --bin workiva-processes-sandbox
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
BIN="$TARGET_DIR/debug/workiva-processes-sandbox"

OUT="$(mktemp)"
# Tokens must outlive the run; the sandbox's default is Workiva's 599 s.
"$BIN" --addr 127.0.0.1:0 --seed "$SEED" --token-lifetime 86400 >"$OUT" &
PID=$!
cleanup() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -f "$OUT"
}
trap cleanup EXIT

URL=""
for _ in $(seq 1 100); do
  URL="$(head -n 1 "$OUT")"
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || { echo "the sandbox exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "the sandbox printed no URL" >&2; exit 1; }
echo "==> sandbox at $URL" >&2

TOKEN="$(python3 - "$URL/oauth2/token" <<'PY'
import base64, json, sys, urllib.request
request = urllib.request.Request(
    sys.argv[1],
    data=b"grant_type=client_credentials",
    headers={
        "Authorization": "Basic " + base64.b64encode(b"demo:demo").decode(),
        "Content-Type": "application/x-www-form-urlencoded",
    },
)
with urllib.request.urlopen(request) as response:
    print(json.load(response)["access_token"])
PY
)"

echo "==> schemathesis run --checks all" >&2
"$VENV/bin/schemathesis" --config-file sandbox/schemathesis.toml run openapi/processes.yaml \
  --url "$URL" \
  -H "Authorization: Bearer $TOKEN" \
  --checks all \
  --seed "$SEED" \
  --generation-database none \
  "$@"
