#!/usr/bin/env bash
# The real Rancher dashboard (@rancher/shell) with this extension, as a NODE_ENV=dev build in dist-app/,
# which the simulated Rancher serves. (A production build loses the dropdown menus; dev builds are what
# upstream's own e2e flow uses.) Rebuilds only when the sources or the lockfile changed.
#
#   --bare   the same dashboard WITHOUT the extension compiled in, in dist/app-bare/: what a real Rancher
#            serves. The extension then reaches it only as the built package, through /v1/uiplugins
#            (test/e2e/built-package.e2e.ts). Under dist/, which git, ESLint and jest already ignore.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=dist-app
EXCLUDE=""
case "${1:-}" in
  "") ;;
  --bare) OUT=dist/app-bare; EXCLUDE=aws-oot-migration ;;
  *) echo "usage: $0 [--bare]" >&2; exit 2 ;;
esac

if [ -z "$EXCLUDE" ]; then
  stamp=$( (cat package-lock.json vue.config.js; find pkg -path '*/node_modules' -prune -o -path '*/__tests__' -prune -o -type f -print | grep -v '/\.shell' | sort | xargs cat) | sha256sum | cut -d' ' -f1)
else
  # the bare app compiles nothing from pkg/, so extension edits do not make it stale
  stamp=$( (cat package-lock.json vue.config.js; echo "exclude=$EXCLUDE") | sha256sum | cut -d' ' -f1)
fi
if [ -f "$OUT/.build-stamp" ] && [ "$(cat "$OUT/.build-stamp")" = "$stamp" ]; then
  echo "dashboard build in $OUT is up to date"
  exit 0
fi
echo "Building the Rancher dashboard${EXCLUDE:+ without $EXCLUDE} into $OUT (about a minute)…"
rm -f pkg/*/.shell
LOG=/tmp/dashboard-build${EXCLUDE:+-bare}.log
EXCLUDE_PKGS="$EXCLUDE" NODE_ENV=dev OUTPUT_DIR="$OUT" ./node_modules/.bin/vue-cli-service build > "$LOG" 2>&1 || { tail -50 "$LOG"; exit 1; }
echo "$stamp" > "$OUT/.build-stamp"
