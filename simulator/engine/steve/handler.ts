// Steve's REST semantics over one ObjectStore ("scope": the management cluster at /v1, or a downstream
// cluster at /k8s/clusters/<id>/v1). Implements list/get/create/update/patch/delete, `?action=`, schemas,
// schemaDefinitions and counts, with Kubernetes rules: PUT needs metadata.resourceVersion (stale → 409),
// PATCH honours ?dryRun=All while PUT ignores it (as Steve does), and writes never touch `status`.

import { ApiError, badRequest, forbidden, notFound } from '../api-error';
import type { Auth, User, Verb } from '../auth';
import type { Reply, RequestContext } from '../http-router';
import { KubeObject, clone, keyOf, objectKey } from '../kube-object';
import type { ObjectStore } from '../object-store';
import { TypeDef, TypeRegistry, apiVersionOf } from '../type-registry';
import {
  SteveView, steveCollection, steveResource, steveSchema, steveSchemaDefinition,
} from './format';
import { jsonPatch, mergePatch } from './patch';
import { matchesFieldSelector, matchesLabelSelector, matchesSteveFilters } from './selectors';

export type ActionHandler = (ctx: RequestContext, target: KubeObject, scope: SteveScope) => Reply;

export interface SteveScope {
  name: string;                 // 'management' or a cluster id
  basePath: string;             // '/v1' or '/k8s/clusters/<id>/v1'
  registry: TypeRegistry;
  store: ObjectStore;
  /** `?action=<name>` implementations by type id. */
  actions?: Record<string, Record<string, ActionHandler>>;
  /** Admission: throw an ApiError to reject a create/update (webhook-like validation). */
  validate?: (type: TypeDef, prev: KubeObject | undefined, next: KubeObject) => void;
  /** Virtual endpoints (e.g. userpreferences) handled outside the store. */
  virtual?: Record<string, (ctx: RequestContext, rest: string[], view: SteveView) => Reply>;
}

export interface SteveHooks {
  /** Called after an object was served by GET (used to inject a foreign edit between a read and a write). */
  onRead?: (scope: SteveScope, type: string, key: string) => void;
}

const CRD_GROUP = /(cattle\.io|x-k8s\.io)$/;

export function steveView(ctx: RequestContext, scope: SteveScope, auth: Auth): SteveView {
  const user = ctx.user as User;

  return { base: `${ ctx.origin }${ scope.basePath }`, verbs: (typeId) => auth.verbs(user, typeId) };
}

function requireVerb(ctx: RequestContext, auth: Auth, d: TypeDef, verb: Verb, name?: string, namespace?: string) {
  if (!auth.can(ctx.user as User, verb, d.id)) {
    const what = name ? `${ d.resource }${ d.group ? `.${ d.group }` : '' } "${ name }"` : `${ d.resource }${ d.group ? `.${ d.group }` : '' }`;

    throw forbidden(`${ what } is forbidden: User "${ ctx.user?.id }" cannot ${ verb } resource "${ d.resource }" in API group "${ d.group }"${ namespace ? ` in the namespace "${ namespace }"` : ' at the cluster scope' }`);
  }
}

