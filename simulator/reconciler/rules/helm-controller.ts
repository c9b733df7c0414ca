// k3s-io/helm-controller: each HelmChart gets a `helm-install-<name>` Job whose pod runs helm; when it
// succeeds the chart is rendered into the target namespace. A changed HelmChart spec re-runs the Job (upgrade).
// `bootstrap: true` Jobs run on control-plane nodes (nodeSelector node-role.kubernetes.io/control-plane=true,
// hostNetwork) and tolerate not-ready, network-unavailable, uninitialized, CriticalAddonsOnly and the etcd /
// control-plane taints — but NOT node.kubernetes.io/unschedulable: with every control-plane node cordoned the
// Job stays Pending. A deleted HelmChart uninstalls its release.

import yaml from 'js-yaml';
import {
  KubeObject, keyOf, setCondition, shortHash, stableStringify,
} from '../../engine/kube-object';
import type { SimCluster } from '../../world/world';
import { renderChart } from '../chart-catalog';
import type { RuleContext } from '../rule-context';
import type { Toleration } from '../scheduling';
import { recordEvent } from './events';
import { newPod } from './pods';
import { RELEASE_LABEL, applyRelease, deleteRelease } from './releases';

const HASH_ANN = 'helmcharts.helm.cattle.io/configHash';
const RELEASE_PREFIX = 'helmchart:';

export const BOOTSTRAP_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule', operator: 'Exists' },
  { key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule', operator: 'Exists' },
  { key: 'node.cloudprovider.kubernetes.io/uninitialized', effect: 'NoSchedule', operator: 'Equal', value: 'true' },
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { key: 'node-role.kubernetes.io/etcd', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
];

export function helmControllerRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    if (c.distro !== 'rke2' && c.distro !== 'k3s') {
      continue;
    }
    const charts = c.store.list('helm.cattle.io.helmchart');

    for (const chart of charts) {
      reconcileChart(ctx, c, chart);
    }
    // uninstall releases whose HelmChart is gone
    const live = new Set(charts.map((h) => `${ RELEASE_PREFIX }${ keyOf(h) }`));

    for (const ds of c.store.list('apps.daemonset')) {
      const rel = ds.metadata.labels?.[RELEASE_LABEL];

      if (rel?.startsWith(RELEASE_PREFIX) && !live.has(rel)) {
        deleteRelease(c.store, rel);
      }
    }
  }
}

function reconcileChart(ctx: RuleContext, c: SimCluster, chart: KubeObject) {
  const ns = chart.metadata.namespace as string;
  const jobName = `helm-install-${ chart.metadata.name }`;
  const jobKey = `${ ns }/${ jobName }`;
  const hash = shortHash(stableStringify(chart.spec || {}), 12);
  let job = c.store.get('batch.job', jobKey);

  if (job && job.metadata.annotations?.[HASH_ANN] !== hash) {
    deleteJob(c, job);
    job = undefined;
  }
  if (!job) {
    const bootstrap = chart.spec?.bootstrap === true;
    const podSpec = {
      ...(bootstrap ? { hostNetwork: true, nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' } } : {}),
      tolerations: bootstrap ? BOOTSTRAP_TOLERATIONS : [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
      containers:  [{ name: 'helm', image: 'rancher/klipper-helm:v0.8.4-build20240523', args: ['install'], env: [{ name: 'NAME', value: chart.metadata.name }, { name: 'VERSION', value: `${ chart.spec?.version || '' }` }, { name: 'REPO', value: `${ chart.spec?.repo || '' }` }] }],
      restartPolicy: 'OnFailure',
    };

    job = c.store.create('batch.job', {
      apiVersion: 'batch/v1',
      kind:       'Job',
      metadata:   {
        name: jobName, namespace: ns, labels: { 'helmcharts.helm.cattle.io/chart': chart.metadata.name }, annotations: { [HASH_ANN]: hash }
      },
      spec:   { backoffLimit: 1000, template: { spec: podSpec } },
      status: { active: 1 },
    });
    c.store.create('pod', newPod(ctx, {
      name:      `${ jobName }-${ shortHash(`${ hash }/${ c.store.revision() }`, 5) }`,
      namespace: ns,
      labels:    { 'job-name': jobName, 'helmcharts.helm.cattle.io/chart': chart.metadata.name },
      ownerKind: 'Job',
      ownerName: jobName,
      spec:      podSpec,
      runMs:     ctx.timings.helmJobMs,
    }));
    c.store.mutate('helm.cattle.io.helmchart', keyOf(chart), (d) => {
      d.status = { ...(d.status || {}), jobName, conditions: setCondition([...(d.status?.conditions || [])], { type: 'JobCreated', status: 'True', reason: 'Job created' }, ctx.iso) };
    });
  }
  if (job.status?.succeeded || (job.status?.conditions || []).some((x: any) => x.type === 'Failed' && x.status === 'True')) {
    return;
  }
  const pod = c.store.list('pod').find((p) => p.metadata.namespace === ns && p.metadata.labels?.['job-name'] === jobName);

  if (pod?.status?.phase !== 'Succeeded') {
    return;
  }
  let failure: string | undefined;

  try {
    const values = chart.spec?.valuesContent ? yaml.load(chart.spec.valuesContent) as Record<string, any> : {};

    applyRelease(c.store, `${ RELEASE_PREFIX }${ keyOf(chart) }`, renderChart({ repoUrl: chart.spec?.repo, name: chart.spec?.chart, version: chart.spec?.version }, { ...(values || {}), ...(chart.spec?.set || {}) }, { name: chart.metadata.name, namespace: chart.spec?.targetNamespace || ns }));
  } catch (e) {
    failure = (e as Error).message.split('\n')[0];
  }
  c.store.mutate('batch.job', jobKey, (d) => {
    d.status = failure ? { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: failure }] } : { succeeded: 1, completionTime: ctx.iso, conditions: [{ type: 'Complete', status: 'True' }] };
  });
  if (failure) {
    recordEvent(c.store, ctx.iso, chart, 'Warning', 'HelmInstallFailed', failure, 'helm-controller');
  }
}

function deleteJob(c: SimCluster, job: KubeObject) {
  for (const p of c.store.list('pod')) {
    if (p.metadata.namespace === job.metadata.namespace && p.metadata.labels?.['job-name'] === job.metadata.name) {
      c.store.delete('pod', keyOf(p));
    }
  }
  c.store.delete('batch.job', keyOf(job));
}
