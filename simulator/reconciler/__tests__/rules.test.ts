import yaml from 'js-yaml';
import { getCondition } from '../../engine/kube-object';
import type { KubeObject } from '../../engine/kube-object';
import { hasTaint, nodes, worldOf } from '../../test-support/harness';
import { UNINITIALIZED_TAINT } from '../scheduling';
import { ANN } from '../rules/node-agent';
import { MIGRATION_LEASE, HOLDER_COMPONENT_ANN } from '../rules/leader-migration';

const PROV = 'fleet-default/aws-rke2-intree';
const MIN = 60_000;
const CP_SELECTOR = { matchExpressions: [{ key: 'rke.cattle.io/control-plane-role', operator: 'In', values: ['true'] }] };

function ccmHelmChart(values: Record<string, any>): string {
  return yaml.dump({
    apiVersion: 'helm.cattle.io/v1',
    kind:       'HelmChart',
    metadata:   { name: 'aws-cloud-controller-manager', namespace: 'kube-system' },
    spec:       {
      chart: 'aws-cloud-controller-manager', repo: 'https://kubernetes.github.io/cloud-provider-aws', targetNamespace: 'kube-system', bootstrap: true, valuesContent: yaml.dump(values)
    },
  });
}

const GOOD_CCM = {
  hostNetworking: true, nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' }, tolerations: [{ operator: 'Exists' }], args: ['--configure-cloud-routes=false', '--cloud-provider=aws', '--enable-leader-migration=true']
};

/** Switch every node to the external provider the way end state (A) does. */
function goExternal(o: KubeObject) {
  o.spec.rkeConfig.machineSelectorConfig[0].config['cloud-provider-name'] = 'external';
  o.spec.rkeConfig.machineSelectorConfig.push({ config: { 'disable-cloud-controller': true }, machineLabelSelector: CP_SELECTOR });
}

const ds = (c: any) => c.store.get('apps.daemonset', 'kube-system/aws-cloud-controller-manager');

describe('RKE2 rollout (planner)', () => {
  it('bumps generation, rolls control plane then workers one at a time, then reports Ready/Reconciled with appliedSpec', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');
    const gen = t.world.management.get('provisioning.cattle.io.cluster', PROV)!.metadata.generation!;

    t.editProv(PROV, (o) => {
      o.spec.rkeConfig.machineSelectorConfig.push({ config: { 'kube-controller-manager-arg': ['enable-leader-migration'] }, machineLabelSelector: CP_SELECTOR });
    });
    expect(t.world.management.get('provisioning.cattle.io.cluster', PROV)!.metadata.generation).toBe(gen + 1);
    t.reconciler.runOnce();
    const cp = () => t.world.management.get('rke.cattle.io.rkecontrolplane', PROV)!;

    expect(cp().status.observedGeneration).toBe(cp().metadata.generation);
    expect(getCondition(cp(), 'Ready')).toMatchObject({ status: 'Unknown', reason: 'Waiting' });
    expect(getCondition(cp(), 'Reconciled')?.status).toBe('Unknown');
    expect(getCondition(t.world.management.get('provisioning.cattle.io.cluster', PROV), 'Updated')?.status).toBe('Unknown');
    expect(getCondition(t.world.management.get('management.cattle.io.cluster', 'c-m-aws1'), 'Updated')?.status).toBe('Unknown');
    expect(c.machines.filter((m) => m.upgrading).map((m) => m.pool)).toEqual(['cp']);
    t.reconciler.advance(31_000);
    expect(c.machines.filter((m) => m.upgrading).map((m) => m.pool)).toEqual(['cp']);
    expect(c.machines.filter((m) => m.roles.controlPlane && !m.upgrading && m.applied?.config['kube-controller-manager-arg'])).toHaveLength(1);
    t.reconciler.advance(10 * MIN);
    expect(getCondition(cp(), 'Ready')?.status).toBe('True');
    expect(getCondition(cp(), 'Reconciled')?.status).toBe('True');
    expect(cp().status.appliedSpec).toEqual(cp().spec);
    // the KCM arg only reached control-plane nodes (effective config per role), workers were not restarted
    const kcm = c.store.get('pod', 'kube-system/kube-controller-manager-ip-10-0-1-11.ec2.internal')!;

    expect(kcm.spec.containers[0].args).toEqual(['--cloud-provider=aws', '--enable-leader-migration']);
    const log = t.world.management.get('configmap', 'c-m-aws1/provisioning-log')!.data.log;

    expect(log).toMatch(/\[INFO \] configuring control plane node\(s\)/);
    expect(log).toMatch(/provisioning done/);
    expect(log).not.toMatch(/configuring worker node/);
    t.dispose();
  });

  it('RKE2 never uncordons a node it did not cordon; RKE1 uncordons every node it upgrades', () => {
    const rke2 = worldOf('rke2-dashboard-intree');
    const c2 = rke2.cluster('c-m-aws1');

    c2.store.mutate('node', 'ip-10-0-1-11.ec2.internal', (n) => {
      n.spec.unschedulable = true;
    });
    rke2.editProv(PROV, goExternal);
    rke2.reconciler.advance(20 * MIN);
    expect(c2.store.get('node', 'ip-10-0-1-11.ec2.internal')!.spec.unschedulable).toBe(true);
    rke2.dispose();

    const rke1 = worldOf('rke1-rancher-2.11');
    const c1 = rke1.cluster('c-rke1a');
    const cpNode = nodes(c1).find((n) => n.metadata.labels?.['node-role.kubernetes.io/controlplane'])!.metadata.name;

    c1.store.mutate('node', cpNode, (n) => {
      n.spec.unschedulable = true;
    });
    rke1.world.management.mutate('management.cattle.io.cluster', 'c-rke1a', (m) => {
      m.spec.rancherKubernetesEngineConfig.services.kubeController.extraArgs['enable-leader-migration'] = 'true';
    });
    rke1.reconciler.runOnce();
    expect(getCondition(rke1.world.management.get('management.cattle.io.cluster', 'c-rke1a'), 'Updated')?.status).toBe('Unknown');
    rke1.reconciler.advance(20 * MIN);
    expect(c1.store.get('node', cpNode)!.spec.unschedulable).toBeUndefined();
    expect(getCondition(rke1.world.management.get('management.cattle.io.cluster', 'c-rke1a'), 'Updated')?.status).toBe('True');
    expect(rke1.world.management.get('management.cattle.io.cluster', 'c-rke1a')!.status.appliedSpec.rancherKubernetesEngineConfig.services.kubeController.extraArgs['enable-leader-migration']).toBe('true');
    rke1.dispose();
  });
});