export function handleSteve(ctx: RequestContext, scope: SteveScope, rest: string, auth: Auth, hooks: SteveHooks = {}): Reply {
  const parts = rest.split('/').filter(Boolean);
  const view = steveView(ctx, scope, auth);
  const selfUrl = `${ ctx.origin }${ ctx.path }`;

  if (!parts.length) {
    throw notFound('resource');
  }
  if (parts[0] === 'schemas') {
    const all = scope.registry.all.filter((d) => auth.can(ctx.user as User, 'get', d.id) || d.virtual);

    if (parts[1]) {
      const d = scope.registry.resolve(parts[1]);

      if (!d) {
        throw notFound(`schema "${ parts[1] }"`);
      }

      return { status: 200, body: steveSchema(d, view) };
    }

    return {
      status: 200,
      body:   steveCollection({ id: 'schema' }, all.map((d) => steveSchema(d, view)), view, selfUrl, scope.store.revision())
    };
  }
  if (parts[0] === 'schemaDefinitions' && parts[1]) {
    const d = scope.registry.resolve(parts[1]);

    if (!d) {
      throw notFound(`schemaDefinition "${ parts[1] }"`);
    }

    return { status: 200, body: steveSchemaDefinition(d, view) };
  }
  if (parts[0] === 'counts') {
    const counts = countsOf(scope, ctx, auth);

    return parts[1] ? { status: 200, body: counts } : {
      status: 200, body: steveCollection({ id: 'count' }, [counts], view, selfUrl, scope.store.revision())
    };
  }
  if (scope.virtual?.[parts[0]]) {
    return scope.virtual[parts[0]](ctx, parts.slice(1), view);
  }

  const d = scope.registry.resolve(parts[0]);

  if (!d || d.virtual) {
    throw notFound(`type "${ parts[0] }"`);
  }
  const namespaceList = d.namespaced && parts.length === 2;

  if (parts.length === 1 || namespaceList) {
    const namespace = namespaceList ? parts[1] : undefined;

    if (ctx.method === 'GET') {
      return list(ctx, scope, d, view, auth, hooks, namespace);
    }
    if (ctx.method === 'POST') {
      return create(ctx, scope, d, view, auth, namespace);
    }
    throw new ApiError(405, 'MethodNotAllowed', `${ ctx.method } not allowed on a collection`);
  }
  const key = d.namespaced ? objectKey(parts[1], parts.slice(2).join('/')) : parts.slice(1).join('/');
  const current = scope.store.get(d.id, key);
  const name = key.split('/').pop() as string;
  const namespace = d.namespaced ? parts[1] : undefined;
  const action = ctx.query.get('action');

  if (!current) {
    requireVerb(ctx, auth, d, 'get', name, namespace);
    throw new ApiError(404, 'NotFound', `${ d.resource }${ d.group ? `.${ d.group }` : '' } "${ name }" not found`);
  }
  if (ctx.method === 'POST' && action) {
    requireVerb(ctx, auth, d, 'update', name, namespace);
    const impl = scope.actions?.[d.id]?.[action];

    if (!impl) {
      throw new ApiError(404, 'NotFound', `action "${ action }" not found on ${ d.id }`);
    }

    return impl(ctx, current, scope);
  }
  switch (ctx.method) {
  case 'GET':
    requireVerb(ctx, auth, d, 'get', name, namespace);
    hooks.onRead?.(scope, d.id, key);

    return { status: 200, body: steveResource(d, current, view) };
  case 'PUT':
    requireVerb(ctx, auth, d, 'update', name, namespace);

    return update(ctx, scope, d, view, current);
  case 'PATCH':
    requireVerb(ctx, auth, d, 'patch', name, namespace);

    return patch(ctx, scope, d, view, current);
  case 'DELETE':
    requireVerb(ctx, auth, d, 'delete', name, namespace);
    scope.store.delete(d.id, key);

    return { status: 200, body: steveResource(d, current, view) };
  default:
    throw new ApiError(405, 'MethodNotAllowed', `${ ctx.method } not allowed`);
  }
}

function list(ctx: RequestContext, scope: SteveScope, d: TypeDef, view: SteveView, auth: Auth, hooks: SteveHooks, namespace?: string): Reply {
  requireVerb(ctx, auth, d, 'list', undefined, namespace);
  let items = scope.store.list(d.id);

  if (namespace) {
    items = items.filter((o) => o.metadata.namespace === namespace);
  }
  const labelSelector = ctx.query.get('labelSelector');
  const fieldSelector = ctx.query.get('fieldSelector');
  const filters = ctx.query.getAll('filter');

  if (labelSelector) {
    items = items.filter((o) => matchesLabelSelector(o, labelSelector));
  }
  if (fieldSelector) {
    items = items.filter((o) => matchesFieldSelector(o, fieldSelector));
  }
  if (filters.length) {
    items = items.filter((o) => matchesSteveFilters(o, filters));
  }
  items = [...items].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  for (const o of items) {
    hooks.onRead?.(scope, d.id, keyOf(o));
  }
  const canCreate = auth.can(ctx.user as User, 'create', d.id);

  return {
    status: 200,
    body:   steveCollection(d, items.map((o) => steveResource(d, o, view)), view, `${ ctx.origin }${ ctx.path }`, scope.store.revision(), canCreate ? `${ view.base }/${ d.plural }` : undefined),
  };
}

/** Strip Steve decoration the dashboard sends back (id, type, links, metadata.state …). */
export function toKube(d: TypeDef, body: any): KubeObject {
  const {
    id: _id, type: _type, links: _links, actions: _actions, ...rest
  } = body || {};
  const metadata = { ...(rest.metadata || {}) };

  delete metadata.state;
  delete metadata.relationships;
  delete metadata.fields;
  delete metadata.managedFields;

  return {
    ...rest, apiVersion: apiVersionOf(d), kind: d.kind, metadata
  };
}

function dryRun(ctx: RequestContext): boolean {
  return ctx.query.getAll('dryRun').some((v) => v === 'All' || v === 'all');
}

