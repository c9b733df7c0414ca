#!/usr/bin/env bash
# Builds the extension the way Rancher ships it (build-pkg → UMD), prints the main bundle's size against its
# budget, and smoke-loads it in Node.
set -euo pipefail
cd "$(dirname "$0")/.."

PKG=aws-oot-migration
BUDGET_GZIP=10240   # the main UMD loads on every Rancher page, for every user

rm -f pkg/*/.shell
./node_modules/@rancher/shell/scripts/build-pkg.sh "$PKG" > /tmp/build-pkg.log 2>&1 || { cat /tmp/build-pkg.log; exit 1; }
VERSION=$(node -p "require('./pkg/$PKG/package.json').version")
DIR="dist-pkg/$PKG-$VERSION"
MAIN="$DIR/$PKG-$VERSION.umd.min.js"

bytes=$(wc -c < "$MAIN")
gz=$(gzip -9 -c "$MAIN" | wc -c)
echo "main UMD: $MAIN ${bytes} B, ${gz} B gzip (budget ${BUDGET_GZIP} B gzip)"
for chunk in "$DIR"/*.umd.min.*.js; do
  [ -e "$chunk" ] || continue
  echo "  lazy chunk: $(basename "$chunk") $(wc -c < "$chunk") B, $(gzip -9 -c "$chunk" | wc -c) B gzip"
done
if [ "$gz" -gt "$BUDGET_GZIP" ]; then
  echo "FAIL: the main UMD is over its gzip budget" >&2
  exit 1
fi

NODE_PATH="$PWD/node_modules" node test/smoke/umd-smoke.js "$MAIN"
