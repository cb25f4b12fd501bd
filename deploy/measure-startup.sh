#!/usr/bin/env bash
# Measures, in one run, how long each service takes to start and how much memory it holds once idle, beside the
# smallest Quarkus REST application (deploy/minimal-rest, same Quarkus version) measured the same way.
#
#   ./papertrader measure-startup [--rounds N] [--idle SECONDS] [--variants LIST] [--jvm-options "OPTIONS"]
#
# Run it through ./papertrader, which builds the jars it needs and picks the JDK (JAVA_HOME). It starts an embedded
# PostgreSQL and Artemis (./papertrader up --infra-only, fresh data in target/measure-startup), then, N rounds over,
# starts each application alone, with nothing else running beside the infrastructure:
#   start  = from the process launch until it answers 200 (services: /q/health/ready, minimal-rest: GET /hello),
#            and the "started in" time Quarkus logs itself;
#   RSS    = VmRSS of /proc/<pid>/status after SECONDS of idleness (the monitor's feed is not started);
# and prints the median of each with the floor ratio. The first round also runs the services' Flyway migrations.
# The targets: start within 1.3x the floor, under 150 MB RSS idle.
# Variants (--variants, comma-separated, default tuned,tuned+cache,tuned+built-cache):
#   default      the JVM's defaults;
#   tuned        the JVM options ./papertrader up gives every service (--jvm-options to try others);
#   tuned+cache  the same plus a start-up cache recorded at run time, as up does when the build made none
#                (StartupCache: an AOT cache on JDK 25+, a dynamic CDS archive on JDK 19-24), by one training
#                start per application (started, ready, idle 2 s, stopped) first;
#   tuned+built-cache  the same plus the AOT cache the build wrote beside the jar (target/quarkus-app/app.aot, JDK 25+:
#                by deploy/aot-training.sh, which ./papertrader runs after building, else by Quarkus at package
#                time; docs/native.md), which up uses when it is there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:?set JAVA_HOME (./papertrader measure-startup does)}/bin/java"
ROUNDS=3
IDLE_SECONDS=10
# The options ./papertrader up gives every service (QuarkusJarLauncher.DEFAULT_SERVICE_JVM_OPTIONS); keep them equal.
JVM_OPTIONS="${PAPERTRADER_SERVICE_JVM_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=512m}"
VARIANTS="tuned,tuned+cache,tuned+built-cache"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --idle) IDLE_SECONDS="$2"; shift 2 ;;
    --jvm-options) JVM_OPTIONS="$2"; shift 2 ;;
    --variants) VARIANTS="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "measure-startup: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v curl >/dev/null || { echo "measure-startup needs curl" >&2; exit 1; }

WORK="$ROOT/target/measure-startup"
rm -rf "$WORK"
mkdir -p "$WORK/logs"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # the first free port from $1 on
  local port=$1
  until port_free "$port"; do port=$((port + 1)); done
  echo "$port"
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
load() { cut -d' ' -f1 /proc/loadavg; }

PG_PORT=$(free_port 55442)
AMQP_PORT=$(free_port 5682)
APP_PORT=$(free_port 18090)

INFRA_PID=""
APP_PID=""
cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  # TERM, not INT: a background job of a non-interactive shell ignores SIGINT; the JVM's shutdown hooks stop the servers
  if [[ -n "$INFRA_PID" ]] && kill -0 "$INFRA_PID" 2>/dev/null; then kill -TERM "$INFRA_PID"; wait "$INFRA_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

echo "Starting PostgreSQL (:$PG_PORT) and Artemis (:$AMQP_PORT); logs in $WORK/logs"
PAPERTRADER_ROOT="$ROOT" "$JAVA" -jar "$ROOT/deploy/local-stack/target/quarkus-app/quarkus-run.jar" up --infra-only \
  --data-dir "$WORK/data" --pg-port "$PG_PORT" --amqp-port "$AMQP_PORT" > "$WORK/logs/infra.log" 2>&1 &
