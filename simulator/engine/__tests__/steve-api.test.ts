import { Client, startSimulator } from '../../test-support/harness';

describe('Steve API over HTTP', () => {
  let env: Awaited<ReturnType<typeof startSimulator>>;
  const CLUSTER = '/v1/provisioning.cattle.io.clusters/fleet-default/aws-rke2-intree';

  beforeAll(async() => {
    env = await startSimulator();
  });
  afterAll(() => env.close());
  beforeEach(async() => {
    await env.admin.req('POST', '/_sim/reset');
  });

  it('answers 401 and X-Api-Cattle-Auth: false when logged out, true after login', async() => {
    const anon = new Client(env.url);
    const r = await anon.get('/v3/users?me=true');

    expect(r.status).toBe(401);
    expect(r.headers.get('x-api-cattle-auth')).toBe('false');
    const me = await env.admin.get('/v3/users?me=true');

    expect(me.status).toBe(200);
    expect(me.headers.get('x-api-cattle-auth')).toBe('true');
    expect(me.body.data[0]).toMatchObject({ username: 'admin', me: true });
  });

  it('rejects a wrong password and logs out', async() => {
    const c = new Client(env.url);

    expect((await c.login('admin', 'nope')).status).toBe(401);
    expect((await c.login('admin', 'password')).status).toBe(200);
    expect((await c.req('POST', '/v3/tokens?action=logout')).status).toBe(200);
    expect((await c.get('/v1/schemas')).status).toBe(401);
  });

  it('serves the public settings subset before login', async() => {
    const r = await new Client(env.url).get('/v1/management.cattle.io.settings');
    const ids = r.body.data.map((s: any) => s.id);

    expect(ids).toEqual(expect.arrayContaining(['first-login', 'ui-banners', 'server-version']));
    expect(ids).not.toContain('server-url');
    expect(JSON.parse(r.body.data.find((s: any) => s.id === 'ui-banners').value)).toEqual({});
  });

  it('lists schemas with methods and verbs, and resources with links', async() => {
    const schemas = await env.admin.get('/v1/schemas');
    const prov = schemas.body.data.find((s: any) => s.id === 'provisioning.cattle.io.cluster');

    expect(prov.resourceMethods).toEqual(expect.arrayContaining(['GET', 'PUT', 'PATCH', 'DELETE']));
    expect(prov.attributes.verbs).toContain('update');
    const c = await env.admin.get(CLUSTER);

    expect(c.body.links.update).toMatch(/provisioning\.cattle\.io\.clusters\/fleet-default\/aws-rke2-intree$/);
    expect(c.body.metadata.state.name).toBe('active');
  });

  it('advertises table columns (resource tabs read the event schema columns Subobject, Source, Count)', async() => {
    const ev = (await env.admin.get('/k8s/clusters/c-m-aws1/v1/schemas/event')).body;

    expect(ev.attributes.columns.map((c: any) => c.name)).toEqual(expect.arrayContaining(['Subobject', 'Source', 'Count']));
    expect((await env.admin.get('/v1/schemas/provisioning.cattle.io.cluster')).body.attributes.columns.map((c: any) => c.name)).toEqual(['Name', 'Age']);
  });

  it('builds links from x-api-host and x-forwarded-proto', async() => {
    const r = await env.admin.req('GET', CLUSTER, undefined, { 'x-api-host': 'localhost:8005', 'x-forwarded-proto': 'https' });

    expect(r.body.links.self).toBe(`https://localhost:8005${ CLUSTER }`);
  });

  it('accepts the schema id as URL segment (namespace list)', async() => {
    const r = await env.admin.get('/v1/management.cattle.io.project/c-m-aws1');

    expect(r.status).toBe(200);
    expect(r.body.data.length).toBe(2);
  });

  it('filters lists by labelSelector, fieldSelector and filter', async() => {
    const base = '/k8s/clusters/c-m-aws1/v1/nodes';
    const cp = await env.admin.get(`${ base }?labelSelector=${ encodeURIComponent('node-role.kubernetes.io/control-plane=true') }`);
    const notCp = await env.admin.get(`${ base }?labelSelector=${ encodeURIComponent('!node-role.kubernetes.io/control-plane') }`);
    const byName = await env.admin.get(`${ base }?fieldSelector=metadata.name=ip-10-0-1-21.ec2.internal`);
    const filtered = await env.admin.get(`${ base }?filter=metadata.name=ip-10-0-1-11.ec2.internal,metadata.name=ip-10-0-1-12.ec2.internal`);
    const pods = await env.admin.get('/k8s/clusters/c-m-aws1/v1/pods?labelSelector=component%20in%20(kube-apiserver,etcd)');

    expect(cp.body.count).toBe(3);
    expect(notCp.body.count).toBe(3);
    expect(byName.body.data.map((n: any) => n.id)).toEqual(['ip-10-0-1-21.ec2.internal']);
    expect(filtered.body.count).toBe(2);
    expect(pods.body.count).toBe(6);
  });

  it('requires metadata.resourceVersion on PUT and answers 409 (Steve error shape) when it is stale', async() => {
    const { body: c } = await env.admin.get(CLUSTER);
    const noRv = await env.admin.req('PUT', CLUSTER, { ...c, metadata: { ...c.metadata, resourceVersion: undefined } });

    expect(noRv.status).toBe(422);
    const ok = await env.admin.req('PUT', CLUSTER, { ...c, metadata: { ...c.metadata, labels: { a: 'b' } } });

    expect(ok.status).toBe(200);
    const stale = await env.admin.req('PUT', CLUSTER, c);

    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: 'error', status: 409, code: 'Conflict' });
    expect(stale.body.message).toMatch(/the object has been modified/);
  });

  it('bumps metadata.generation on spec changes only', async() => {
    const { body: c } = await env.admin.get(CLUSTER);
    const labelled = await env.admin.req('PUT', CLUSTER, { ...c, metadata: { ...c.metadata, labels: { x: 'y' } } });

    expect(labelled.body.metadata.generation).toBe(c.metadata.generation);
    const patched = await env.admin.req('PATCH', CLUSTER, { spec: { kubernetesVersion: 'v1.27.16+rke2r2' } }, { 'content-type': 'application/merge-patch+json' });

    expect(patched.body.metadata.generation).toBe(c.metadata.generation + 1);
  });

  it('applies merge patches and JSON patches; strategic merge is refused for CRDs', async() => {
    const merge = await env.admin.req('PATCH', CLUSTER, { metadata: { labels: { team: 'a' } } }, { 'content-type': 'application/merge-patch+json' });

    expect(merge.status).toBe(200);
    expect(merge.body.metadata.labels.team).toBe('a');
    const jp = await env.admin.req('PATCH', CLUSTER, [
      { op: 'add', path: '/spec/rkeConfig/machineSelectorConfig/-', value: { config: { 'kube-controller-manager-arg': ['enable-leader-migration'] } } },
    ], { 'content-type': 'application/json-patch+json' });

    expect(jp.status).toBe(200);
    expect(jp.body.spec.rkeConfig.machineSelectorConfig).toHaveLength(2);
    const smp = await env.admin.req('PATCH', CLUSTER, { spec: {} }, { 'content-type': 'application/strategic-merge-patch+json' });

    expect(smp.status).toBe(415);
  });

  it('honours ?dryRun=All on PATCH: returns the result and stores nothing', async() => {
    const before = await env.admin.get(CLUSTER);
    const dry = await env.admin.req('PATCH', `${ CLUSTER }?dryRun=All`, { spec: { rkeConfig: { machineGlobalConfig: { 'cloud-provider-name': 'external' } } } }, { 'content-type': 'application/merge-patch+json' });

    expect(dry.status).toBe(200);
    expect(dry.body.spec.rkeConfig.machineGlobalConfig['cloud-provider-name']).toBe('external');
    const after = await env.admin.get(CLUSTER);

    expect(after.body.metadata.resourceVersion).toBe(before.body.metadata.resourceVersion);
    expect(after.body.spec.rkeConfig.machineGlobalConfig['cloud-provider-name']).toBeUndefined();
  });

  it('ignores ?dryRun=All on PUT (Steve does not pass it on): the update is stored', async() => {
    const { body: c } = await env.admin.get(CLUSTER);
    const put = await env.admin.req('PUT', `${ CLUSTER }?dryRun=All`, { ...c, metadata: { ...c.metadata, labels: { stored: 'yes' } } });

    expect(put.status).toBe(200);
    expect((await env.admin.get(CLUSTER)).body.metadata.labels.stored).toBe('yes');
  });

  it('never lets a write change status (status subresource)', async() => {
    const { body: c } = await env.admin.get(CLUSTER);
    const r = await env.admin.req('PUT', CLUSTER, { ...c, status: { ready: false } });

    expect(r.body.status.ready).toBe(true);
  });

  it('creates and deletes objects, with websocket-visible effects handled elsewhere', async() => {
    const cm = { metadata: { name: 'x', namespace: 'default' }, data: { a: '1' } };
    const created = await env.admin.req('POST', '/k8s/clusters/c-m-aws1/v1/configmaps', cm);

    expect(created.status).toBe(201);
    expect((await env.admin.req('POST', '/k8s/clusters/c-m-aws1/v1/configmaps', cm)).status).toBe(409);
    expect((await env.admin.req('DELETE', '/k8s/clusters/c-m-aws1/v1/configmaps/default/x')).status).toBe(200);
    expect((await env.admin.get('/k8s/clusters/c-m-aws1/v1/configmaps/default/x')).status).toBe(404);
  });

  it('serves counts', async() => {
    const r = await env.admin.get('/k8s/clusters/c-m-aws1/v1/counts');

    expect(r.body.data[0].counts.node.summary.count).toBe(6);
  });

  it('gives the read-only user no update verbs or links and answers 403 to writes', async() => {
    const ro = new Client(env.url);

    await ro.login('readonly', 'password');
    const schemas = await ro.get('/v1/schemas');
    const prov = schemas.body.data.find((s: any) => s.id === 'provisioning.cattle.io.cluster');

    expect(prov.resourceMethods).toEqual(['GET']);
    expect(prov.attributes.verbs).not.toContain('update');
    const c = await ro.get(CLUSTER);

    expect(c.status).toBe(200);
    expect(c.body.links.update).toBeUndefined();
    const put = await ro.req('PUT', CLUSTER, c.body);

    expect(put.status).toBe(403);
    expect(put.body).toMatchObject({ type: 'error', status: 403, code: 'Forbidden' });
    expect((await ro.req('PATCH', '/k8s/clusters/c-m-aws1/v1/nodes/ip-10-0-1-11.ec2.internal', { spec: { unschedulable: true } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(403);
    expect((await ro.req('PUT', '/v1/userpreferences/user-readonly', { data: { theme: '"ui-dark"' } })).status).toBe(200);
  });

  it('serves KDM releases, rancherversion and version', async() => {
    const rel = await env.admin.get('/v1-rke2-release/releases');

    expect(rel.body.data.map((r: any) => r.version)).toContain('v1.26.15+rke2r1');
    expect((await new Client(env.url).get('/rancherversion')).body.Version).toBe('v2.12.0');
  });
});