function create(ctx: RequestContext, scope: SteveScope, d: TypeDef, view: SteveView, auth: Auth, urlNamespace?: string): Reply {
  const obj = toKube(d, ctx.json());

  if (d.namespaced) {
    obj.metadata.namespace = obj.metadata.namespace || urlNamespace || 'default';
  } else {
    delete obj.metadata.namespace;
  }
  requireVerb(ctx, auth, d, 'create', obj.metadata.name, obj.metadata.namespace);
  if (!obj.metadata.name && obj.metadata.generateName) {
    obj.metadata.name = `${ obj.metadata.generateName }${ Math.random().toString(36).slice(2, 7) }`;
  }
  if (!obj.metadata.name) {
    throw new ApiError(422, 'Invalid', 'metadata.name: Required value: name or generateName is required');
  }
  scope.validate?.(d, undefined, obj);
  if (dryRun(ctx)) {
    if (scope.store.get(d.id, keyOf(obj))) {
      throw new ApiError(409, 'AlreadyExists', `${ d.resource } "${ obj.metadata.name }" already exists`);
    }

    return { status: 201, body: steveResource(d, { ...obj, metadata: { ...obj.metadata, generation: 1 } }, view) };
  }
  const created = scope.store.create(d.id, obj);

  return { status: 201, body: steveResource(d, created, view) };
}

function checkIdentity(d: TypeDef, current: KubeObject, next: KubeObject) {
  if (next.metadata.name !== current.metadata.name || (d.namespaced && next.metadata.namespace !== current.metadata.namespace)) {
    throw badRequest('the name/namespace of the object in the body does not match the URL');
  }
}

function update(ctx: RequestContext, scope: SteveScope, d: TypeDef, view: SteveView, current: KubeObject): Reply {
  const next = toKube(d, ctx.json());
  const rv = next.metadata.resourceVersion;

  next.metadata.name = next.metadata.name || current.metadata.name;
  if (d.namespaced) {
    next.metadata.namespace = next.metadata.namespace || current.metadata.namespace;
  }
  checkIdentity(d, current, next);
  // rancher/steve proxy_store Update: "metadata.resourceVersion is required for update"
  if (!rv) {
    throw new ApiError(422, 'Invalid', 'metadata.resourceVersion is required for update');
  }
  next.status = clone(current.status); // status is a subresource: PUT of the main resource ignores it
  if (next.status === undefined) {
    delete next.status;
  }
  scope.validate?.(d, current, next);
  // ?dryRun is decoded by Steve's Update but not passed to the client (UpdateOptions{}): a PUT always stores.
  const stored = scope.store.update(d.id, next, rv);

  return { status: 200, body: steveResource(d, stored, view) };
}

function patch(ctx: RequestContext, scope: SteveScope, d: TypeDef, view: SteveView, current: KubeObject): Reply {
  const body = ctx.json();
  let patched: any;

  switch (ctx.contentType) {
  case 'application/merge-patch+json':
    patched = mergePatch(current, body);
    break;
  case 'application/json-patch+json':
    patched = jsonPatch(current, body);
    break;
  default:
    // Steve turns the Content-Type into the patch type; strategic merge (the default) is not supported by CRDs.
    if (CRD_GROUP.test(d.group)) {
      throw new ApiError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
    }
    patched = mergePatch(current, body);
  }
  const next = toKube(d, patched);
  const rv = next.metadata.resourceVersion;

  checkIdentity(d, current, next);
  next.status = clone(current.status);
  if (next.status === undefined) {
    delete next.status;
  }
  scope.validate?.(d, current, next);
  // a resourceVersion present in the patched object is a precondition (a patch carrying a stale one → 409)
  if (dryRun(ctx)) {
    if (rv && rv !== current.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${ d.id } "${ current.metadata.name }": the object has been modified; please apply your changes to the latest version and try again`);
    }

    return { status: 200, body: steveResource(d, { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } }, view) };
  }
  const stored = scope.store.update(d.id, next, rv || current.metadata.resourceVersion);

  return { status: 200, body: steveResource(d, stored, view) };
}

function countsOf(scope: SteveScope, ctx: RequestContext, auth: Auth) {
  const counts: Record<string, any> = {};

  for (const d of scope.registry.all) {
    if (d.virtual || !auth.can(ctx.user as User, 'list', d.id)) {
      continue;
    }
    const items = scope.store.list(d.id);
    const namespaces: Record<string, { count: number }> = {};

    for (const o of items) {
      if (o.metadata.namespace) {
        namespaces[o.metadata.namespace] = namespaces[o.metadata.namespace] || { count: 0 };
        namespaces[o.metadata.namespace].count++;
      }
    }
    counts[d.id] = {
      summary: { count: items.length }, ...(d.namespaced ? { namespaces } : {}), revision: scope.store.revision()
    };
  }

  return {
    id: 'count', type: 'count', links: {}, counts
  };
}
