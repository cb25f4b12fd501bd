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

E2E_NAME=dashboard-e2e E2E_ROOT="$root" E2E_TARGET="$here/target"
# shellcheck source=../e2e-stack.sh
. "$root/deploy/e2e-stack.sh"
fail() { e2e_fail "$@"; }
started_at=$(date +%s)

e2e_node_and_modules

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ -z "${CHROMIUM:-}" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "dashboard-e2e: installing Chromium (apt-get install chromium)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  [ -x "$chromium" ] || fail "Chromium not found at $chromium: install it (Debian: apt-get install chromium) or set CHROMIUM"
fi

target="$E2E_TARGET"
rm -rf "$target"
mkdir -p "$target"

# Slow replay (1 bar/s) until the test stops it.
e2e_start_stack "${GATEWAY_PORT:-18080}" "${PG_PORT:-55532}" "${AMQP_PORT:-55772}" 1
e2e_await_ready "$started_at"

status=0
PAPERTRADER_URL="$E2E_BASE" PAPERTRADER_TOKEN="$E2E_TOKEN" CHROMIUM="$chromium" ARTIFACTS="$target" node test.mjs \
  || status=$?
e2e_stop_stack
echo "dashboard-e2e: finished in $(( $(date +%s) - started_at )) s; screenshot: deploy/dashboard-e2e/target/dashboard.png"
exit "$status"
