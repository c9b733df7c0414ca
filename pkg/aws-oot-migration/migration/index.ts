// The engine's public surface. The UI imports from here only (the extension's index.ts imports classify.ts
// directly, to keep js-yaml out of the bundle every Rancher page loads).
export * from './types';
export {
  classifyCluster, isMigrationCandidate, recordedMigration, HISTORY_ANNOTATION, OPTIONS_ANNOTATION,
} from './classify';
export type { Classification, ClassifyOptions } from './classify';
export {
  effectiveConfig, effectiveProvider, effectiveValue, clusterProfiles, sourceOf, GLOBAL
} from './effective-config';
export { runPreflight } from './preflight';
export { buildPlan } from './plan';
export { STEP, stepSequence } from './steps';
export type { StepId } from './steps';
export { buildChartValues, ccmImageTag } from './chart-values';
export {
  enableLeaderMigrationRke2, removeLeaderMigrationRke2, installCcmRke2, removeCcmRke2, finalizeCcmRke2, switchProviderRke2,
  revertProviderRke2
} from './patches/rke2';
export {
  enableLeaderMigrationRke1, removeLeaderMigrationRke1, switchProviderRke1, revertProviderRke1
} from './patches/rke1';
export { buildChartAction, buildClusterRepo, appUninstallUrl } from './patches/chart';
export {
  cordonPatch, controlPlaneSelector, controlPlaneNodes
} from './patches/nodes';
export { detectState, isReconciled } from './state';
export { checkNode, checkNodes } from './node-checks';
export type {
  NodeCheck, NodeReport, ClusterCheck, NodeCheckOptions
} from './node-checks';
export { evaluateRollout } from './rollout';
export type { RolloutResult } from './rollout';
export { buildRunbook, runbookToMarkdown } from './runbook';
export type { RunbookBlock, RunbookTarget } from './runbook';
export { applyJsonPatch, diff as jsonPatchDiff } from './json-patch';
export { validateManifest, findCcmHelmChart } from './manifest';
export { buildContext } from './context';
