#!/usr/bin/env bash
# The demo: the real Rancher dashboard with this extension, on the simulated Rancher (default scenario:
# an RKE2 1.26 cluster on in-tree AWS made in the dashboard), at a believable pace.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8989}
bash scripts/build-dashboard.sh
exec ./node_modules/.bin/tsx simulator/cli.ts --port "$PORT" --static dist-app --speed "${SPEED:-1}" "$@"
