// How long things take in simulated time. At --speed 1 these are a believable demo pace (a 6-node rollout with
// concurrency 1 takes a few minutes); tests use the manual clock or a high speed instead of changing these.

export interface Timings {
  nodeRestartMs: number;        // rke2-server/agent (or RKE1 components) restart with a new plan
  podStartMs: number;           // scheduled pod → Running and Ready
  helmJobMs: number;            // helm-controller install Job run time
  operationMs: number;          // Rancher helm-operation pod run time
  cloudNodeInitMs: number;      // CCM initialises a tainted node
  leaseRenewMs: number;         // lease renewal period
}

export const DEFAULT_TIMINGS: Timings = {
  nodeRestartMs:   30_000,
  podStartMs:      8_000,
  helmJobMs:       12_000,
  operationMs:     10_000,
  cloudNodeInitMs: 3_000,
  leaseRenewMs:    10_000,
};
