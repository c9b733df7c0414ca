#!/usr/bin/env bash
# Everything the README promises: lint, type-check, unit and simulator tests, the built package and its
# size budget, and the end-to-end tests in a real browser against the simulated Rancher.
set -euo pipefail
cd "$(dirname "$0")/.."
export TS_JEST_DISABLE_VER_CHECKER=true

step() { printf '\n== %s\n' "$*"; }

step lint;               npm run --silent lint
step typecheck;          npm run --silent typecheck
step "unit tests";       ./node_modules/.bin/jest --ci
step "extension build";  bash scripts/check-build.sh
step "end-to-end tests"; npm run --silent test:e2e
