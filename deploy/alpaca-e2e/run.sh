#!/usr/bin/env bash
# The Alpaca-compatible API's end-to-end test: starts ./papertrader up on a fresh data directory (its own gateway,
# database and broker ports; the services use their usual 8081-8084), stops the replay once ready, and runs test.mjs
# (node:test) which drives the official @alpacahq/alpaca-trade-api SDK, unmodified, with keys from
# ./papertrader keys create. The stack is stopped however the test ends. The last line reads
# "alpaca-e2e: N passed, N failed".
#
# Needs: node >= 20 with npm (the npm registry, once, for `npm ci`).
# GATEWAY_PORT (default 18090), PG_PORT (55542) and AMQP_PORT (55782) keep it apart from a running ./papertrader up
# and from the dashboard e2e's ports (18080, 55532, 55772); the two run one after the other.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

fail() { echo "alpaca-e2e: $*" >&2; exit 2; }
started_at=$(date +%s)

command -v node >/dev/null 2>&1 || fail "node not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || fail "node $(node --version) is too old: 20 or newer is needed"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || fail "npm not found: install npm (it comes with Node.js)"
  echo "alpaca-e2e: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

gateway_port="${GATEWAY_PORT:-18090}"
base="http://127.0.0.1:$gateway_port"
target="$here/target"
data="$target/data"
rm -rf "$target"
mkdir -p "$target"

# Builds what is stale (quietly), then the stack. The replay starts slowly (one bar per 5 s) and is stopped once
# the stack is ready, so the reference strategy has no time to trade before the test switches it off.
echo "alpaca-e2e: starting ./papertrader up (log in target/up.log)"
# (from the repository root: its Maven build names modules by path)
(cd "$root" && exec ./papertrader up --data-dir "$data" --gateway-port "$gateway_port" --pg-port "${PG_PORT:-55542}" \
  --amqp-port "${AMQP_PORT:-55782}" --speed 0.2 --quiet --no-startup-cache) > "$target/up.log" 2>&1 &
up_pid=$!

stop_stack() {
  if kill -0 "$up_pid" 2>/dev/null; then
    # TERM, not INT: a job started with & by a script has SIGINT ignored, so INT would never reach it
    kill -TERM "$up_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$up_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$up_pid" 2>/dev/null; then
      echo "alpaca-e2e: the stack did not stop within 60 s; killing it" >&2
      kill -KILL "$up_pid" 2>/dev/null || true
    fi
  fi
  wait "$up_pid" 2>/dev/null || true
}
trap stop_stack EXIT

# Ready when the gateway answers: it starts once every service is ready.
ready=""
for _ in $(seq 1 600); do
  kill -0 "$up_pid" 2>/dev/null || { tail -40 "$target/up.log" >&2; fail "./papertrader up stopped (log above)"; }
  if curl -sf -o /dev/null "$base/"; then ready=yes; break; fi
  sleep 1
done
[ -n "$ready" ] || { tail -40 "$target/up.log" >&2; fail "the stack was not ready within 10 minutes"; }
token="$(cd "$root" && ./papertrader token --role trader --data-dir "$data")"
curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base/api/portfolio/accounts" \
  || fail "the gateway refuses the token of ./papertrader token --role trader"
echo "alpaca-e2e: stack ready after $(( $(date +%s) - started_at )) s; stopping the replay until the test starts it"
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" "$base/api/monitor/feed/stop"

status=0
PAPERTRADER_URL="$base" PAPERTRADER_TOKEN="$token" PAPERTRADER_ROOT="$root" PAPERTRADER_DATA_DIR="$data" \
  node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$target/results.tap" test.mjs || status=$?
stop_stack
trap - EXIT
count() { # the TAP summary's "# <what> N", 0 when missing
  local n
  n="$( (grep -E "^# $1 [0-9]+$" "$target/results.tap" 2>/dev/null || true) | tail -1 | awk '{print $3}')"
  echo "${n:-0}"
}
# a test cancelled (by a failed setup, say) counts as failed
passed="$(count pass)"; failed="$(( $(count fail) + $(count cancelled) ))"
echo "alpaca-e2e: finished in $(( $(date +%s) - started_at )) s; logs in deploy/alpaca-e2e/target (up.log, data/logs)"
echo "alpaca-e2e: ${passed} passed, ${failed} failed"
exit "$status"
