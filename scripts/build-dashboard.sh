#!/usr/bin/env bash
# The real Rancher dashboard (@rancher/shell) with this extension, as a NODE_ENV=dev build in dist-app/,
# which the simulated Rancher serves. (A production build loses the dropdown menus; dev builds are what
# upstream's own e2e flow uses.) Rebuilds only when the sources or the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=dist-app
stamp=$( (cat package-lock.json vue.config.js; find pkg -path '*/node_modules' -prune -o -path '*/__tests__' -prune -o -type f -print | grep -v '/\.shell' | sort | xargs cat) | sha256sum | cut -d' ' -f1)
if [ -f "$OUT/.build-stamp" ] && [ "$(cat "$OUT/.build-stamp")" = "$stamp" ]; then
  echo "dashboard build in $OUT is up to date"
  exit 0
fi
echo "Building the Rancher dashboard with the extension into $OUT (about a minute)…"
rm -f pkg/*/.shell
NODE_ENV=dev OUTPUT_DIR="$OUT" ./node_modules/.bin/vue-cli-service build > /tmp/dashboard-build.log 2>&1 || { tail -50 /tmp/dashboard-build.log; exit 1; }
echo "$stamp" > "$OUT/.build-stamp"
