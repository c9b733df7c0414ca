// The simulated Rancher server: wires the API route table, the control API, websockets, faults, the request log
// and static serving around a World built from a scenario, and runs the reconciler against it.

import http from 'http';
import type { AddressInfo } from 'net';
import { ApiError } from './engine/api-error';
import { API_PATH, buildApiRoutes, userPreferencesEndpoint } from './engine/api-routes';
import { Auth } from './engine/auth';
import { buildControlRoutes } from './engine/control-routes';
import { codeFor, Faults } from './engine/faults';
import { ForeignEdits } from './engine/foreign-edits';
import { Reply, Router, makeContext } from './engine/http-router';
import { normanCluster, normanError, normanNode } from './engine/norman/format';
import { RequestLog } from './engine/request-log';
import { serveStatic } from './engine/static-files';
import { steveError } from './engine/steve/format';
import type { SteveScope } from './engine/steve/handler';
import { SocketTarget, Subscriptions } from './engine/subscriptions';
import { downstreamRegistry, managementRegistry } from './engine/type-registry';
import { SimClock } from './reconciler/clock';
import { Reconciler } from './reconciler/reconciler';
import type { Timings } from './reconciler/timings';
import { downstreamActions } from './reconciler/rules/catalog-operations';
import { validateManagementWrite } from './world/admission';
import { buildWorld } from './scenarios/builder';
import { DEFAULT_SCENARIO, loadScenario } from './scenarios/loader';
import type { World } from './world/world';
import type { UiPluginPackage } from './ui-plugins/packages';
import { installUiPlugins } from './ui-plugins/objects';

export interface SimulatorOptions {
  scenario?: string;            // name or path
  rancherVersion?: string;
  /** Clock speed: 1 = demo pace, 0 = manual (tests call advance()), e.g. 50 for browser tests. */
  speed?: number;
  staticDir?: string;
  port?: number;
  host?: string;
  timings?: Partial<Timings>;
  pingMs?: number;
  /** Skip the initial convergence (tests that want to watch it happen). */
  noSettle?: boolean;
  /** Built extension packages installed in this Rancher (UIPlugin resources, /v1/uiplugins, the cached files). */
  uiPlugins?: UiPluginPackage[];
}

export class Simulator {
  readonly auth = new Auth();
  readonly faults = new Faults();
  readonly foreignEdits = new ForeignEdits();
  readonly log = new RequestLog();
  readonly subscriptions: Subscriptions;
  world!: World;
  reconciler!: Reconciler;
  private server?: http.Server;
  private readonly api: Router;
  private readonly control: Router;
  private scenarioRef: string;
  private rancherVersion?: string;
  private readonly clock: SimClock;

  constructor(private readonly opts: SimulatorOptions = {}) {
    this.scenarioRef = opts.scenario || DEFAULT_SCENARIO;
    this.rancherVersion = opts.rancherVersion;
    this.clock = new SimClock(opts.speed ?? 1);
    this.load(this.scenarioRef, this.rancherVersion);
    this.api = buildApiRoutes({
      world: () => this.world,
      auth:  this.auth,
      hooks: { onRead: (scope, type, key) => this.foreignEdits.onRead(scope.name, type, key) },
      scope:     (name) => this.scope(name),
      uiPlugins: opts.uiPlugins,
    });
    this.control = buildControlRoutes({
      world:        () => this.world,
      reconciler:   () => this.reconciler,
      faults:       this.faults,
      foreignEdits: this.foreignEdits,
      log:          this.log,
      reset:        () => this.reset(),
      load:         (ref, v) => this.load(ref, v),
      dropSockets:  (re) => this.subscriptions.closeMatching((p) => new RegExp(re).test(p)),
    });
    this.subscriptions = new Subscriptions({
      auth:    this.auth,
      resolve: (p) => this.socketTarget(p),
      refuse:  (p) => {
        const cluster = /^\/k8s\/clusters\/([^/]+)\//.exec(p)?.[1];

        if (cluster && this.world.cluster(cluster)?.disconnected) {
          return 503;
        }

        return this.faults.take('WS', p, (f) => !!f.dropWebsocket || !!f.status) ? 503 : undefined;
      },
      version: () => this.world.rancherVersion,
      pingMs:  opts.pingMs,
      onLog:   (method, path, status) => this.log.add({
        method, path, status, time: new Date().toISOString(), simTime: this.clock.iso(), durationMs: 0
      }),
    });
  }

