// Test-only control API under /_sim/ (documented in docs/simulator.md). It needs no login: it is how tests and
// the demo harness drive the simulator (reset, scenarios, faults, foreign edits, request log, clock).

import { ApiError } from './api-error';
import { Router, json } from './http-router';
import type { ForeignEdits, ForeignEditSpec } from './foreign-edits';
import type { Faults, FaultSpec } from './faults';
import type { RequestLog } from './request-log';
import { applyEdit } from './foreign-edits';
import type { World } from '../world/world';
import type { Reconciler } from '../reconciler/reconciler';
import { scenarioNames } from '../scenarios/loader';

export interface ControlDeps {
  world: () => World;
  reconciler: () => Reconciler;
  faults: Faults;
  foreignEdits: ForeignEdits;
  log: RequestLog;
  reset: () => void;
  load: (ref: string, rancherVersion?: string) => void;
  dropSockets: (pathRegex: string) => number;
}

export function buildControlRoutes(d: ControlDeps): Router {
  const r = new Router();

  r.add('GET', /^\/_sim\/?$/, () => json(200, {
    endpoints: ['GET /_sim/state', 'POST /_sim/reset', 'GET|POST /_sim/scenario', 'GET|POST|DELETE /_sim/faults', 'POST /_sim/clusters/<id>/connection', 'GET|POST|DELETE /_sim/foreign-edits', 'GET|DELETE /_sim/requests', 'GET|POST /_sim/clock', 'POST /_sim/objects', 'POST /_sim/objects/bulk', 'POST /_sim/reconcile'],
  }));
  r.add('GET', /^\/_sim\/state$/, () => {
    const w = d.world();

    return json(200, {
      scenario:       w.scenarioName,
      rancherVersion: w.rancherVersion,
      clock:          clockState(d),
      clusters:       [...w.clusters.values()].map((c) => ({
        id:           c.id,
        name:         c.name,
        namespace:    c.namespace,
        distro:       c.distro,
        cloud:        c.cloud,
        disconnected: c.disconnected,
        machines:     c.machines.map((m) => ({
          name: m.name, pool: m.pool, roles: m.roles, instance: m.instance, nodeName: m.nodeName, planHash: m.applied?.hash, upgrading: !!m.upgrading, config: m.applied?.config
        })),
      })),
    });
  });
  r.add('POST', /^\/_sim\/reset$/, () => {
    d.reset();

    return json(200, { ok: true, scenario: d.world().scenarioName });
  });
  r.add('GET', /^\/_sim\/scenarios?$/, () => json(200, { current: d.world().scenarioName, available: scenarioNames() }));
  r.add('POST', /^\/_sim\/scenario$/, (ctx) => {
    const body = ctx.json<{ name?: string; path?: string; rancherVersion?: string }>();
    const ref = body.path || body.name;

    if (!ref) {
      throw new ApiError(400, 'BadRequest', 'give "name" or "path"');
    }
    try {
      d.load(ref, body.rancherVersion);
    } catch (e) {
      throw new ApiError(400, 'BadRequest', (e as Error).message);
    }

    return json(200, { ok: true, scenario: d.world().scenarioName, rancherVersion: d.world().rancherVersion });
  });

  r.add('GET', /^\/_sim\/faults$/, () => json(200, { data: d.faults.list() }));
  r.add('POST', /^\/_sim\/faults$/, (ctx) => {
    const spec = ctx.json<FaultSpec>();
    let fault;

    try {
      fault = d.faults.add(spec);
    } catch (e) {
      throw new ApiError(400, 'BadRequest', (e as Error).message);
    }
    const dropped = spec.dropWebsocket ? d.dropSockets(spec.path) : 0;

    return json(201, { ...fault, droppedSockets: dropped });
  });
  r.add('DELETE', /^\/_sim\/faults$/, () => {
    d.faults.clear();

    return json(200, { ok: true });
  });
  r.add('DELETE', /^\/_sim\/faults\/(\d+)$/, (ctx) => {
    d.faults.remove(Number(ctx.params[0]));

    return json(200, { ok: true });
  });
  r.add('POST', /^\/_sim\/clusters\/([^/]+)\/connection$/, (ctx) => {
    const c = d.world().cluster(ctx.params[0]);

    if (!c) {
      throw new ApiError(404, 'NotFound', `cluster ${ ctx.params[0] }`);
    }
    const { connected } = ctx.json<{ connected: boolean }>();

    c.disconnected = connected === false;
    d.world().management.mutate('management.cattle.io.cluster', c.id, (m) => {
      const conditions = (m.status?.conditions || []).filter((x: any) => x.type !== 'Connected');

      conditions.push({
        type: 'Connected', status: c.disconnected ? 'False' : 'True', reason: c.disconnected ? 'Disconnected' : '', message: c.disconnected ? 'cluster agent disconnected' : '', lastUpdateTime: d.world().clock.iso()
      });
      m.status = { ...(m.status || {}), connected: !c.disconnected, conditions };
    });
    const dropped = c.disconnected ? d.dropSockets(`^/k8s/clusters/${ c.id }/`) : 0;

    return json(200, { id: c.id, connected: !c.disconnected, droppedSockets: dropped });
  });

  r.add('GET', /^\/_sim\/foreign-edits$/, () => json(200, { pending: d.foreignEdits.list(), applied: d.foreignEdits.applied }));
  r.add('POST', /^\/_sim\/foreign-edits$/, (ctx) => {
    const spec = ctx.json<ForeignEditSpec>();

    if (!spec.type || !spec.id || (spec.mergePatch === undefined && !spec.jsonPatch)) {
      throw new ApiError(400, 'BadRequest', 'need type, id and mergePatch or jsonPatch');
    }
    if (spec.when === 'now') {
      const store = storeOf(d, spec.cluster || 'management');
      const o = applyEdit(store, spec);

      return json(200, { applied: true, resourceVersion: o.metadata.resourceVersion });
    }

    return json(201, d.foreignEdits.queue(spec));
  });
  r.add('DELETE', /^\/_sim\/foreign-edits$/, () => {
    d.foreignEdits.clear();

    return json(200, { ok: true });
  });
  // the same change to every object of a type, optionally only those with the given labels (like
  // `kubectl taint nodes --all` or a controller touching a whole fleet): one burst of watch events
  r.add('POST', /^\/_sim\/objects\/bulk$/, (ctx) => {
    const spec = ctx.json<Omit<ForeignEditSpec, 'id'> & { labels?: Record<string, string> }>();

    if (!spec.type || (spec.mergePatch === undefined && !spec.jsonPatch)) {
      throw new ApiError(400, 'BadRequest', 'need type and mergePatch or jsonPatch');
    }
    const store = storeOf(d, spec.cluster || 'management');
    const wanted = Object.entries(spec.labels || {});
    const ids = store.list(spec.type)
      .filter((o) => wanted.every(([k, v]) => o.metadata.labels?.[k] === v))
      .map((o) => (o.metadata.namespace ? `${ o.metadata.namespace }/${ o.metadata.name }` : o.metadata.name));

    ids.forEach((id) => applyEdit(store, { ...spec, id }));

    return json(200, { count: ids.length });
  });
  // a "server-side" change to any object (like a controller or another user would make): merge or JSON patch
  r.add('POST', /^\/_sim\/objects$/, (ctx) => {
    const spec = ctx.json<ForeignEditSpec>();
    const o = applyEdit(storeOf(d, spec.cluster || 'management'), spec);

    return json(200, o);
  });

  r.add('GET', /^\/_sim\/requests$/, (ctx) => {
    const data = d.log.list({ method: ctx.query.get('method') || undefined, path: ctx.query.get('path') || undefined, since: Number(ctx.query.get('since') || 0) });

    return json(200, { count: data.length, data });
  });
  r.add('DELETE', /^\/_sim\/requests$/, () => {
    d.log.clear();

    return json(200, { ok: true });
  });

  r.add('GET', /^\/_sim\/clock$/, () => json(200, clockState(d)));
  r.add('POST', /^\/_sim\/clock$/, (ctx) => {
    const body = ctx.json<{ speed?: number; advanceMs?: number; settle?: boolean }>();

    try {
      if (body.speed !== undefined) {
        d.world().clock.setSpeed(Number(body.speed));
      }
      if (body.advanceMs !== undefined) {
        d.reconciler().advance(Number(body.advanceMs));
      }
      if (body.settle) {
        d.reconciler().settle();
      }
    } catch (e) {
      throw new ApiError(400, 'BadRequest', (e as Error).message);
    }

    return json(200, clockState(d));
  });
  r.add('POST', /^\/_sim\/reconcile$/, () => json(200, { writes: d.reconciler().runOnce() }));

  return r;
}

function storeOf(d: ControlDeps, cluster: string) {
  const w = d.world();
  const store = cluster === 'management' ? w.management : w.cluster(cluster)?.store;

  if (!store) {
    throw new ApiError(404, 'NotFound', `cluster ${ cluster }`);
  }

  return store;
}

function clockState(d: ControlDeps) {
  const w = d.world();

  return {
    now: w.clock.iso(), speed: w.clock.speed, manual: w.clock.manual, nextWake: Number.isFinite(d.reconciler().pendingWake) ? new Date(d.reconciler().pendingWake).toISOString() : null
  };
}
