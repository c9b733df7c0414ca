import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client, startSimulator } from '../../test-support/harness';

describe('Norman /v3', () => {
  let env: Awaited<ReturnType<typeof startSimulator>>;
  const RKE1 = '/v3/clusters/c-rke1a';

  beforeAll(async() => {
    env = await startSimulator({ scenario: 'rke1-rancher-2.11' });
  });
  afterAll(() => env.close());
  beforeEach(() => env.admin.req('POST', '/_sim/reset'));

  it('merges nested objects on PUT: omitting an extraArgs key keeps it', async() => {
    const { body: c } = await env.admin.get(RKE1);
    const rke = c.rancherKubernetesEngineConfig;

    await env.admin.req('PUT', RKE1, { ...c, rancherKubernetesEngineConfig: { ...rke, services: { ...rke.services, kubeController: { extraArgs: { ...rke.services.kubeController.extraArgs, 'enable-leader-migration': 'true' } } } } });
    const withLm = (await env.admin.get(RKE1)).body;

    expect(withLm.rancherKubernetesEngineConfig.services.kubeController.extraArgs['enable-leader-migration']).toBe('true');
    const { 'enable-leader-migration': _removed, ...rest } = withLm.rancherKubernetesEngineConfig.services.kubeController.extraArgs;
    const without = { ...withLm, rancherKubernetesEngineConfig: { ...withLm.rancherKubernetesEngineConfig, services: { ...withLm.rancherKubernetesEngineConfig.services, kubeController: { extraArgs: rest } } } };

    await env.admin.req('PUT', RKE1, without);
    expect((await env.admin.get(RKE1)).body.rancherKubernetesEngineConfig.services.kubeController.extraArgs['enable-leader-migration']).toBe('true');
    await env.admin.req('PUT', `${ RKE1 }?_replace=true`, without);
    expect((await env.admin.get(RKE1)).body.rancherKubernetesEngineConfig.services.kubeController.extraArgs['enable-leader-migration']).toBeUndefined();
  });

  it('defaults useInstanceMetadataHostname to true for external-aws', async() => {
    const { body: c } = await env.admin.get(RKE1);
    const r = await env.admin.req('PUT', RKE1, { ...c, rancherKubernetesEngineConfig: { cloudProvider: { name: 'external-aws' } } });

    expect(r.body.rancherKubernetesEngineConfig.cloudProvider).toEqual({ name: 'external-aws', useInstanceMetadataHostname: true });
  });

  it('cordons and uncordons through node actions, InvalidAction when already in that state', async() => {
    const nodes = (await env.admin.get('/v3/nodes?clusterId=c-rke1a')).body.data;
    const id = nodes[0].id;

    expect((await env.admin.req('POST', `/v3/nodes/${ id }?action=cordon`)).status).toBe(200);
    const again = await env.admin.req('POST', `/v3/nodes/${ id }?action=cordon`);

    expect(again.status).toBe(422);
    expect(again.body.code).toBe('InvalidAction');
    await env.admin.req('POST', '/_sim/reconcile');
    const node = (await env.admin.get(`/k8s/clusters/c-rke1a/v1/nodes/${ nodes[0].nodeName }`)).body;

    expect(node.spec.unschedulable).toBe(true);
    expect((await env.admin.req('POST', `/v3/nodes/${ id }?action=uncordon`)).status).toBe(200);
    expect((await env.admin.req('POST', `/v3/nodes/${ id }?action=uncordon`)).status).toBe(422);
  });

  it('forbids Norman writes for the read-only user', async() => {
    const ro = new Client(env.url);

    await ro.login('readonly', 'password');
    const c = await ro.get(RKE1);

    expect(c.body.links.update).toBeUndefined();
    expect((await ro.req('PUT', RKE1, c.body)).status).toBe(403);
  });

  it('refuses to load an RKE1 scenario on Rancher 2.12', async() => {
    const r = await env.admin.req('POST', '/_sim/scenario', { name: 'rke1-rancher-2.11', rancherVersion: 'v2.12.0' });

    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/RKE1/);
  });
});