  /** Build a fresh World from a scenario (by name or path) and start reconciling it. */
  load(ref: string, rancherVersion?: string) {
    const spec = loadScenario(ref);
    const world = buildWorld(spec, { rancherVersion: rancherVersion || this.rancherVersion, clock: this.clock });

    // installed extensions belong to this Rancher, not to the scenario: every (re)load installs them again
    installUiPlugins(world.management, this.opts.uiPlugins || []);

    this.reconciler?.dispose();
    this.world = world;
    this.scenarioRef = ref;
    this.rancherVersion = rancherVersion || this.rancherVersion;
    this.reconciler = new Reconciler(world, {
      timings: this.opts.timings,
      onError: (e) => process.stderr.write(`reconciler: ${ (e as Error).stack || e }\n`)
    });
    if (!this.opts.noSettle) {
      const speed = this.clock.speed;

      // converge instantly: the initial state is produced by the same rules, at no wall-clock cost
      this.clock.setSpeed(0);
      this.reconciler.settle();
      this.clock.setSpeed(speed);
    } else {
      this.reconciler.runOnce();
    }
    this.reconciler.start();
    this.subscriptions?.closeAll(); // clients reconnect and re-watch the new world
  }

  /** The built extension packages this Rancher has installed. */
  get uiPlugins(): UiPluginPackage[] {
    return this.opts.uiPlugins || [];
  }

  reset() {
    this.faults.clear();
    this.foreignEdits.clear();
    this.load(this.scenarioRef, this.rancherVersion);
  }

  scope(name: string): SteveScope | undefined {
    if (name === 'management') {
      return {
        name,
        basePath: '/v1',
        registry: managementRegistry,
        store:    this.world.management,
        virtual:  { userpreferences: userPreferencesEndpoint(() => this.world) },
        validate: (d, prev, next) => validateManagementWrite(this.world, d, prev, next),
      };
    }
    const c = this.world.cluster(name);

    if (!c) {
      return undefined;
    }

    return {
      name,
      basePath: `/k8s/clusters/${ name }/v1`,
      registry: downstreamRegistry,
      store:    c.store,
      actions:  downstreamActions(this.world, c),
    };
  }