describe('cloud provider rules', () => {
  it('external provider with no CCM: nodes stay uninitialized', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');

    t.editProv(PROV, goExternal);
    t.reconciler.advance(60 * MIN);
    expect(nodes(c)).toHaveLength(6);
    expect(nodes(c).every((n) => hasTaint(n, UNINITIALIZED_TAINT))).toBe(true);
    // providerIDs set by the in-tree kubelet earlier are kept
    expect(nodes(c).every((n) => n.spec.providerID?.startsWith('aws:///'))).toBe(true);
    t.dispose();
  });

  it('with a running AWS CCM, nodes named like their private DNS are initialised', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');

    t.editProv(PROV, (o) => {
      o.spec.rkeConfig.additionalManifest = ccmHelmChart(GOOD_CCM);
    });
    t.reconciler.advance(15 * MIN);
    expect(ds(c).status).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 3 });
    t.editProv(PROV, goExternal);
    t.reconciler.advance(30 * MIN);
    expect(nodes(c).some((n) => hasTaint(n, UNINITIALIZED_TAINT))).toBe(false);
    expect(nodes(c).map((n) => n.metadata.name).sort()).toEqual(['ip-10-0-1-11.ec2.internal', 'ip-10-0-1-12.ec2.internal', 'ip-10-0-1-13.ec2.internal', 'ip-10-0-1-21.ec2.internal', 'ip-10-0-1-22.ec2.internal', 'ip-10-0-1-23.ec2.internal']);
    t.dispose();
  });

  it('a node name that is not the private DNS name is never initialised; a renamed node registers as a new Node', () => {
    const t = worldOf('rke2-name-mismatch');
    const c = t.cluster('c-m-corp1');
    const before = nodes(c).map((n) => n.metadata.name).sort();

    expect(before[0]).toMatch(/corp\.example\.com$/);
    t.editProv('fleet-default/aws-rke2-corpdns', (o) => {
      o.spec.rkeConfig.additionalManifest = ccmHelmChart(GOOD_CCM);
    });
    t.reconciler.advance(15 * MIN);
    t.editProv('fleet-default/aws-rke2-corpdns', goExternal);
    t.reconciler.advance(60 * MIN);
    const after = nodes(c);
    const fresh = after.filter((n) => !before.includes(n.metadata.name));

    // external without node-name-from-metadata: the kubelet registers under its OS hostname → new Node objects
    expect(fresh).toHaveLength(5);
    expect(fresh.every((n) => hasTaint(n, UNINITIALIZED_TAINT))).toBe(true);
    expect(fresh.every((n) => !n.spec.providerID)).toBe(true);
    const old = after.filter((n) => before.includes(n.metadata.name));

    expect(old.every((n) => getCondition(n, 'Ready')?.status === 'Unknown')).toBe(true);
    expect(c.store.list('event').some((e) => e.reason === 'FailedToInitializeNode')).toBe(true);
    t.dispose();
  });

  it('a CCM whose args lost --cloud-provider=aws (Helm replaces lists) crash-loops', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');

    t.editProv(PROV, (o) => {
      o.spec.rkeConfig.additionalManifest = ccmHelmChart({ ...GOOD_CCM, args: ['--v=5'] });
    });
    t.reconciler.advance(15 * MIN);
    expect(ds(c).status).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 0 });
    const pod = c.store.list('pod').find((p) => p.metadata.name.startsWith('aws-cloud-controller-manager-'))!;

    expect(pod.status.containerStatuses[0].state.waiting.reason).toBe('CrashLoopBackOff');
    t.dispose();
  });

  it('an additionalManifest that does not parse creates nothing and records a warning', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');

    t.editProv(PROV, (o) => {
      // rancher/dashboard#18373: a duplicated `additionalManifest: |-` prefix turns the manifest into one string
      o.spec.rkeConfig.additionalManifest = `additionalManifest: |-\n${ ccmHelmChart(GOOD_CCM).replace(/^/gm, '  ') }`;
    });
    t.reconciler.advance(15 * MIN);
    expect(c.store.list('helm.cattle.io.helmchart')).toHaveLength(0);
    expect(c.store.list('event').some((e) => e.reason === 'ParseManifestFailed' || e.reason === 'ApplyManifestFailed')).toBe(true);
    t.dispose();
  });
});

