#!/usr/bin/env bash
# The training run of the services' JVM AOT cache (JDK 25+), at build time: ./papertrader runs it after it builds
# a service. It starts an embedded PostgreSQL and Artemis (./papertrader up --infra-only, data in
# target/aot-training), then each application alone with -XX:AOTCacheOutput=<module>/target/quarkus-app/app.aot and
# the JVM options ./papertrader up uses; waits until it is ready (Flyway migrated, broker connected, REST up), lets it
# idle 2 s and stops it: the JVM writes the cache as it exits. The workload is a real start, so the cache holds the
# whole start-up path; the cache Quarkus writes at package time (quarkus.package.jar.aot, phase build) stops after
# static initialisation and holds much less (docs/native.md measures both). ./papertrader up then uses app.aot
# (StartupCache). Needs the jars built; on JDK 24 and older it does nothing.
#
#   deploy/aot-training.sh [MODULE...]     default: the four services and deploy/minimal-rest
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:?set JAVA_HOME (./papertrader does)}/bin/java"
JVM_OPTIONS="${PAPERTRADER_SERVICE_JVM_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=512m}"
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
if (( JAVA_FEATURE < 25 )); then
  exit 0
fi
command -v curl >/dev/null || { echo "aot-training needs curl" >&2; exit 1; }

# module role readiness-path
declare -A ROLE=([monitor-service]=monitor [signal-router-service]=router [order-service]=orders
                 [portfolio-service]=portfolio [deploy/minimal-rest]=-)
declare -A READY=([deploy/minimal-rest]=/hello)
MODULES=("$@")
(( ${#MODULES[@]} )) || MODULES=(monitor-service signal-router-service order-service portfolio-service deploy/minimal-rest)

WORK="$ROOT/target/aot-training"
rm -rf "$WORK"
mkdir -p "$WORK/logs"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local port=$1; until port_free "$port"; do port=$((port + 1)); done; echo "$port"; }
PG_PORT=$(free_port 55462)
AMQP_PORT=$(free_port 5702)
APP_PORT=$(free_port 18190)

INFRA_PID=""
APP_PID=""
cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  # TERM, not INT: a background job of a non-interactive shell ignores SIGINT
  if [[ -n "$INFRA_PID" ]] && kill -0 "$INFRA_PID" 2>/dev/null; then kill -TERM "$INFRA_PID"; wait "$INFRA_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

needs_infra=false
for module in "${MODULES[@]}"; do [[ "${ROLE[$module]:--}" != "-" ]] && needs_infra=true; done
if $needs_infra; then
  PAPERTRADER_ROOT="$ROOT" "$JAVA" -jar "$ROOT/deploy/local-stack/target/quarkus-app/quarkus-run.jar" up --infra-only \
    --data-dir "$WORK/data" --pg-port "$PG_PORT" --amqp-port "$AMQP_PORT" > "$WORK/logs/infra.log" 2>&1 &
  INFRA_PID=$!
  for _ in $(seq 1 600); do
    grep -q "papertrader is up" "$WORK/logs/infra.log" 2>/dev/null && break
    kill -0 "$INFRA_PID" 2>/dev/null || { cat "$WORK/logs/infra.log" >&2; exit 1; }
    sleep 0.2
  done
  grep -q "papertrader is up" "$WORK/logs/infra.log" || { echo "aot-training: the infrastructure did not start" >&2; exit 1; }
fi

for module in "${MODULES[@]}"; do
  role="${ROLE[$module]:?aot-training: unknown module $module}"
  app="$ROOT/$module/target/quarkus-app"
  [[ -f "$app/quarkus-run.jar" ]] || { echo "aot-training: $module is not built" >&2; exit 1; }
  env=(QUARKUS_HTTP_PORT="$APP_PORT")
  if [[ "$role" != "-" ]]; then
    env+=(QUARKUS_DATASOURCE_USERNAME="${role}_svc" QUARKUS_DATASOURCE_PASSWORD="${role}_svc-local"
          QUARKUS_DATASOURCE_REACTIVE_URL="vertx-reactive:postgresql://127.0.0.1:$PG_PORT/papertrader"
          QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/papertrader"
          QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=120S
          QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_FLYWAY_SCHEMAS="$role"
          AMQP_HOST=127.0.0.1 AMQP_PORT="$AMQP_PORT" PAPERTRADER_MONITOR_FEED_AUTOSTART=false)
  fi
  rm -f "$app/app.aot"
  log="$WORK/logs/${module//\//-}.log"
  # shellcheck disable=SC2086 # options are words
  env "${env[@]}" "$JAVA" $JVM_OPTIONS -XX:AOTCacheOutput="$app/app.aot" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
  APP_PID=$!
  started=$SECONDS
  until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT${READY[$module]:-/q/health/ready}"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "aot-training: $module exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
    (( SECONDS - started < 300 )) || { echo "aot-training: $module not ready in 300 s; see $log" >&2; exit 1; }
    sleep 0.1
  done
  sleep 2
  kill -TERM "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  [[ -s "$app/app.aot" ]] || { echo "aot-training: no cache written for $module; see $log" >&2; exit 1; }
  echo "papertrader: AOT cache of $module trained ($(( $(stat -c %s "$app/app.aot") / 1048576 )) MB, $module/target/quarkus-app/app.aot)" >&2
done
