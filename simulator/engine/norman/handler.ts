// Norman /v3: the parts the dashboard and the RKE1 path use — users (?me=true), principals, settings, schemas,
// tokens (logout), clusters (GET/PUT with Norman's nested merge unless ?_replace=true), nodes with the
// cordon/uncordon actions, projects; every other Norman type answers an empty collection.

import { ApiError, notFound } from '../api-error';
import type { Auth, User } from '../auth';
import type { Reply, RequestContext } from '../http-router';
import { KubeObject, clone, isPlainObject } from '../kube-object';
import type { World } from '../../world/world';
import {
  normanCluster, normanCollection, normanNode, normanSchema,
} from './format';

const EMPTY_TYPES = [
  'authConfig', 'globalRole', 'globalRoleBinding', 'cloudCredential', 'nodeDriver', 'kontainerDriver', 'preference',
  'clusterRoleTemplateBinding', 'projectRoleTemplateBinding', 'roleTemplate', 'nodeTemplate', 'nodePool', 'podSecurityAdmissionConfigurationTemplate',
  'clusterTemplate', 'clusterTemplateRevision', 'catalog', 'template', 'fleetWorkspace', 'group', 'groupMember', 'notifier', 'rkeAddon',
];
const SCHEMA_TYPES = ['user', 'principal', 'setting', 'cluster', 'node', 'project', 'token', ...EMPTY_TYPES];

export interface NormanDeps {
  world: World;
  auth: Auth;
}

const normanCode = (status: number) => ({
  403: 'PermissionDenied', 404: 'NotFound', 409: 'Conflict', 422: 'InvalidBodyContent'
} as Record<number, string>)[status] || 'ServerError';

function denyWrite(user: User, what: string) {
  if (user.readOnly) {
    throw new ApiError(403, 'PermissionDenied', `${ what } is forbidden: User "${ user.id }" cannot update ${ what }`);
  }
}

/**
 * Norman's update merge (norman `APIUpdateMerge`): nested maps merge key by key, anything else is replaced;
 * an explicit null removes the key. With `_replace=true` the body replaces the writable fields wholesale.
 */
export function normanMerge(dest: any, src: any): any {
  if (!isPlainObject(dest) || !isPlainObject(src)) {
    return clone(src);
  }
  const out: any = clone(dest);

  for (const [k, v] of Object.entries(src)) {
    if (v === null) {
      delete out[k];
    } else {
      out[k] = k in out ? normanMerge(out[k], v) : clone(v);
    }
  }

  return out;
}

function user(ctx: RequestContext): User {
  return ctx.user as User;
}

function normanUser(u: User, base: string, me: boolean) {
  const self = `${ base }/users/${ u.id }`;

  return {
    id:                 u.id,
    type:               'user',
    baseType:           'user',
    links:              { self, ...(u.readOnly ? {} : { update: self }) },
    actions:            { setpassword: `${ self }?action=setpassword` },
    name:               u.displayName,
    username:           u.username,
    principalIds:       [u.principalId],
    enabled:            true,
    me,
    mustChangePassword: false,
    state:              'active',
    uuid:               `uid-${ u.id }`,
    created:            '2025-01-01T00:00:00Z',
  };
}

function principal(u: User, base: string, me: boolean) {
  return {
    id:            u.principalId,
    type:          'principal',
    baseType:      'principal',
    links:         { self: `${ base }/principals/${ encodeURIComponent(u.principalId) }` },
    loginName:     u.username,
    name:          u.displayName,
    me,
    memberOf:      false,
    principalType: 'user',
    provider:      'local',
  };
}

