// Test helpers: an in-process simulator on port 0 with a manual clock, and a tiny cookie-keeping HTTP client.

import http from 'http';
import WebSocket from 'ws';
import { Simulator, SimulatorOptions } from '../simulator';
import type { KubeObject } from '../engine/kube-object';

export interface Response<T = any> {
  status: number;
  headers: { get(name: string): string | undefined };
  body: T;
}

/** node:http (jest 27's node environment has no global fetch). */
function request(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];

      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode || 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });

    req.on('error', reject);
    req.end(body);
  });
}

export class Client {
  cookie = '';

  constructor(readonly url: string) {}

  async login(username = 'admin', password = 'password'): Promise<Response> {
    const r = await this.req('POST', '/v1-public/login', {
      type: 'localProvider', username, password, responseType: 'cookie'
    });
    const set = r.headers.get('set-cookie') || '';

    this.cookie = set.split(';')[0];

    return r;
  }

  async req<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const res = await request(`${ this.url }${ path }`, method, {
      ...(this.cookie ? { cookie: this.cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    }, body === undefined ? undefined : JSON.stringify(body));
    const text = res.text;
    let parsed: any = text;

    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (static files)
    }

    const get = (name: string) => {
      const v = res.headers[name.toLowerCase()];

      return Array.isArray(v) ? v.join(', ') : v;
    };

    return { status: res.status, headers: { get }, body: parsed };
  }

  get<T = any>(path: string) {
    return this.req<T>('GET', path);
  }

  /** Opens a websocket with the session cookie and collects messages. */
  async socket(path: string): Promise<{ ws: WebSocket; messages: any[]; next: (pred: (m: any) => boolean) => Promise<any> }> {
    const ws = new WebSocket(`${ this.url.replace(/^http/, 'ws') }${ path }`, { headers: { cookie: this.cookie } });
    const messages: any[] = [];
    const waiters: Array<{ pred: (m: any) => boolean; resolve: (m: any) => void }> = [];

    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString());

      messages.push(m);
      for (const w of [...waiters]) {
        if (w.pred(m)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${ res.statusCode }`)));
    });

    return {
      ws,
      messages,
      next: (pred) => {
        const found = messages.find(pred);

        return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ pred, resolve }));
      },
    };
  }
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<{ sim: Simulator; url: string; admin: Client; close: () => Promise<void> }> {
  const sim = new Simulator({ speed: 0, ...opts });
  const url = await sim.listen(0);
  const admin = new Client(url);

  await admin.login();

  return {
    sim, url, admin, close: () => sim.close()
  };
}

/** A simulator without HTTP, for reconciler tests. */
export function worldOf(scenario: string, opts: SimulatorOptions = {}) {
  const sim = new Simulator({ scenario, speed: 0, ...opts });

  return {
    sim,
    world:      sim.world,
    reconciler: sim.reconciler,
    cluster:    (id: string) => sim.world.cluster(id)!,
    /** Read-modify-write of the provisioning cluster as a client would (bumps generation on spec change). */
    editProv:   (key: string, fn: (o: KubeObject) => void) => sim.world.management.mutate('provisioning.cattle.io.cluster', key, fn),
    dispose:    () => sim.reconciler.dispose(),
  };
}

export function nodes(c: { store: { list: (t: string) => KubeObject[] } }): KubeObject[] {
  return c.store.list('node');
}

export const hasTaint = (n: KubeObject, key: string) => (n.spec?.taints || []).some((t: any) => t.key === key);