  private socketTarget(path: string): SocketTarget | undefined {
    if (path === '/v1/subscribe') {
      return {
        kind: 'steve', store: this.world.management, registry: managementRegistry, basePath: '/v1'
      };
    }
    const m = /^\/k8s\/clusters\/([^/]+)\/v1\/subscribe$/.exec(path);

    if (m) {
      const c = this.world.cluster(m[1]);

      return c ? {
        kind: 'steve', store: c.store, registry: downstreamRegistry, basePath: `/k8s/clusters/${ c.id }/v1`
      } : undefined;
    }
    if (path === '/v3/subscribe') {
      return {
        kind:      'norman',
        store:     this.world.management,
        normanize: (e, origin, user) => {
          const base = `${ origin }/v3`;

          if (e.type === 'management.cattle.io.cluster') {
            return { resourceType: 'cluster', data: normanCluster(e.object, base, !user.readOnly) };
          }
          if (e.type === 'management.cattle.io.node') {
            return { resourceType: 'node', data: normanNode(e.object, base, !user.readOnly, !!e.object.spec?.internalNodeSpec?.unschedulable) };
          }

          return undefined;
        },
      };
    }

    return undefined;
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string) {
    const started = Date.now();
    const url = new URL(req.url || '/', 'http://sim.invalid');
    const pathWithQuery = `${ url.pathname }${ url.search }`;
    const method = (req.method || 'GET').toUpperCase();

    if (url.pathname.startsWith('/_sim')) {
      const reply = await this.dispatch(this.control, req, rawBody, false);

      this.write(res, reply, false);

      return;
    }
    const user = this.auth.userOf(req);

    if (this.opts.staticDir && (method === 'GET' || method === 'HEAD') && !API_PATH.test(url.pathname)) {
      res.setHeader('X-Api-Cattle-Auth', user ? 'true' : 'false');
      serveStatic(this.opts.staticDir, url.pathname, res);

      return;
    }
    let reply: Reply;
    const fault = this.faults.take(method, pathWithQuery, (f) => !f.dropWebsocket);
    const norman = url.pathname.startsWith('/v3');

    if (fault?.delayMs) {
      await new Promise((r) => setTimeout(r, fault.delayMs));
    }
    const cluster = /^\/k8s\/clusters\/([^/]+)\//.exec(url.pathname)?.[1];

    if (fault?.status) {
      const code = codeFor(fault.status);
      const message = fault.message || `injected fault: ${ fault.status }`;

      reply = { status: fault.status, body: norman ? normanError(fault.status, code, message) : steveError(fault.status, code, message) };
    } else if (cluster && this.world.cluster(cluster)?.disconnected && user) {
      // what Rancher's proxy answers while the cluster agent is not connected
      reply = { status: 503, body: steveError(503, 'ClusterUnavailable', `ClusterUnavailable 503: cluster not available: cluster agent disconnected (${ cluster })`) };
    } else {
      reply = await this.dispatch(this.api, req, rawBody, norman);
    }
    res.setHeader('X-Api-Cattle-Auth', user && !(reply.status === 401) ? 'true' : 'false');
    this.write(res, reply, method === 'HEAD');
    this.log.add({
      method, path: pathWithQuery, status: reply.status, time: new Date(started).toISOString(), simTime: this.clock.iso(), durationMs: Date.now() - started
    });
    // a queued "foreign edit" lands between this read and the client's next write
    this.foreignEdits.flush((name) => this.scope(name)?.store);
  }

  private async dispatch(router: Router, req: http.IncomingMessage, rawBody: string, norman: boolean): Promise<Reply> {
    const user = this.auth.userOf(req);
    const ctx = makeContext(req, rawBody, user);
    const found = router.match(ctx.method, ctx.path);
    const err = (status: number, code: string, message: string): Reply => ({ status, body: norman ? normanError(status, code, message) : steveError(status, code, message) });

    if (!found) {
      return err(404, 'NotFound', `no route for ${ ctx.method } ${ ctx.path }`);
    }
    if (!found.route.public && !user && router === this.api) {
      return err(401, 'Unauthorized', 'must authenticate');
    }
    ctx.params = found.params;
    try {
      return await found.route.handler(ctx);
    } catch (e) {
      if (e instanceof ApiError) {
        return err(e.status, norman && e.status === 403 ? 'PermissionDenied' : e.code, e.message);
      }
      process.stderr.write(`simulator: ${ ctx.method } ${ ctx.path }: ${ (e as Error).stack || e }\n`);

      return err(500, 'ServerError', (e as Error).message);
    }
  }

  private write(res: http.ServerResponse, reply: Reply, headOnly: boolean) {
    const body = reply.bytes ?? (reply.text !== undefined ? reply.text : (reply.body === undefined ? '' : JSON.stringify(reply.body)));

    res.writeHead(reply.status, {
      'Content-Type':  reply.bytes || reply.text !== undefined ? 'text/plain' : 'application/json',
      'Cache-Control': 'no-cache, no-store, must-revalidate',
      ...(reply.headers || {}),
    });
    res.end(headOnly ? undefined : body);
  }

  async listen(port = this.opts.port ?? 0, host = this.opts.host ?? '127.0.0.1'): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];

      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        this.handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e) => {
          process.stderr.write(`simulator: ${ (e as Error).stack || e }\n`);
          if (!res.headersSent) {
            res.writeHead(500);
          }
          res.end();
        });
      });
    });
    this.server.on('upgrade', (req, socket, head) => this.subscriptions.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });

    return this.url;
  }

  get url(): string {
    const a = this.server?.address() as AddressInfo | null;

    return a ? `http://${ a.address.includes(':') ? `[${ a.address }]` : a.address }:${ a.port }` : '';
  }

  async close() {
    this.reconciler.dispose();
    this.subscriptions.shutdown();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }
}