describe('helm-controller and DaemonSet scheduling', () => {
  it('keeps the bootstrap Job pending while every control-plane node is cordoned', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');

    for (const n of nodes(c).filter((x) => x.metadata.labels?.['node-role.kubernetes.io/control-plane'])) {
      c.store.mutate('node', n.metadata.name, (d) => {
        d.spec.unschedulable = true;
      });
    }
    t.editProv(PROV, (o) => {
      o.spec.rkeConfig.additionalManifest = ccmHelmChart(GOOD_CCM);
    });
    t.reconciler.advance(30 * MIN);
    const jobPod = c.store.list('pod').find((p) => p.metadata.labels?.['job-name'] === 'helm-install-aws-cloud-controller-manager')!;

    expect(jobPod.status.phase).toBe('Pending');
    expect(getCondition(jobPod, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(getCondition(jobPod, 'PodScheduled')?.message).toMatch(/3 node\(s\) were unschedulable/);
    expect(ds(c)).toBeUndefined();
    c.store.mutate('node', 'ip-10-0-1-11.ec2.internal', (d) => {
      delete d.spec.unschedulable;
    });
    t.reconciler.advance(5 * MIN);
    // DaemonSet pods do go onto the two nodes that are still cordoned
    expect(ds(c).status).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 3 });
    t.dispose();
  });

  it('a toleration with value "true" does not match RKE2\'s valueless control-plane taint', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');

    t.editProv(PROV, (o) => {
      o.spec.rkeConfig.additionalManifest = ccmHelmChart({
        ...GOOD_CCM,
        tolerations: [
          { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
          { key: 'node-role.kubernetes.io/control-plane', value: 'true', effect: 'NoSchedule' },
          { key: 'node-role.kubernetes.io/etcd', operator: 'Exists', effect: 'NoExecute' },
        ],
      });
    });
    t.reconciler.advance(15 * MIN);
    expect(ds(c).status.desiredNumberScheduled).toBe(0);
    t.dispose();
  });

  it('RKE1: a user nodeSelector merged with the chart default selects no node; null on the default key fixes it', () => {
    const t = worldOf('rke1-rancher-2.11');
    const c = t.cluster('c-rke1a');
    const install = (nodeSelector: Record<string, string | null>, repo: string) => {
      c.store.create('catalog.cattle.io.clusterrepo', {
        apiVersion: 'catalog.cattle.io/v1', kind: 'ClusterRepo', metadata: { name: repo }, spec: { url: 'https://kubernetes.github.io/cloud-provider-aws' }
      });
      const action = t.sim.scope('c-rke1a')!.actions!['catalog.cattle.io.clusterrepo'].install;
      const body = {
        namespace: 'kube-system', automaticCPTolerations: true, charts: [{ chartName: 'aws-cloud-controller-manager', releaseName: 'aws-cloud-controller-manager', values: { nodeSelector, tolerations: [{ operator: 'Exists' }], args: ['--cloud-provider=aws'] } }]
      };
      const ctx: any = { json: () => body, query: new URLSearchParams() };

      return action(ctx, c.store.get('catalog.cattle.io.clusterrepo', repo)!, t.sim.scope('c-rke1a')!);
    };

    install({ 'node-role.kubernetes.io/controlplane': 'true' }, 'aws');
    t.reconciler.advance(10 * MIN);
    expect(ds(c).status.desiredNumberScheduled).toBe(0);
    expect(c.store.list('catalog.cattle.io.app')).toHaveLength(1);
    c.store.delete('catalog.cattle.io.app', 'kube-system/aws-cloud-controller-manager');
    install({ 'node-role.kubernetes.io/control-plane': null, 'node-role.kubernetes.io/controlplane': 'true' }, 'aws2');
    t.reconciler.advance(10 * MIN);
    expect(ds(c).status).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 3 });
    t.dispose();
  });
});

