// The migration page's state in one place: the observed cluster (live), the engine's plan and state over it,
// and the step runner. Tests pass a fake client.
import { onBeforeUnmount } from 'vue';
import { useObservedCluster, type ClusterRef, type MigrationClient, type ObservedCluster } from './useObservedCluster';
import { useMigrationPlan, type Choices, type MigrationPlan } from './useMigrationPlan';
import { useStepRunner, type StepRunner } from './useStepRunner';

export interface Migration {
  observed: ObservedCluster;
  plan: MigrationPlan;
  runner: StepRunner;
}

export interface MigrationSetup {
  client: MigrationClient;
  cluster: ClusterRef;
  /** The signed-in user recorded in the history (principal id). */
  user: () => string;
  initial?: Partial<Choices>;
  now?: () => Date;
  /** Stop the watches when the calling component unmounts (default true; false outside a component). */
  autoStop?: boolean;
}

export function useMigration(s: MigrationSetup): Migration {
  const observed = useObservedCluster(s.client, s.cluster);
  const plan = useMigrationPlan(observed.observed, s.initial);
  const runner = useStepRunner(s.client, observed, plan, s.user, s.now);

  if (s.autoStop !== false) {
    onBeforeUnmount(() => observed.stop());
  }

  return { observed, plan, runner };
}

export type { ClusterRef, MigrationClient } from './useObservedCluster';
export type { Choices, StepListItem } from './useMigrationPlan';