describe('control API, faults and static serving', () => {
  let env: Awaited<ReturnType<typeof startSimulator>>;
  let dist: string;
  const CLUSTER = '/v1/provisioning.cattle.io.clusters/fleet-default/aws-rke2-intree';

  beforeAll(async() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<html>dashboard</html>');
    fs.writeFileSync(path.join(dist, 'app.js'), 'console.log(1)');
    env = await startSimulator({ staticDir: dist });
  });
  afterAll(() => env.close());
  beforeEach(async() => {
    await env.admin.req('POST', '/_sim/reset');
    await env.admin.req('DELETE', '/_sim/requests');
  });

  it('serves the dashboard build with an index.html fallback, API paths stay API', async() => {
    const anon = new Client(env.url);

    expect((await anon.get('/app.js')).body).toBe('console.log(1)');
    expect((await anon.get('/c/_/manager/provisioning.cattle.io.cluster')).body).toBe('<html>dashboard</html>');
    expect((await anon.get('/v1/schemas')).status).toBe(401);
  });

  it('injects one-shot and sticky faults per route', async() => {
    await env.admin.req('POST', '/_sim/faults', { path: '^/v1/provisioning\\.cattle\\.io\\.clusters', method: 'GET', status: 500, times: 1 });
    expect((await env.admin.get(CLUSTER)).status).toBe(500);
    expect((await env.admin.get(CLUSTER)).status).toBe(200);
    await env.admin.req('POST', '/_sim/faults', { path: 'aws-rke2-intree', method: 'PUT', status: 403 });
    const { body: c } = await env.admin.get(CLUSTER);

    expect((await env.admin.req('PUT', CLUSTER, c)).body).toMatchObject({ status: 403, code: 'Forbidden' });
    expect((await env.admin.req('PUT', CLUSTER, c)).status).toBe(403);
    await env.admin.req('DELETE', '/_sim/faults');
    expect((await env.admin.req('PUT', CLUSTER, c)).status).toBe(200);
  });

  it('answers 503 for a disconnected downstream cluster', async() => {
    await env.admin.req('POST', '/_sim/clusters/c-m-aws1/connection', { connected: false });
    const r = await env.admin.get('/k8s/clusters/c-m-aws1/v1/nodes');

    expect(r.status).toBe(503);
    expect(r.body.code).toBe('ClusterUnavailable');
    await env.admin.req('POST', '/_sim/clusters/c-m-aws1/connection', { connected: true });
    expect((await env.admin.get('/k8s/clusters/c-m-aws1/v1/nodes')).status).toBe(200);
  });

  it('lands a foreign edit between a read and the next write → 409', async() => {
    await env.admin.req('POST', '/_sim/foreign-edits', { type: 'provisioning.cattle.io.cluster', id: 'fleet-default/aws-rke2-intree', mergePatch: { metadata: { labels: { 'someone-else': 'was-here' } } } });
    const { body: c } = await env.admin.get(CLUSTER);
    const put = await env.admin.req('PUT', CLUSTER, c);

    expect(put.status).toBe(409);
    const fresh = (await env.admin.get(CLUSTER)).body;

    expect(fresh.metadata.labels['someone-else']).toBe('was-here');
    expect((await env.admin.req('PUT', CLUSTER, fresh)).status).toBe(200);
  });

  it('applies one change to every object of a type with the given labels (a burst, like kubectl taint --all)', async() => {
    const taint = { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' };
    const res = await env.admin.req('POST', '/_sim/objects/bulk', {
      cluster: 'c-m-aws1', type: 'node', labels: { 'node-role.kubernetes.io/control-plane': 'true' }, mergePatch: { spec: { taints: [taint] } }
    });
    const nodes = (await env.admin.get('/k8s/clusters/c-m-aws1/v1/nodes')).body.data;
    const tainted = nodes.filter((n: any) => (n.spec.taints || []).some((t: any) => t.key === taint.key)).map((n: any) => n.metadata.name);

    expect(res.body).toStrictEqual({ count: 3 });
    expect(tainted).toStrictEqual(nodes.filter((n: any) => n.metadata.labels['node-role.kubernetes.io/control-plane'] === 'true').map((n: any) => n.metadata.name));
    expect((await env.admin.req('POST', '/_sim/objects/bulk', { type: 'node' })).status).toBe(400);
  });

  it('logs requests for counting, and clears the log', async() => {
    await env.admin.get(CLUSTER);
    await env.admin.get(CLUSTER);
    const log = await env.admin.get(`/_sim/requests?path=${ encodeURIComponent('provisioning\\.cattle\\.io\\.clusters/') }&method=GET`);

    expect(log.body.count).toBe(2);
    expect(log.body.data[0]).toMatchObject({ method: 'GET', path: CLUSTER, status: 200 });
  });

  it('installs a chart through the ClusterRepo action: operation, App and DaemonSet', async() => {
    const repo = { metadata: { name: 'aws-ccm' }, spec: { url: 'https://kubernetes.github.io/cloud-provider-aws' } };

    expect((await env.admin.req('POST', '/k8s/clusters/c-m-aws1/v1/catalog.cattle.io.clusterrepos', repo)).status).toBe(201);
    const r = await env.admin.req('POST', '/k8s/clusters/c-m-aws1/v1/catalog.cattle.io.clusterrepos/aws-ccm?action=install', {
      namespace: 'kube-system', automaticCPTolerations: true, charts: [{ chartName: 'aws-cloud-controller-manager', version: '0.0.8', releaseName: 'aws-cloud-controller-manager', values: { args: ['--cloud-provider=aws'], tolerations: [{ operator: 'Exists' }], nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' } } }],
    });

    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ operationNamespace: 'cattle-system' });
    const op = await env.admin.get(`/k8s/clusters/c-m-aws1/v1/catalog.cattle.io.operations/cattle-system/${ r.body.operationName }`);

    expect(op.status).toBe(200);
    await env.admin.req('POST', '/_sim/clock', { advanceMs: 120_000 });
    expect((await env.admin.get('/k8s/clusters/c-m-aws1/v1/catalog.cattle.io.apps/kube-system/aws-cloud-controller-manager')).body.status.summary.state).toBe('deployed');
    const ds = (await env.admin.get('/k8s/clusters/c-m-aws1/v1/apps.daemonsets/kube-system/aws-cloud-controller-manager')).body;

    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 3, updatedNumberScheduled: 3 });
  });
});