INFRA_PID=$!
for _ in $(seq 1 600); do
  grep -q "papertrader is up" "$WORK/logs/infra.log" 2>/dev/null && break
  kill -0 "$INFRA_PID" 2>/dev/null || { cat "$WORK/logs/infra.log" >&2; exit 1; }
  sleep 0.2
done
grep -q "papertrader is up" "$WORK/logs/infra.log" || { echo "the infrastructure did not start" >&2; exit 1; }

# name module role readiness-path
APPS=(
  "minimal-rest deploy/minimal-rest - /hello"
  "monitor monitor-service monitor /q/health/ready"
  "router signal-router-service router /q/health/ready"
  "orders order-service orders /q/health/ready"
  "portfolio portfolio-service portfolio /q/health/ready"
)

JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
CACHE_DIR="$WORK/cache"
mkdir -p "$CACHE_DIR"

# options VARIANT NAME MODULE MODE → the JVM options of one start; MODE is "train" or "use" (the start-up cache's
# role), mirroring StartupCache.options
options() {
  local variant=$1 name=$2 module=$3 mode=$4
  case "$variant" in
    tuned+built-cache)
      echo "$JVM_OPTIONS -XX:AOTCache=$ROOT/$module/target/quarkus-app/app.aot" ;;
    default) ;;
    tuned) echo "$JVM_OPTIONS" ;;
    tuned+cache)
      if (( JAVA_FEATURE >= 25 )); then
        [[ "$mode" == train ]] && echo "$JVM_OPTIONS -XX:AOTCacheOutput=$CACHE_DIR/$name.aot" \
                               || echo "$JVM_OPTIONS -XX:AOTCache=$CACHE_DIR/$name.aot"
      elif (( JAVA_FEATURE >= 19 )); then
        echo "$JVM_OPTIONS -XX:SharedArchiveFile=$CACHE_DIR/$name.jsa -XX:+AutoCreateSharedArchive"
      else
        echo "$JVM_OPTIONS"
      fi ;;
    *) echo "measure-startup: unknown variant $variant" >&2; exit 2 ;;
  esac
}

# start NAME MODULE SCHEMA PATH OPTIONS LOG → starts the application alone, waits until it answers; sets APP_PID
# and READY_MS
start_app() {
  local name=$1 module=$2 schema=$3 path=$4 options=$5 log=$6 started
  local env=(QUARKUS_HTTP_PORT="$APP_PORT")
  if [[ "$schema" != "-" ]]; then
    env+=(QUARKUS_DATASOURCE_USERNAME="${schema}_svc" QUARKUS_DATASOURCE_PASSWORD="${schema}_svc-local"
          QUARKUS_DATASOURCE_REACTIVE_URL="vertx-reactive:postgresql://127.0.0.1:$PG_PORT/papertrader"
          QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/papertrader"
          QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_FLYWAY_SCHEMAS="$schema"
          AMQP_HOST=127.0.0.1 AMQP_PORT="$AMQP_PORT" PAPERTRADER_MONITOR_FEED_AUTOSTART=false
          # a loaded machine may take longer than the 5 s default to hand Flyway its first connection
          QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=120S)
  fi
  started=$(now_ms)
  # shellcheck disable=SC2086 # options are words
  env "${env[@]}" "$JAVA" $options -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
  APP_PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT$path"; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "$name exited; see $log" >&2; tail -20 "$log" >&2; exit 1; fi
    if (( $(now_ms) - started > 240000 )); then echo "$name not ready in 240 s; see $log" >&2; exit 1; fi
    sleep 0.05
  done
  READY_MS=$(( $(now_ms) - started ))
}

