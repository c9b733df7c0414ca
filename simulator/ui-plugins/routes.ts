// Rancher's UI-plugin HTTP endpoints (rancher/rancher pkg/api/steve/catalog/plugin.go, RegisterUIPluginHandlers):
//   GET /v1/uiplugins                          the index (anonymous index without a session)
//   GET /v1/uiplugins/<name>/<version>/<rest>  a file of that plugin, from Rancher's cache when cached
// The dashboard reads the index at start-up and after a local login, then adds a <script> for
// /v1/uiplugins/<name>/<version>/plugin/<main>; the UMD's lazy chunks load from the same folder.

import fs from 'fs';
import path from 'path';
import type { Reply, RequestContext, Router } from '../engine/http-router';
import { json } from '../engine/http-router';
import type { ObjectStore } from '../engine/object-store';
import { uiPluginIndex } from './objects';
import type { UiPluginPackage } from './packages';

/**
 * Go's http.FileServer content types (mime.TypeByExtension's built-in table; anything else is sniffed, which
 * gives text/plain for source maps).
 */
const GO_MIME: Record<string, string> = {
  '.js':   'text/javascript; charset=utf-8',
  '.mjs':  'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css':  'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg':  'image/svg+xml',
  '.png':  'image/png',
  '.gif':  'image/gif',
  '.jpg':  'image/jpeg',
  '.webp': 'image/webp',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return GO_MIME[path.extname(file).toLowerCase()] || 'text/plain; charset=utf-8';
}

const text = (status: number, body: string): Reply => ({ status, text: body, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export interface UiPluginRouteDeps {
  store: () => ObjectStore;
  packages: UiPluginPackage[];
}

function serveFile(ctx: RequestContext, deps: UiPluginRouteDeps): Reply {
  const [name, version, rest] = ctx.params;
  const authenticated = !!ctx.user;
  const entry = uiPluginIndex(deps.store(), true)[name];

  // Rancher looks the plugin up in the full index and hides it from anonymous callers unless noAuth
  if (!entry || entry.version !== version || (!authenticated && !entry.noAuth)) {
    return text(404, `plugin [name: ${ name } version: ${ version }] does not exist in index\n`);
  }
  const pkg = deps.packages.find((p) => p.name === name && p.version === version);

  if (entry.noCache || entry.CacheState === 'pending' || !pkg) {
    // Rancher proxies these to spec.plugin.endpoint (https only); the simulator holds no remote files
    if (!/^https:\/\//.test(entry.endpoint || '')) {
      return text(403, `url scheme [${ (entry.endpoint || '').split(':')[0] }] is not allowed, only https is permitted\n`);
    }

    return text(502, `the simulated Rancher does not proxy to ${ entry.endpoint }\n`);
  }
  // the cache keeps the package under <name>/<version>/plugin/… (the chart's files.txt lists `plugin/…`);
  // the allowlist of the package's own files also rules out any `..`
  const rel = path.posix.normalize(rest);
  const file = rel.startsWith('plugin/') ? rel.slice('plugin/'.length) : '';

  if (!pkg.files.includes(file)) {
    return text(404, '404 page not found\n');
  }
  const bytes = fs.readFileSync(path.join(pkg.dir, file));

  return { status: 200, bytes, headers: { 'Content-Type': contentTypeOf(rel) } };
}

export function addUiPluginRoutes(router: Router, deps: UiPluginRouteDeps): Router {
  router.add('GET', /^\/v1\/uiplugins\/?$/, (ctx) => json(200, { entries: uiPluginIndex(deps.store(), !!ctx.user) }), { public: true });
  router.add('GET', /^\/v1\/uiplugins\/([^/]+)\/([^/]+)\/(.*)$/, (ctx) => serveFile(ctx, deps), { public: true });

  return router;
}