describe('websockets', () => {
  let env: Awaited<ReturnType<typeof startSimulator>>;

  beforeAll(async() => {
    env = await startSimulator({ pingMs: 20 });
  });
  afterAll(() => env.close());

  it('refuses the upgrade without a session', async() => {
    await expect(new Client(env.url).socket('/v1/subscribe')).rejects.toThrow(/401/);
  });

  it('starts watches, pushes change events with full Steve objects, pings and stops', async() => {
    const s = await env.admin.socket('/v1/subscribe?sockId=1');

    s.ws.send(JSON.stringify({ resourceType: 'provisioning.cattle.io.cluster', resourceVersion: '1' }));
    await s.next((m) => m.name === 'resource.start');
    await env.admin.req('PATCH', '/v1/provisioning.cattle.io.clusters/fleet-default/aws-rke2-intree', { metadata: { labels: { pushed: 'yes' } } }, { 'content-type': 'application/merge-patch+json' });
    const change = await s.next((m) => m.name === 'resource.change' && m.data?.metadata?.labels?.pushed === 'yes');

    expect(change).toMatchObject({ resourceType: 'provisioning.cattle.io.cluster', data: { id: 'fleet-default/aws-rke2-intree', type: 'provisioning.cattle.io.cluster' } });
    expect(change.data.links.self).toMatch(/\/v1\/provisioning\.cattle\.io\.clusters\/fleet-default\/aws-rke2-intree$/);
    await s.next((m) => m.name === 'ping');
    s.ws.send(JSON.stringify({ resourceType: 'provisioning.cattle.io.cluster', stop: true }));
    await s.next((m) => m.name === 'resource.stop');
    s.ws.close();
  });

  it('stops only the watch with the same id, namespace and selector, as Steve keys them', async() => {
    const s = await env.admin.socket('/v1/subscribe?sockId=2');
    const url = '/v1/provisioning.cattle.io.clusters/fleet-default/aws-rke2-intree';

    s.ws.send(JSON.stringify({ resourceType: 'provisioning.cattle.io.cluster' }));
    s.ws.send(JSON.stringify({ resourceType: 'provisioning.cattle.io.cluster', id: 'fleet-default/aws-rke2-intree' }));
    await s.next((m) => m.name === 'resource.start' && m.id === 'fleet-default/aws-rke2-intree');
    // the shell drops its list watch with a type-wide stop; the single-object watch must survive it
    s.ws.send(JSON.stringify({ resourceType: 'provisioning.cattle.io.cluster', stop: true }));
    await s.next((m) => m.name === 'resource.stop');
    const before = s.messages.length;

    await env.admin.req('PATCH', url, { metadata: { labels: { after: 'stop' } } }, { 'content-type': 'application/merge-patch+json' });
    await s.next((m) => m.name === 'resource.change' && m.data?.metadata?.labels?.after === 'stop');
    expect(s.messages.slice(before).filter((m) => m.name === 'resource.change' && m.data?.metadata?.labels?.after === 'stop')).toHaveLength(1);
    s.ws.close();
  });

  it('pushes create/remove on the downstream socket, filtered by id watch', async() => {
    const s = await env.admin.socket('/k8s/clusters/c-m-aws1/v1/subscribe');

    s.ws.send(JSON.stringify({ resourceType: 'configmap', namespace: 'default' }));
    s.ws.send(JSON.stringify({ resourceType: 'node', id: 'ip-10-0-1-21.ec2.internal' }));
    await s.next((m) => m.name === 'resource.start' && m.resourceType === 'node');
    await env.admin.req('POST', '/k8s/clusters/c-m-aws1/v1/configmaps', { metadata: { name: 'ws', namespace: 'default' } });
    await s.next((m) => m.name === 'resource.create' && m.data.id === 'default/ws');
    await env.admin.req('DELETE', '/k8s/clusters/c-m-aws1/v1/configmaps/default/ws');
    await s.next((m) => m.name === 'resource.remove' && m.data.id === 'default/ws');
    await env.admin.req('PATCH', '/k8s/clusters/c-m-aws1/v1/nodes/ip-10-0-1-11.ec2.internal', { spec: { unschedulable: true } }, { 'content-type': 'application/merge-patch+json' });
    await env.admin.req('PATCH', '/k8s/clusters/c-m-aws1/v1/nodes/ip-10-0-1-21.ec2.internal', { spec: { unschedulable: true } }, { 'content-type': 'application/merge-patch+json' });
    const nodeEvent = await s.next((m) => m.name === 'resource.change' && m.resourceType === 'node');

    expect(nodeEvent.data.id).toBe('ip-10-0-1-21.ec2.internal');
    expect(s.messages.filter((m) => m.resourceType === 'node' && m.name === 'resource.change').every((m) => m.data.id === 'ip-10-0-1-21.ec2.internal')).toBe(true);
    s.ws.close();
  });

  it('drops sockets on a websocket fault and refuses new upgrades while it is active', async() => {
    const s = await env.admin.socket('/v1/subscribe');
    const closed = new Promise((resolve) => s.ws.once('close', resolve));

    await env.admin.req('POST', '/_sim/faults', { path: '^/v1/subscribe', dropWebsocket: true, times: 2 });
    await closed;
    await expect(env.admin.socket('/v1/subscribe')).rejects.toThrow(/503/);
    await env.admin.req('DELETE', '/_sim/faults');
  });
});
