#!/usr/bin/env bash
# A release tag must name the extension package and its version: aws-oot-migration-<version>, equal to
# pkg/aws-oot-migration/package.json. Rancher's reusable release workflows key on it (parse-tag-name; publish
# skips packages whose <name>-<version> differs), so a mismatch would build nothing or the wrong version.
#
#   scripts/check-release-tag.sh [--catalog] <tag>
#
# --catalog adds the rule of Rancher's catalog-image workflow: its parse-tag-name compares the tag with the ROOT
# package.json's <name>-<version> (the image is named after the root package), so both must agree.
# Prints nothing and exits 0 on a match; one line on stderr and exit 1 on a mismatch; exit 2 on bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

PKG=aws-oot-migration
catalog=false
if [ "${1:-}" = "--catalog" ]; then
  catalog=true
  shift
fi
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 [--catalog] <tag>" >&2
  exit 2
fi
tag=$1

nameVersion() {
  node -e 'const p = require(process.argv[1]); process.stdout.write(`${ p.name }-${ p.version }`);' "$PWD/$1"
}

expected=$(nameVersion "pkg/$PKG/package.json")
if [ "$tag" != "$expected" ]; then
  echo "release tag '$tag' does not match pkg/$PKG/package.json: expected '$expected'" >&2
  exit 1
fi
if [ "$catalog" = true ]; then
  root=$(nameVersion package.json)
  if [ "$tag" != "$root" ]; then
    echo "release tag '$tag' does not match the root package.json '$root', which Rancher's catalog workflow requires" >&2
    exit 1
  fi
fi
