#!/usr/bin/env bash
# The dashboard's end-to-end test: starts ./papertrader up on a fresh data directory (its own database and broker
# ports; the services use their usual 8081-8084), stops the replay so nothing trades before the browser watches,
# mints a trader token, and runs test.mjs in headless Chromium (Debian's chromium driven by playwright-core). The
# screenshot stays in deploy/dashboard-e2e/target/dashboard.png. The stack is stopped however the test ends.
# The last line reads "dashboard-e2e: N passed, N failed".
#
# Needs: node >= 20 with npm (the npm registry, once, for `npm ci`) and Chromium; when /usr/bin/chromium is missing
# and apt-get can be used (root), it is installed with apt-get. CHROMIUM names another binary.
# GATEWAY_PORT (default 18080), PG_PORT (55532) and AMQP_PORT (55772) keep it apart from a running ./papertrader up.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

fail() { echo "dashboard-e2e: $*" >&2; exit 2; }
started_at=$(date +%s)

command -v node >/dev/null 2>&1 || fail "node not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || fail "node $(node --version) is too old: 20 or newer is needed"

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ -z "${CHROMIUM:-}" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "dashboard-e2e: installing Chromium (apt-get install chromium)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  [ -x "$chromium" ] || fail "Chromium not found at $chromium: install it (Debian: apt-get install chromium) or set CHROMIUM"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || fail "npm not found: install npm (it comes with Node.js)"
  echo "dashboard-e2e: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

gateway_port="${GATEWAY_PORT:-18080}"
base="http://127.0.0.1:$gateway_port"
target="$here/target"
data="$target/data"
rm -rf "$target"
mkdir -p "$target"

# Builds what is stale (quietly), then the stack; slow replay (1 bar/s) until the test stops it.
echo "dashboard-e2e: starting ./papertrader up (log in target/up.log)"
# (from the repository root: its Maven build names modules by path)
(cd "$root" && exec ./papertrader up --data-dir "$data" --gateway-port "$gateway_port" --pg-port "${PG_PORT:-55532}" \
  --amqp-port "${AMQP_PORT:-55772}" --speed 1 --quiet --no-startup-cache) > "$target/up.log" 2>&1 &
up_pid=$!

stop_stack() {
  if kill -0 "$up_pid" 2>/dev/null; then
    # TERM, not INT: a job started with & by a script has SIGINT ignored, so INT would never reach it
    kill -TERM "$up_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$up_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$up_pid" 2>/dev/null; then
      echo "dashboard-e2e: the stack did not stop within 60 s; killing it" >&2
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
echo "dashboard-e2e: stack ready after $(( $(date +%s) - started_at )) s; stopping the replay until the browser starts it"
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" "$base/api/monitor/feed/stop"

status=0
PAPERTRADER_URL="$base" PAPERTRADER_TOKEN="$token" CHROMIUM="$chromium" ARTIFACTS="$target" node test.mjs || status=$?
stop_stack
trap - EXIT
echo "dashboard-e2e: finished in $(( $(date +%s) - started_at )) s; screenshot: deploy/dashboard-e2e/target/dashboard.png"
exit "$status"