describe('leader migration', () => {
  it('the lease is held by the KCM, then by the CCM once the KCMs are external; never both running the controllers', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');
    const lease = () => c.store.get('coordination.k8s.io.lease', `kube-system/${ MIGRATION_LEASE }`);
    const debug = () => c.store.get('configmap', 'kube-system/simulator-cloud-controllers')!.data;

    expect(lease()).toBeUndefined();
    t.editProv(PROV, (o) => {
      o.spec.rkeConfig.machineSelectorConfig.push({ config: { 'kube-controller-manager-arg': ['enable-leader-migration'] }, machineLabelSelector: CP_SELECTOR });
    });
    t.reconciler.advance(10 * MIN);
    expect(lease()!.metadata.annotations![HOLDER_COMPONENT_ANN]).toBe('kube-controller-manager');
    t.editProv(PROV, (o) => {
      o.spec.rkeConfig.additionalManifest = ccmHelmChart(GOOD_CCM);
    });
    t.reconciler.advance(15 * MIN);
    expect(lease()!.metadata.annotations![HOLDER_COMPONENT_ANN]).toBe('kube-controller-manager');
    expect(debug().runningInBoth).toBe('false');
    t.editProv(PROV, goExternal);
    t.reconciler.advance(30 * MIN);
    expect(lease()!.metadata.annotations![HOLDER_COMPONENT_ANN]).toBe('cloud-controller-manager');
    expect(debug()).toMatchObject({ kubeControllerManager: '', cloudControllerManager: 'route,service,cloud-node-lifecycle', runningInBoth: 'false' });
    const node = c.store.get('node', 'ip-10-0-1-11.ec2.internal')!;

    expect(JSON.parse(node.metadata.annotations![ANN.kubeletArgs])).toContain('--cloud-provider=external');
    t.dispose();
  });

  it('a CCM without leader migration next to an in-tree KCM runs the migrated controllers twice', () => {
    const t = worldOf('rke2-dashboard-intree');
    const c = t.cluster('c-m-aws1');

    t.editProv(PROV, (o) => {
      o.spec.rkeConfig.additionalManifest = ccmHelmChart({ ...GOOD_CCM, args: ['--cloud-provider=aws'] });
    });
    t.reconciler.advance(15 * MIN);
    expect(c.store.get('configmap', 'kube-system/simulator-cloud-controllers')!.data.runningInBoth).toBe('true');
    t.dispose();
  });
});

describe('scenarios', () => {
  it('the 2,000-node scenario builds from pool counts and converges', () => {
    const t = worldOf('rke2-2000-nodes');

    expect(nodes(t.cluster('c-m-large'))).toHaveLength(2000);
    expect(new Set(nodes(t.cluster('c-m-large')).map((n) => n.metadata.name)).size).toBe(2000);
    t.dispose();
  });

  it('non-AWS and K3s clusters get stub-CCM providerIDs; the external scenario runs the CCM', () => {
    const vs = worldOf('rke2-non-aws');

    expect(nodes(vs.cluster('c-m-vsph1')).every((n) => n.spec.providerID.startsWith('rke2://'))).toBe(true);
    vs.dispose();
    const k3s = worldOf('k3s');

    expect(nodes(k3s.cluster('c-m-k3s01')).every((n) => n.spec.providerID.startsWith('k3s://'))).toBe(true);
    k3s.dispose();
    const ext = worldOf('rke2-external');
    const c = ext.cluster('c-m-ext1');

    expect(ds(c).status).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 3 });
    expect(nodes(c).every((n) => !hasTaint(n, UNINITIALIZED_TAINT) && n.spec.providerID.startsWith('aws:///'))).toBe(true);
    ext.dispose();
  });
});
