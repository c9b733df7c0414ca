#!/usr/bin/env bash
# End-to-end tests in a real browser: the dashboard build with the extension, served by the simulated Rancher.
# Node's own test runner (playwright-core does not load inside jest 27's module sandbox). Files run one at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
bash scripts/build-dashboard.sh
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(ls test/e2e/*.e2e.ts)
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
