// Rancher's app catalog in a downstream cluster:
//  - `POST …/catalog.cattle.io.clusterrepos/<repo>?action=install|upgrade` answers {operationName,
//    operationNamespace} and creates a catalog.cattle.io.operation plus its helm-operation pod in cattle-system;
//  - the operation pod is an ordinary pod (it needs a schedulable node: a fully cordoned cluster blocks it;
//    automaticCPTolerations lets it tolerate control-plane/etcd taints);
//  - when the pod succeeds, the chart is rendered (release objects applied) and a catalog.cattle.io.app records it;
//    an unknown chart fails the operation. `…/catalog.cattle.io.apps/<ns>/<name>?action=uninstall` removes it.

import { ApiError } from '../../engine/api-error';
import { KubeObject, keyOf, setCondition, shortHash } from '../../engine/kube-object';
import type { Reply, RequestContext } from '../../engine/http-router';
import type { ActionHandler } from '../../engine/steve/handler';
import type { SimCluster, World } from '../../world/world';
import { knownChart, renderChart } from '../chart-catalog';
import type { RuleContext } from '../rule-context';
import { newPod } from './pods';
import { applyRelease, deleteRelease } from './releases';

const OP_ANN = 'simulator.cattle.io/install';
const OP_NS = 'cattle-system';

interface InstallRequest {
  action: 'install' | 'upgrade' | 'uninstall';
  repo: string;
  repoUrl?: string;
  namespace: string;
  chartName: string;
  version?: string;
  releaseName: string;
  values?: Record<string, any>;
  automaticCPTolerations?: boolean;
}

const CP_TOLERATIONS = [
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/controlplane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/etcd', operator: 'Exists', effect: 'NoExecute' },
];

function startOperation(ctx: RequestContext, c: SimCluster, req: InstallRequest): Reply {
  const suffix = shortHash(`${ req.releaseName }/${ c.store.revision() }/${ c.store.count('catalog.cattle.io.operation') }`, 5);
  const name = `helm-operation-${ suffix }`;
  const cmd = req.action === 'uninstall' ? ['helm', 'uninstall', req.releaseName, `--namespace=${ req.namespace }`] : ['helm', req.action, `--namespace=${ req.namespace }`, '--values=/home/shell/helm/values-0.yaml', req.releaseName, `/home/shell/helm/${ req.chartName }-${ req.version || '' }.tgz`];

  c.store.create('catalog.cattle.io.operation', {
    apiVersion: 'catalog.cattle.io/v1',
    kind:       'Operation',
    metadata:   { name, namespace: OP_NS, annotations: { [OP_ANN]: JSON.stringify(req) } },
    status:     {
      action: req.action, chart: req.chartName, version: req.version, releaseName: req.releaseName, namespace: req.namespace, projectId: '', token: '', command: cmd, podName: name, podNamespace: OP_NS, podCreated: false, observedGeneration: 1, conditions: []
    },
  });

  return { status: 201, body: { type: 'chartActionOutput', operationName: name, operationNamespace: OP_NS } };
}

export function downstreamActions(_world: World, c: SimCluster): Record<string, Record<string, ActionHandler>> {
  const install = (action: 'install' | 'upgrade'): ActionHandler => (ctx, repo) => {
    const body = ctx.json<any>();
    const chart = (body.charts || [])[0];

    if (!chart?.chartName) {
      throw new ApiError(422, 'InvalidBodyContent', 'charts[0].chartName is required');
    }
    const repoUrl = repo.spec?.url || repo.spec?.gitRepo;

    if (!knownChart({ repoUrl, name: chart.chartName })) {
      throw new ApiError(404, 'NotFound', `failed to find chart ${ chart.chartName } in repo ${ repo.metadata.name } (${ repoUrl || 'no url' })`);
    }
    const namespace = body.namespace || 'default';
    const releaseName = chart.releaseName || chart.chartName;

    if (action === 'install' && c.store.get('catalog.cattle.io.app', `${ namespace }/${ releaseName }`)) {
      throw new ApiError(422, 'InvalidBodyContent', `cannot re-use a name that is still in use: ${ releaseName }`);
    }

    return startOperation(ctx, c, {
      action, repo: repo.metadata.name, repoUrl, namespace, chartName: chart.chartName, version: chart.version, releaseName, values: chart.values || {}, automaticCPTolerations: body.automaticCPTolerations
    });
  };
  const uninstall: ActionHandler = (ctx, app) => startOperation(ctx, c, {
    action: 'uninstall', repo: '', namespace: app.metadata.namespace as string, chartName: app.spec?.chart?.metadata?.name, releaseName: app.metadata.name, automaticCPTolerations: true
  });

  return {
    'catalog.cattle.io.clusterrepo': { install: install('install'), upgrade: install('upgrade') },
    'catalog.cattle.io.app':         { uninstall },
  };
}

