// Drives the rules. A pass runs every rule in order and repeats while the pass wrote anything (level-triggered,
// like controllers reacting to their own writes). Passes run after API writes (coalesced), on a real-time tick
// when the clock runs, and on demand. Rules that wait for a duration ask to be woken at a simulated time, which is
// what advance() jumps to in manual mode — no rule ever looks at the wall clock.

import type { World } from '../world/world';
import type { Rule, RuleContext } from './rule-context';
import { DEFAULT_TIMINGS, Timings } from './timings';
import { rke2PlannerRule } from './rules/rke2-planner';
import { rke1PlannerRule } from './rules/rke1-planner';
import { nodeAgentRule } from './rules/node-agent';
import { managementSyncRule } from './rules/management-sync';
import { addonsRule } from './rules/addons';
import { helmControllerRule } from './rules/helm-controller';
import { catalogOperationsRule } from './rules/catalog-operations';
import { daemonSetRule } from './rules/daemonsets';
import { podsRule } from './rules/pods';
import { cloudControllersRule } from './rules/cloud-controllers';
import { leaderMigrationRule } from './rules/leader-migration';

/** Order matters only for latency within a pass; every pass re-runs all rules until nothing changes. */
export const DEFAULT_RULES: Rule[] = [
  rke2PlannerRule,        // Rancher: provisioning cluster → RKEControlPlane → machine plans
  rke1PlannerRule,        // Rancher: RKE1 cluster updates (rke up)
  nodeAgentRule,          // rke2/rke1 node agents + kubelet: Node objects, flags, static pods
  managementSyncRule,     // Rancher cluster agent: management nodes, cordon requests, cluster status
  addonsRule,             // rke2 deploy controller: additionalManifest
  helmControllerRule,     // helm-controller: HelmChart → Job → release
  catalogOperationsRule,  // Rancher catalog: ClusterRepo install → Operation → App + release
  daemonSetRule,          // kube-controller-manager: DaemonSets → pods
  podsRule,               // scheduler + kubelet: pod placement and lifecycle
  cloudControllersRule,   // stub / AWS cloud-node controller: uninitialized taint, providerID
  leaderMigrationRule,    // leader migration lease and who runs the migrated controllers
];

export interface ReconcilerOptions {
  timings?: Partial<Timings>;
  rules?: Rule[];
  /** Real-time tick period while the clock runs (ms). */
  tickMs?: number;
  onError?: (e: unknown) => void;
}

export class Reconciler {
  readonly timings: Timings;
  private readonly rules: Rule[];
  private writes = 0;
  private running = false;
  private scheduled = false;
  private nextWake = Infinity;
  private timer?: NodeJS.Timeout;
  private unwatch: Array<() => void> = [];

  constructor(readonly world: World, private readonly opts: ReconcilerOptions = {}) {
    this.timings = { ...DEFAULT_TIMINGS, ...(opts.timings || {}) };
    this.rules = opts.rules || DEFAULT_RULES;
    for (const s of world.allStores()) {
      this.unwatch.push(s.watch(() => {
        this.writes++;
        this.schedule();
      }));
    }
  }

  /** Earliest simulated time a rule asked to be woken at (Infinity when idle). */
  get pendingWake(): number {
    return this.nextWake;
  }

  /** Run passes until nothing changes. Returns the number of store writes made. */
  runOnce(): number {
    if (this.running) {
      return 0;
    }
    this.running = true;
    const before = this.writes;

    try {
      for (let pass = 0; pass < 50; pass++) {
        const start = this.writes;
        let wake = Infinity;
        const now = this.world.clock.now();
        const ctx: RuleContext = {
          world:   this.world,
          now,
          iso:     new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          timings: this.timings,
          wake:    (at) => {
            wake = Math.min(wake, at);
          },
        };

        for (const rule of this.rules) {
          rule(ctx);
        }
        this.nextWake = wake;
        if (this.writes === start) {
          break;
        }
      }
    } catch (e) {
      this.opts.onError?.(e);
      if (!this.opts.onError) {
        throw e;
      }
    } finally {
      this.running = false;
    }

    return this.writes - before;
  }

  /** Coalesce reconcile requests (API writes) into one pass on the next turn of the event loop. */
  schedule() {
    if (this.scheduled || this.running) {
      return;
    }
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.runOnce();
    });
  }

  /** Move simulated time forward by `ms`, stopping at every wake-up on the way. */
  advance(ms: number) {
    const clock = this.world.clock;
    const target = clock.now() + ms;

    this.runOnce();
    for (let i = 0; i < 100000 && this.nextWake <= target; i++) {
      const step = this.nextWake - clock.now();

      if (step > 0) {
        clock.advance(step);
      }
      const wakeBefore = this.nextWake;

      this.runOnce();
      if (this.nextWake === wakeBefore && step <= 0) {
        break; // a rule keeps asking for "now": avoid a busy loop
      }
    }
    if (target > clock.now()) {
      clock.advance(target - clock.now());
    }
    this.runOnce();
  }

  /** Advance until no rule waits any more (bounded), e.g. to let a freshly loaded scenario converge. */
  settle(maxMs = 3_600_000) {
    const clock = this.world.clock;
    const limit = clock.now() + maxMs;

    this.runOnce();
    while (this.nextWake !== Infinity && this.nextWake <= limit) {
      this.advance(Math.max(0, this.nextWake - clock.now()));
    }
  }

  /** Real-time ticking (when the clock runs): look again every tickMs wall-clock. */
  start() {
    this.stop();
    this.timer = setInterval(() => {
      if (!this.world.clock.manual && this.world.clock.now() >= this.nextWake) {
        this.runOnce();
      }
    }, this.opts.tickMs ?? 200);
    this.timer.unref?.();
  }

  stop() {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose() {
    this.stop();
    for (const u of this.unwatch) {
      u();
    }
    this.unwatch = [];
  }
}