export function handleNorman(ctx: RequestContext, rest: string, deps: NormanDeps): Reply {
  const { world, auth } = deps;
  const base = `${ ctx.origin }/v3`;
  const selfUrl = `${ ctx.origin }${ ctx.path }${ ctx.query.toString() ? `?${ ctx.query }` : '' }`;
  const parts = rest.split('/').filter(Boolean);
  const u = user(ctx);
  const ok = (body: unknown): Reply => ({ status: 200, body });

  switch (parts[0]) {
  case 'schemas': {
    const schemas = SCHEMA_TYPES.map((t) => normanSchema(t, base, !u.readOnly || t === 'preference' || t === 'token', t === 'node' ? ['cordon', 'uncordon', 'drain'] : []));

    if (parts[1]) {
      const s = schemas.find((x) => x.id.toLowerCase() === parts[1].toLowerCase());

      if (!s) {
        throw notFound(`schema ${ parts[1] }`);
      }

      return ok(s);
    }

    return ok(normanCollection(selfUrl, 'schema', schemas));
  }
  case 'users': {
    const users = ctx.query.get('me') === 'true' || u.readOnly ? [u] : auth.users;

    if (parts[1]) {
      const found = auth.users.find((x) => x.id === parts[1] && (!u.readOnly || x.id === u.id));

      if (!found) {
        throw notFound(`user ${ parts[1] }`);
      }

      return ok(normanUser(found, base, found.id === u.id));
    }

    return ok(normanCollection(selfUrl, 'user', users.map((x) => normanUser(x, base, x.id === u.id))));
  }
  case 'principals':
    if (parts[1]) {
      const found = auth.users.find((x) => x.principalId === parts.slice(1).join('/'));

      if (!found) {
        throw notFound('principal');
      }

      return ok(principal(found, base, found.id === u.id));
    }

    return ok(normanCollection(selfUrl, 'principal', (ctx.method === 'POST' ? auth.users : [u]).map((x) => principal(x, base, x.id === u.id))));
  case 'tokens':
    if (ctx.method === 'POST' && ctx.query.get('action') === 'logout') {
      auth.logout(auth.tokenOf(ctx.req));

      return { status: 200, body: {}, headers: { 'Set-Cookie': 'R_SESS=; Path=/; Max-Age=0; HttpOnly' } };
    }

    return ok(normanCollection(selfUrl, 'token', []));
  case 'settings':
    return settings(ctx, parts, deps, base, selfUrl);
  case 'clusters':
    return clusters(ctx, parts, deps, base, selfUrl);
  case 'nodes':
    return nodes(ctx, parts, deps, base, selfUrl);
  case 'projects': {
    const data = world.management.list('management.cattle.io.project').map((p) => ({
      id:        `${ p.metadata.namespace }:${ p.metadata.name }`,
      type:      'project',
      baseType:  'project',
      name:      p.spec?.displayName,
      clusterId: p.spec?.clusterName,
      state:     'active',
      links:     { self: `${ base }/projects/${ p.metadata.namespace }:${ p.metadata.name }` },
    }));

    return ok(normanCollection(selfUrl, 'project', data));
  }
  default: {
    const t = EMPTY_TYPES.find((x) => `${ x.toLowerCase() }s` === (parts[0] || '').toLowerCase());

    if (t && !parts[1]) {
      return ok(normanCollection(selfUrl, t, []));
    }
    throw notFound(`/v3/${ rest }`);
  }
  }
}

function settings(ctx: RequestContext, parts: string[], { world }: NormanDeps, base: string, selfUrl: string): Reply {
  const u = user(ctx);
  const toNorman = (s: KubeObject) => ({
    id:         s.metadata.name,
    type:       'setting',
    baseType:   'setting',
    name:       s.metadata.name,
    value:      s.value,
    default:    s.default,
    customized: !!s.customized,
    source:     s.source || '',
    links:      { self: `${ base }/settings/${ s.metadata.name }`, ...(u.readOnly ? {} : { update: `${ base }/settings/${ s.metadata.name }` }) },
  });

  if (!parts[1]) {
    return { status: 200, body: normanCollection(selfUrl, 'setting', world.management.list('management.cattle.io.setting').map(toNorman)) };
  }
  const s = world.management.get('management.cattle.io.setting', parts[1]);

  if (!s) {
    throw notFound(`setting ${ parts[1] }`);
  }
  if (ctx.method === 'PUT') {
    denyWrite(u, `settings "${ parts[1] }"`);
    const body = ctx.json();
    const stored = world.management.mutate('management.cattle.io.setting', parts[1], (d) => {
      d.value = body.value ?? d.value;
    }) as KubeObject;

    return { status: 200, body: toNorman(stored) };
  }

  return { status: 200, body: toNorman(s) };
}

const WRITABLE_CLUSTER_FIELDS = ['name', 'description', 'rancherKubernetesEngineConfig', 'enableNetworkPolicy', 'localClusterAuthEndpoint', 'labels', 'annotations'];

