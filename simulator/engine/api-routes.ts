// The route table of the Rancher API: public boot endpoints, login, KDM, Steve (management and the
// downstream proxy) and Norman. Handlers are thin: they resolve a scope and delegate to the Steve/Norman engines.

import { ApiError } from './api-error';
import type { Auth, User } from './auth';
import { Reply, RequestContext, Router, json } from './http-router';
import { channels, releases } from './kdm';
import type { KubeObject } from './kube-object';
import { normanCollection } from './norman/format';
import { handleNorman } from './norman/handler';
import { steveCollection, steveResource } from './steve/format';
import { SteveHooks, SteveScope, handleSteve } from './steve/handler';
import { managementRegistry } from './type-registry';
import type { World } from '../world/world';
import { PUBLIC_SETTINGS, defaultPreferences } from '../world/rancher-defaults';
import type { UiPluginPackage } from '../ui-plugins/packages';
import { addUiPluginRoutes } from '../ui-plugins/routes';

export interface ApiDeps {
  world: () => World;
  auth: Auth;
  hooks: SteveHooks;
  /** Steve scope for `management` or a downstream cluster id. */
  scope: (name: string) => SteveScope | undefined;
  /** Built extension packages Rancher holds in its UI-plugin cache. */
  uiPlugins?: UiPluginPackage[];
}

/** Paths the simulator answers itself; every other GET goes to the static dashboard build. */
export const API_PATH = /^\/(v1|v3|v1-public|v3-public|k8s|meta|api|apis|rancherversion|version|_sim|v1-[a-z0-9]+-release)(\/|$)/;

export function buildApiRoutes(deps: ApiDeps): Router {
  const r = new Router();
  const world = deps.world;

  r.add('GET', /^\/rancherversion$/, () => json(200, { Version: world().rancherVersion, GitCommit: 'sim0000', RancherPrime: 'false' }), { public: true });
  r.add('GET', /^\/version$/, () => json(200, {
    major: '1', minor: '32', gitVersion: 'v1.32.5+rke2r1', platform: 'linux/amd64', goVersion: 'go1.23.8'
  }), { public: true });
  // UI extensions: the index and the files of installed (built) extension packages; empty without --ui-plugins
  addUiPluginRoutes(r, { store: () => world().management, packages: deps.uiPlugins || [] });

  const authProviders: (ctx: RequestContext) => Reply = (ctx) => {
    const v1 = ctx.path.startsWith('/v1');
    const base = `${ ctx.origin }${ v1 ? '/v1-public' : '/v3-public' }`;

    return json(200, normanCollection(`${ ctx.origin }${ ctx.path }`, 'authProvider', [{
      id: 'local', type: 'localProvider', baseType: 'authProvider', links: { self: `${ base }/authproviders/local` }, actions: { login: `${ base }/authproviders/local?action=login` }, creatorId: null
    }]));
  };

  r.add('GET', /^\/v[13]-public\/auth[pP]roviders\/?$/, authProviders, { public: true });
  const login: (ctx: RequestContext) => Reply = (ctx) => {
    const body = ctx.json<{ username?: string; password?: string; responseType?: string }>();
    const token = deps.auth.login(body.username || '', body.password || '');

    if (!token) {
      return json(401, {
        type: 'error', status: 401, code: 'Unauthorized', message: 'authentication failed'
      });
    }
    const cookie = `R_SESS=${ token }; Path=/; HttpOnly; SameSite=Lax`;

    return json(200, { type: 'token', token: body.responseType === 'cookie' ? '' : token }, { 'Set-Cookie': cookie });
  };

  r.add('POST', /^\/v1-public\/login$/, login, { public: true });
  r.add('POST', /^\/v3-public\/localProviders\/local$/, login, { public: true });
  r.add('POST', /^\/v1-public\/logout$/, (ctx) => {
    deps.auth.logout(deps.auth.tokenOf(ctx.req));

    return json(200, {}, { 'Set-Cookie': 'R_SESS=; Path=/; Max-Age=0; HttpOnly' });
  }, { public: true });

  // Settings: a public subset before login (the login page needs ui-banners, ui-pl, server-version, first-login …)
  r.add('GET', /^\/v1\/management\.cattle\.io\.settings?(?:\/([^/]+))?\/?$/, (ctx) => {
    const scope = deps.scope('management') as SteveScope;

    if (ctx.user) {
      return handleSteve(ctx, scope, ctx.path.slice('/v1'.length), deps.auth, deps.hooks);
    }
    const d = managementRegistry.get('management.cattle.io.setting');
    const view = { base: `${ ctx.origin }/v1`, verbs: () => ['get' as const, 'list' as const] };
    const visible = world().management.list(d.id).filter((s) => PUBLIC_SETTINGS.includes(s.metadata.name));

    if (ctx.params[0]) {
      const s = visible.find((x) => x.metadata.name === ctx.params[0]);

      if (!s) {
        throw new ApiError(401, 'Unauthorized', 'must authenticate');
      }

      return json(200, steveResource(d, s, view));
    }

    return json(200, steveCollection(d, visible.map((s) => steveResource(d, s, view)), view, `${ ctx.origin }${ ctx.path }`, world().management.revision()));
  }, { public: true });

  r.add('GET', /^\/v1-(rke2|k3s)-release\/(releases|channels)\/?$/, (ctx) => {
    const distro = ctx.params[0] as 'rke2' | 'k3s';
    const data = ctx.params[1] === 'releases' ? releases(distro) : channels(distro);

    return json(200, normanCollection(`${ ctx.origin }${ ctx.path }`, ctx.params[1] === 'releases' ? 'release' : 'channel', data));
  });

  r.add('*', /^\/v1(\/.*)$/, (ctx) => handleSteve(ctx, deps.scope('management') as SteveScope, ctx.params[0], deps.auth, deps.hooks));

  r.add('*', /^\/k8s\/clusters\/([^/]+)\/v1(\/.*)$/, (ctx) => {
    const scope = deps.scope(ctx.params[0]);

    if (!scope) {
      throw new ApiError(404, 'NotFound', `clusters.management.cattle.io "${ ctx.params[0] }" not found`);
    }

    return handleSteve(ctx, scope, ctx.params[1], deps.auth, deps.hooks);
  });
  // raw Kubernetes API through the proxy (kubectl-style reads)
  r.add('GET', /^\/k8s\/clusters\/([^/]+)\/(api|apis)\/(.*)$/, (ctx) => rawKube(ctx, deps));

  r.add('*', /^\/v3(\/.*)?$/, (ctx) => handleNorman(ctx, ctx.params[0] || '', { world: world(), auth: deps.auth }));

  return r;
}

