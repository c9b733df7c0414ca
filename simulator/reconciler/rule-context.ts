// What every reconciler rule receives. Rules are plain functions over the World: they read the stores and the
// hidden machine state, write desired changes through store.mutate/apply (which no-op when nothing changed),
// and ask to be woken at a future simulated time when they wait for a duration to pass.

import type { World } from '../world/world';
import type { Timings } from './timings';

export interface RuleContext {
  world: World;
  now: number;                  // simulated epoch ms
  iso: string;
  timings: Timings;
  /** Ask for another reconcile at simulated time `at`. */
  wake(at: number): void;
}

export type Rule = (ctx: RuleContext) => void;