stop_app() {
  kill -TERM "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# measure VARIANT NAME MODULE SCHEMA PATH → one measured start; appends "variant|name|ready|quarkus|rss|load"
measure() {
  local variant=$1 name=$2 module=$3 schema=$4 path=$5 log quarkus rss
  log="$WORK/logs/$name-$variant-$round.log"
  start_app "$name" "$module" "$schema" "$path" "$(options "$variant" "$name" "$module" use)" "$log"
  quarkus=$(grep -o 'started in [0-9.]*s' "$log" | head -1 | grep -o '[0-9.]*' | awk '{printf "%d", $1 * 1000}')
  sleep "$IDLE_SECONDS"
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$APP_PID/status")
  stop_app
  printf '%s|%s|%s|%s|%s|%s\n' "$variant" "$name" "$READY_MS" "${quarkus:-0}" "$rss" "$(load)" >> "$WORK/results"
  printf '  round %s  %-12s %-12s ready %6d ms  quarkus %6s ms  rss %4d MB  load %s\n' "$round" "$name" "$variant" \
    "$READY_MS" "${quarkus:-?}" $(( rss / 1024 )) "$(load)"
}

IFS=, read -r -a VARIANT_LIST <<< "$VARIANTS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "JDK $JAVA_FEATURE; tuned JVM options: $JVM_OPTIONS; variants $VARIANTS; $ROUNDS rounds, $IDLE_SECONDS s idle before RSS;"
echo "load average $LOAD_BEFORE on $(nproc) cores"
if [[ ",$VARIANTS," == *",tuned+built-cache,"* ]]; then
  for app in "${APPS[@]}"; do
    read -r name module schema path <<< "$app"
    if [[ ! -s "$ROOT/$module/target/quarkus-app/app.aot" ]]; then
      echo "measure-startup: $module/target/quarkus-app/app.aot is missing: build on JDK 25+ (./papertrader build," \
           "deploy/aot-training.sh), or leave tuned+built-cache out of --variants" >&2
      exit 1
    fi
  done
fi
if [[ ",$VARIANTS," == *",tuned+cache,"* ]]; then
  for app in "${APPS[@]}"; do
    read -r name module schema path <<< "$app"
    start_app "$name" "$module" "$schema" "$path" "$(options tuned+cache "$name" "$module" train)" "$WORK/logs/$name-training.log"
    sleep 2
    stop_app # the start-up cache is written as the JVM exits
    echo "  training start of $name: ready in $READY_MS ms; cache $(ls "$CACHE_DIR" | grep "^$name\." | tr '\n' ' ')"
  done
fi
for round in $(seq 1 "$ROUNDS"); do
  for app in "${APPS[@]}"; do
    read -r name module schema path <<< "$app"
    for variant in "${VARIANT_LIST[@]}"; do
      measure "$variant" "$name" "$module" "$schema" "$path"
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$WORK/results" "$LOAD_BEFORE" "$LOAD_AFTER" "$JVM_OPTIONS" <<'PY'
import statistics, sys
rows = [line.strip().split('|') for line in open(sys.argv[1]) if line.strip()]
by = {}
for variant, name, ready, quarkus, rss, load in rows:
    by.setdefault(variant, {}).setdefault(name, []).append((int(ready), int(quarkus), int(rss)))
print()
print(f"Medians of the rounds; load average before {sys.argv[2]}, after {sys.argv[3]}; tuned = {sys.argv[4]}")
print()
print("| variant | application | ready (ms) | × floor | Quarkus 'started in' (ms) | × floor | idle RSS (MB) | start ≤ 1.3× floor | RSS < 150 MB |")
print("|---|---|--:|--:|--:|--:|--:|:-:|:-:|")
for variant, apps in by.items():
    floor = apps['minimal-rest']
    floor_ready = statistics.median(r[0] for r in floor)
    floor_quarkus = statistics.median(r[1] for r in floor)
    for name, values in apps.items():
        ready = statistics.median(v[0] for v in values)
        quarkus = statistics.median(v[1] for v in values)
        rss = statistics.median(v[2] for v in values) / 1024
        verdict = 'floor' if name == 'minimal-rest' else ('met' if ready <= 1.3 * floor_ready else 'not met')
        print(f"| {variant} | {name} | {ready:.0f} | {ready / floor_ready:.2f} | {quarkus:.0f} |"
              f" {quarkus / floor_quarkus if floor_quarkus else 0:.2f} | {rss:.0f} | {verdict} | {'met' if rss < 150 else 'not met'} |")
PY