export function catalogOperationsRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    for (const op of c.store.list('catalog.cattle.io.operation')) {
      reconcileOperation(ctx, c, op);
    }
  }
}

function reconcileOperation(ctx: RuleContext, c: SimCluster, op: KubeObject) {
  const key = keyOf(op);
  const req = JSON.parse(op.metadata.annotations?.[OP_ANN] || '{}') as InstallRequest;
  const done = (op.status?.conditions || []).some((x: any) => x.type === 'Completed');

  if (done) {
    return;
  }
  const podKey = `${ OP_NS }/${ op.metadata.name }`;
  let pod = c.store.get('pod', podKey);

  if (!pod) {
    pod = c.store.create('pod', newPod(ctx, {
      name:      op.metadata.name,
      namespace: OP_NS,
      labels:    { 'pod-impersonation.cattle.io/token': shortHash(op.metadata.name, 8) },
      ownerKind: 'Operation',
      ownerName: op.metadata.name,
      runMs:     ctx.timings.operationMs,
      spec:      {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations:  [{ key: 'cattle.io/os', operator: 'Equal', value: 'linux', effect: 'NoSchedule' }, ...(req.automaticCPTolerations ? CP_TOLERATIONS : [])],
        containers:   [{ name: 'helm', image: 'rancher/shell:v0.4.1', command: ['helm-cmd'], args: op.status?.command || [] }],
      },
    }));
    c.store.mutate('catalog.cattle.io.operation', key, (d) => {
      d.status.podCreated = true;
    });
  }
  if (pod.status?.phase !== 'Succeeded') {
    return;
  }
  let failure: string | undefined;

  try {
    if (req.action === 'uninstall') {
      deleteRelease(c.store, `${ req.namespace }/${ req.releaseName }`);
      c.store.deleteIfExists('catalog.cattle.io.app', `${ req.namespace }/${ req.releaseName }`);
    } else {
      const objects = renderChart({ repoUrl: req.repoUrl, name: req.chartName, version: req.version }, req.values, { name: req.releaseName, namespace: req.namespace });

      applyRelease(c.store, `${ req.namespace }/${ req.releaseName }`, objects);
      const prev = c.store.get('catalog.cattle.io.app', `${ req.namespace }/${ req.releaseName }`);

      c.store.apply('catalog.cattle.io.app', {
        apiVersion: 'catalog.cattle.io/v1',
        kind:       'App',
        metadata:   { name: req.releaseName, namespace: req.namespace, labels: { 'catalog.cattle.io/cluster-repo-name': req.repo } },
        spec:       {
          name:      req.releaseName,
          namespace: req.namespace,
          version:   (prev?.spec?.version || 0) + 1,
          chart:     { metadata: { name: req.chartName, version: req.version || '0.0.8', annotations: { 'catalog.cattle.io/release-name': req.releaseName } }, values: {} },
          values:    req.values || {},
          info:      { status: 'deployed', description: `${ req.action === 'install' ? 'Install' : 'Upgrade' } complete`, firstDeployed: ctx.iso, lastDeployed: ctx.iso },
        },
        status: { observedGeneration: 1, summary: { state: 'deployed', error: false, transitioning: false } },
      }, false);
    }
  } catch (e) {
    failure = (e as Error).message;
  }
  c.store.mutate('catalog.cattle.io.operation', key, (d) => {
    d.status.conditions = setCondition([...(d.status.conditions || [])], failure ? {
      type: 'Completed', status: 'False', reason: 'Error', message: failure
    } : { type: 'Completed', status: 'True' }, ctx.iso);
  });
}
