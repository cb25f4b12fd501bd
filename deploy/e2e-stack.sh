# Shared by the end-to-end tests (deploy/dashboard-e2e, deploy/alpaca-e2e): node and npm checks, and a
# ./papertrader up on a fresh data directory that is started, awaited and stopped the same way. Source it after
# setting E2E_NAME (the prefix of every message), E2E_ROOT (the repository) and E2E_TARGET (the test's target dir).

e2e_fail() { echo "$E2E_NAME: $*" >&2; exit 2; }

# node >= 20, and `npm ci` when node_modules is missing or older than the lock file (run in the test's directory).
e2e_node_and_modules() {
  command -v node >/dev/null 2>&1 || e2e_fail "node not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)"
  [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] \
    || e2e_fail "node $(node --version) is too old: 20 or newer is needed"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    command -v npm >/dev/null 2>&1 || e2e_fail "npm not found: install npm (it comes with Node.js)"
    echo "$E2E_NAME: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# e2e_start_stack GATEWAY_PORT PG_PORT AMQP_PORT SPEED: builds what is stale (quietly), then starts the stack in the
# background with its data in $E2E_TARGET/data and its log in $E2E_TARGET/up.log; stops it when the script exits.
# Sets E2E_BASE (the gateway's URL) and E2E_DATA.
e2e_start_stack() {
  E2E_BASE="http://127.0.0.1:$1"
  E2E_DATA="$E2E_TARGET/data"
  echo "$E2E_NAME: starting ./papertrader up (log in target/up.log)"
  # (from the repository root: its Maven build names modules by path)
  (cd "$E2E_ROOT" && exec ./papertrader up --data-dir "$E2E_DATA" --gateway-port "$1" --pg-port "$2" \
    --amqp-port "$3" --speed "$4" --quiet --no-startup-cache) > "$E2E_TARGET/up.log" 2>&1 &
  e2e_up_pid=$!
  trap e2e_stop_stack EXIT
}

e2e_stop_stack() {
  if kill -0 "$e2e_up_pid" 2>/dev/null; then
    # TERM, not INT: a job started with & by a script has SIGINT ignored, so INT would never reach it
    kill -TERM "$e2e_up_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$e2e_up_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$e2e_up_pid" 2>/dev/null; then
      echo "$E2E_NAME: the stack did not stop within 60 s; killing it" >&2
      kill -KILL "$e2e_up_pid" 2>/dev/null || true
    fi
  fi
  wait "$e2e_up_pid" 2>/dev/null || true
  trap - EXIT
}

# Waits until the gateway answers (it starts once every service is ready), checks that it takes a trader token of
# the data directory, and stops the replay until the test starts it. Sets E2E_TOKEN.
e2e_await_ready() {
  local ready="" started_at=$1
  for _ in $(seq 1 600); do
    kill -0 "$e2e_up_pid" 2>/dev/null || { tail -40 "$E2E_TARGET/up.log" >&2; e2e_fail "./papertrader up stopped (log above)"; }
    if curl -sf -o /dev/null "$E2E_BASE/"; then ready=yes; break; fi
    sleep 1
  done
  [ -n "$ready" ] || { tail -40 "$E2E_TARGET/up.log" >&2; e2e_fail "the stack was not ready within 10 minutes"; }
  E2E_TOKEN="$(cd "$E2E_ROOT" && ./papertrader token --role trader --data-dir "$E2E_DATA")"
  curl -sf -o /dev/null -H "Authorization: Bearer $E2E_TOKEN" "$E2E_BASE/api/portfolio/accounts" \
    || e2e_fail "the gateway refuses the token of ./papertrader token --role trader"
  echo "$E2E_NAME: stack ready after $(( $(date +%s) - started_at )) s; stopping the replay until the test starts it"
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $E2E_TOKEN" "$E2E_BASE/api/monitor/feed/stop"
}