/** `/k8s/clusters/<id>/api/v1/nodes[/<name>]`, `/apis/<group>/<version>/namespaces/<ns>/<resource>[/<name>]`. */
function rawKube(ctx: RequestContext, deps: ApiDeps): Reply {
  const scope = deps.scope(ctx.params[0]);

  if (!scope) {
    throw new ApiError(404, 'NotFound', 'cluster not found');
  }
  const segs = ctx.params[2].split('/').filter(Boolean);
  const group = ctx.params[1] === 'api' ? '' : segs.shift() as string;

  segs.shift(); // version
  let namespace: string | undefined;

  if (segs[0] === 'namespaces' && segs.length >= 3) {
    namespace = segs[1];
    segs.splice(0, 2);
  }
  const [resource, name] = segs;
  const d = scope.registry.all.find((t) => t.group === group && t.resource === resource);

  if (!d || !deps.auth.can(ctx.user as User, 'get', d.id)) {
    throw new ApiError(404, 'NotFound', `the server could not find the requested resource`);
  }
  if (name) {
    const o = scope.store.get(d.id, namespace ? `${ namespace }/${ name }` : name);

    if (!o) {
      return json(404, {
        kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${ resource } "${ name }" not found`
      });
    }

    return json(200, o);
  }
  const items: KubeObject[] = scope.store.list(d.id).filter((o) => !namespace || o.metadata.namespace === namespace);

  return json(200, {
    kind: `${ d.kind }List`, apiVersion: d.group ? `${ d.group }/${ d.version }` : d.version, metadata: { resourceVersion: scope.store.revision() }, items
  });
}

/** `/v1/userpreferences`: one object per user holding JSON-encoded preference strings. */
export function userPreferencesEndpoint(world: () => World) {
  return (ctx: RequestContext, rest: string[], view: { base: string }): Reply => {
    const u = ctx.user as User;
    const w = world();
    const prefs = w.preferences.get(u.id) || defaultPreferences(w.rancherVersion);

    w.preferences.set(u.id, prefs);
    const self = `${ view.base }/userpreferences/${ u.id }`;
    const obj = () => ({
      id: u.id, type: 'userpreference', links: { self, update: self }, data: prefs
    });

    if (ctx.method === 'PUT' && rest[0]) {
      Object.assign(prefs, ctx.json().data || {});

      return json(200, obj());
    }
    if (rest[0]) {
      return json(200, obj());
    }

    return json(200, steveCollection({ id: 'userpreference' }, [obj()], view as any, self.replace(/\/[^/]+$/, ''), w.management.revision()));
  };
}
