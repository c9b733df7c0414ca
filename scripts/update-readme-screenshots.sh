#!/usr/bin/env bash
# Copies the README's screenshots from the last end-to-end run (test-results/screenshots) into docs/screenshots.
# Run after `npm run test:e2e`; review the images, then commit them.
set -euo pipefail
cd "$(dirname "$0")/.."
src=test-results/screenshots
dst=docs/screenshots
declare -A map=(
  [action-in-row-menu.png]=built-package-01-action-in-row-menu.png
  [step-preflight.png]=migration-01-preflight-acknowledged.png
  [step-review.png]=migration-02-enable-leader-migration-review.png
  [step-ccm-rollout.png]=migration-06-wait-ccm-rollout.png
  [step-cordon.png]=migration-08-cordon-control-plane-done.png
  [step-switch-review.png]=migration-09-switch-provider-review.png
  [step-wait-switch.png]=migration-11-wait-switch.png
  [step-verified.png]=migration-14-verified.png
  [step-finish.png]=migration-15-finish.png
  [conflict.png]=resilience-03-conflict.png
  [unreachable.png]=resilience-06-cordon-unreachable.png
  [preflight-blocked.png]=name-mismatch-00-preflight-blocked.png
  [read-only.png]=read-only-00-page.png
  [large-cluster.png]=performance-2000-00-table.png
)
for name in "${!map[@]}"; do
  [ -f "$src/${map[$name]}" ] || { echo "missing $src/${map[$name]} (run the e2e tests first)" >&2; exit 1; }
  cp "$src/${map[$name]}" "$dst/$name"
done
ls -la "$dst"
