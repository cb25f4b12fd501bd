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

E2E_NAME=alpaca-e2e E2E_ROOT="$root" E2E_TARGET="$here/target"
# shellcheck source=../e2e-stack.sh
. "$root/deploy/e2e-stack.sh"
started_at=$(date +%s)

e2e_node_and_modules

target="$E2E_TARGET"
rm -rf "$target"
mkdir -p "$target"

# The replay starts slowly (one bar per 5 s) and is stopped once the stack is ready, so the reference strategy has
# no time to trade before the test switches it off.
e2e_start_stack "${GATEWAY_PORT:-18090}" "${PG_PORT:-55542}" "${AMQP_PORT:-55782}" 0.2
e2e_await_ready "$started_at"

status=0
PAPERTRADER_URL="$E2E_BASE" PAPERTRADER_TOKEN="$E2E_TOKEN" PAPERTRADER_ROOT="$root" PAPERTRADER_DATA_DIR="$E2E_DATA" \
  node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$target/results.tap" test.mjs || status=$?
e2e_stop_stack
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
