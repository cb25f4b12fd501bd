#!/usr/bin/env bash
# Validates the Kubernetes manifests offline: renders k8s/overlays/dev and prod with kustomize, validates
# every object against the Kubernetes OpenAPI schemas (npm kubernetes-models) and runs the project's checks
# (routes, probes, resources, security contexts, network policies, credentials, copies). Exits non-zero on
# any failure; the last line reads "k8s-validate: N passed, N failed, N skipped".
#
# Needs: node >= 20 with npm (the npm registry, once, for `npm ci`), and kubectl with kustomize 5 built in
# (kubectl 1.27 or newer; checked with 1.32 / kustomize 5.5) or a kustomize 5 binary. KUBECTL or KUSTOMIZE
# name other binaries. Debian's kubernetes-client package (1.20, kustomize 2) is too old.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

fail() { echo "k8s-validate: $*" >&2; exit 2; }

command -v node >/dev/null 2>&1 || fail "node not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "node $(node --version) is too old: 20 or newer is needed (node:test reporters)"

# kustomize: kubectl's built-in one, or a standalone binary.
kubectl_bin="${KUBECTL:-kubectl}"
kustomize_bin="${KUSTOMIZE:-kustomize}"
if command -v "$kubectl_bin" >/dev/null 2>&1; then
  render() { "$kubectl_bin" kustomize "$1"; }
  renderer="$("$kubectl_bin" version --client 2>/dev/null | tr '\n' ' ')"
elif command -v "$kustomize_bin" >/dev/null 2>&1; then
  render() { "$kustomize_bin" build "$1"; }
  renderer="kustomize $("$kustomize_bin" version 2>/dev/null)"
else
  fail "neither kubectl nor kustomize found: install kubectl 1.27 or newer (the Kubernetes release binary; it bundles kustomize 5) or kustomize 5, or set KUBECTL/KUSTOMIZE"
fi
kustomize_major="$(echo "$renderer" | sed -n 's/.*[Kk]ustomize[^v]*v\([0-9][0-9]*\)\..*/\1/p')"
if [ -z "$kustomize_major" ] || [ "$kustomize_major" -lt 5 ]; then
  fail "kustomize 5 or newer is needed (the manifests use labels.includeTemplates); found: ${renderer:-unknown version}"
fi

# Dependencies, exactly as locked; again whenever package-lock.json changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || fail "npm not found: install npm (it comes with Node.js)"
  echo "k8s-validate: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Render each overlay once; the tests read these files (K8S_RENDERED_DIR).
build="$here/build"
mkdir -p "$build"
echo "k8s-validate: rendering with ${renderer}"
for overlay in dev prod; do
  if ! render "$root/k8s/overlays/$overlay" > "$build/$overlay.yaml" 2> "$build/$overlay.err"; then
    cat "$build/$overlay.err" >&2
    fail "kustomize failed on k8s/overlays/$overlay"
  fi
  echo "k8s-validate: k8s/overlays/$overlay -> $(grep -c '^kind:' "$build/$overlay.yaml") objects (build/$overlay.yaml)"
done

# The tests: readable output on stdout, TAP kept for the summary.
status=0
K8S_RENDERED_DIR="$build" node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$build/results.tap" \
  test/ || status=$?

count() { grep -E "^# $1 [0-9]+$" "$build/results.tap" | tail -1 | awk '{print $3}'; }
passed="$(count pass)"; failed="$(count fail)"; skipped="$(count skipped)"
if [ -z "$passed" ] || [ -z "$failed" ]; then
  fail "the test run produced no summary (exit status $status)"
fi
echo "k8s-validate: ${passed} passed, ${failed} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