function clusters(ctx: RequestContext, parts: string[], { world }: NormanDeps, base: string, selfUrl: string): Reply {
  const u = user(ctx);
  const type = 'management.cattle.io.cluster';

  if (!parts[1]) {
    // RKE2/K3s clusters are Norman clusters too; the RKE1 field only appears where it exists.
    return { status: 200, body: normanCollection(selfUrl, 'cluster', world.management.list(type).map((c) => normanCluster(c, base, !u.readOnly))) };
  }
  const current = world.management.get(type, parts[1]);

  if (!current) {
    throw notFound(`cluster ${ parts[1] }`);
  }
  if (ctx.method === 'GET') {
    return { status: 200, body: normanCluster(current, base, !u.readOnly) };
  }
  if (ctx.method !== 'PUT') {
    throw new ApiError(405, 'MethodNotAllowed', `${ ctx.method } /v3/clusters/${ parts[1] }`);
  }
  denyWrite(u, `clusters "${ parts[1] }"`);
  const body = ctx.json();
  const replace = ctx.query.get('_replace') === 'true';
  const existing = normanCluster(current, base, true) as Record<string, any>;
  const writable = Object.fromEntries(WRITABLE_CLUSTER_FIELDS.filter((k) => existing[k] !== undefined).map((k) => [k, existing[k]]));
  const input = Object.fromEntries(WRITABLE_CLUSTER_FIELDS.filter((k) => k in body).map((k) => [k, body[k]]));
  const merged: Record<string, any> = replace ? { ...writable, ...input } : normanMerge(writable, input);

  if (replace && 'rancherKubernetesEngineConfig' in writable && !('rancherKubernetesEngineConfig' in input)) {
    delete merged.rancherKubernetesEngineConfig;
  }
  const rke = merged.rancherKubernetesEngineConfig;

  if (rke?.cloudProvider?.name === 'external-aws' && rke.cloudProvider.useInstanceMetadataHostname === undefined) {
    // rancher cluster_store setInstanceMetadataHostname: defaults to true for external-aws when unset
    rke.cloudProvider.useInstanceMetadataHostname = true;
  }
  if (current.spec?.rancherKubernetesEngineConfig && !world.supportsRke1) {
    throw new ApiError(422, 'InvalidBodyContent', 'RKE1 is not supported in this Rancher version');
  }
  const stored = world.management.mutate(type, parts[1], (d) => {
    d.spec = d.spec || {};
    if (merged.name) {
      d.spec.displayName = merged.name;
    }
    d.spec.description = merged.description;
    if (d.spec.rancherKubernetesEngineConfig || rke) {
      d.spec.rancherKubernetesEngineConfig = rke;
    }
    d.spec.enableNetworkPolicy = merged.enableNetworkPolicy;
    d.spec.localClusterAuthEndpoint = merged.localClusterAuthEndpoint;
    d.metadata.labels = merged.labels || d.metadata.labels;
    d.metadata.annotations = merged.annotations || d.metadata.annotations;
  }) as KubeObject;

  return { status: 200, body: normanCluster(stored, base, true) };
}

function nodes(ctx: RequestContext, parts: string[], { world }: NormanDeps, base: string, selfUrl: string): Reply {
  const u = user(ctx);
  const type = 'management.cattle.io.node';
  const unschedulableOf = (n: KubeObject) => {
    const desired = n.spec?.desiredNodeUnschedulable;

    if (desired === 'true' || desired === 'false') {
      return desired === 'true'; // not yet synced to the Node by the cluster agent
    }
    const cluster = world.cluster(n.metadata.namespace as string);
    const node = cluster && n.status?.nodeName ? cluster.store.get('node', n.status.nodeName) : undefined;

    return node ? !!node.spec?.unschedulable : !!n.spec?.internalNodeSpec?.unschedulable;
  };

  if (!parts[1]) {
    const clusterId = ctx.query.get('clusterId');
    const all = world.management.list(type).filter((n) => !clusterId || n.metadata.namespace === clusterId);

    return { status: 200, body: normanCollection(selfUrl, 'node', all.map((n) => normanNode(n, base, !u.readOnly, unschedulableOf(n)))) };
  }
  const [clusterId, name] = parts[1].split(':');
  const mgmtNode = world.management.get(type, `${ clusterId }/${ name }`);

  if (!mgmtNode) {
    throw notFound(`node ${ parts[1] }`);
  }
  const action = ctx.query.get('action');

  if (ctx.method === 'POST' && action) {
    denyWrite(u, `nodes "${ parts[1] }"`);
    if (action !== 'cordon' && action !== 'uncordon') {
      throw new ApiError(422, 'InvalidAction', `invalid action: ${ action }`);
    }
    const want = action === 'cordon';

    // rancher pkg/api/norman/customization/node: the action is only offered in the opposite state
    if (unschedulableOf(mgmtNode) === want) {
      throw new ApiError(422, 'InvalidAction', `invalid action: ${ action } (node is already ${ want ? 'cordoned' : 'uncordoned' })`);
    }
    const cluster = world.cluster(clusterId);

    if (!cluster || cluster.disconnected) {
      throw new ApiError(503, 'ClusterUnavailable', `cluster agent disconnected for ${ clusterId }`);
    }
    // Rancher sets desiredNodeUnschedulable; the cluster agent's node syncer applies it to the Node.
    world.management.mutate(type, `${ clusterId }/${ name }`, (d) => {
      d.spec.desiredNodeUnschedulable = want ? 'true' : 'false';
    });

    return { status: 200, body: {} };
  }

  return { status: 200, body: normanNode(mgmtNode, base, !u.readOnly, unschedulableOf(mgmtNode)) };
}

export { normanCode };
