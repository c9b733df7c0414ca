// Steve's websocket protocol (`/v1/subscribe`, `/k8s/clusters/<id>/v1/subscribe`) and Norman's `/v3/subscribe`.
// Clients send watch requests `{resourceType, id?, namespace?, selector?, stop?}`; the server answers
// `resource.start`/`resource.stop` and pushes `resource.create|change|remove` with the full Steve object of every
// matching store event, plus a `ping` every ~10 s (the shell reconnects after 35 s without a frame).

import type { IncomingMessage } from 'http';
import type { Duplex } from 'stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Auth, User } from './auth';
import { originOf } from './http-router';
import type { KubeObject } from './kube-object';
import { keyOf } from './kube-object';
import type { ObjectStore, StoreEvent } from './object-store';
import { steveResource } from './steve/format';
import { matchesLabelSelector } from './steve/selectors';
import type { TypeRegistry } from './type-registry';

export interface WatchRequest {
  resourceType: string;
  id?: string;
  namespace?: string;
  selector?: string;
  mode?: string;
  resourceVersion?: string;
  stop?: boolean;
}

/** What a socket path subscribes to. */
export interface SocketTarget {
  kind: 'steve' | 'norman';
  store: ObjectStore;
  registry?: TypeRegistry;        // steve
  basePath?: string;              // steve: '/v1' | '/k8s/clusters/<id>/v1'
  /** norman: maps a store event to (resourceType, Norman object), or undefined to skip it. */
  normanize?: (e: StoreEvent, origin: string, user: User) => { resourceType: string; data: unknown } | undefined;
}

interface Client {
  ws: WebSocket;
  path: string;
  user: User;
  origin: string;
  target: SocketTarget;
  watches: WatchRequest[];
  unsubscribe: () => void;
  ping: NodeJS.Timeout;
}

export interface SubscriptionOptions {
  auth: Auth;
  resolve: (path: string) => SocketTarget | undefined;
  /** A fault or a disconnected cluster refuses the upgrade with this HTTP status. */
  refuse: (path: string) => number | undefined;
  version: () => string;
  pingMs?: number;
  onLog?: (method: string, path: string, status: number) => void;
}

export class Subscriptions {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<Client>();

  constructor(private readonly opts: SubscriptionOptions) {}

  get count(): number {
    return this.clients.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const path = new URL(req.url || '/', 'http://sim.invalid').pathname;
    const user = this.opts.auth.userOf(req);
    const target = this.opts.resolve(path);
    const refused = this.opts.refuse(path);
    const status = !target ? 404 : (!user ? 401 : refused);

    if (status) {
      this.opts.onLog?.('WS', path, status);
      socket.write(`HTTP/1.1 ${ status } ${ status === 401 ? 'Unauthorized' : 'Unavailable' }\r\nX-Api-Cattle-Auth: ${ user ? 'true' : 'false' }\r\n\r\n`);
      socket.destroy();

      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.opts.onLog?.('WS', path, 101);
      this.attach(ws, path, user as User, originOf(req), target as SocketTarget);
    });
  }

  private attach(ws: WebSocket, path: string, user: User, origin: string, target: SocketTarget) {
    const client: Client = {
      ws,
      path,
      user,
      origin,
      target,
      watches:     [],
      unsubscribe: () => undefined,
      ping:        setInterval(() => this.send(client, { name: 'ping', data: { version: this.opts.version() } }), this.opts.pingMs ?? 10000),
    };

    client.ping.unref?.();
    client.unsubscribe = target.store.watch((e) => this.onEvent(client, e));
    this.clients.add(client);
    this.send(client, { name: 'ping', data: { version: this.opts.version() } });
    ws.on('message', (raw) => this.onMessage(client, raw.toString()));
    ws.on('close', () => this.detach(client));
    ws.on('error', () => this.detach(client));
  }

  private detach(client: Client) {
    if (this.clients.delete(client)) {
      clearInterval(client.ping);
      client.unsubscribe();
    }
  }

  private send(client: Client, msg: unknown) {
    if (client.ws.readyState === WebSocket.OPEN) {
      client.ws.send(JSON.stringify(msg));
    }
  }

  private onMessage(client: Client, raw: string) {
    let msg: WatchRequest;

    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (!msg || typeof msg.resourceType !== 'string') {
      return;
    }
    const {
      resourceType, id, namespace, selector, mode
    } = msg;
    const echo = {
      resourceType, id, namespace, selector, mode
    };

    if (msg.stop) {
      // Steve keys a watch by type, id, namespace and selector: a type-wide stop (the shell sends one when it
      // drops its list watch) must not end a single-object watch of the same type.
      const target = client.target.registry?.resolve(resourceType)?.id || resourceType;

      client.watches = client.watches.filter((w) => !(w.resourceType === target && w.id === id && w.namespace === namespace && w.selector === selector));
      this.send(client, { name: 'resource.stop', ...echo }); // the shell reads id/namespace/selector at the top level

      return;
    }
    if (client.target.kind === 'steve' && !client.target.registry?.resolve(resourceType)) {
      this.send(client, { name: 'resource.error', resourceType, data: { ...echo, error: `unknown schema type ${ resourceType }` } });

      return;
    }
    client.watches.push({
      resourceType: client.target.registry?.resolve(resourceType)?.id || resourceType, id, namespace, selector, mode
    });
    this.send(client, { name: 'resource.start', ...echo });
  }

  private onEvent(client: Client, e: StoreEvent) {
    if (!client.watches.length) {
      return;
    }
    const name = `resource.${ e.name }`;

    if (client.target.kind === 'norman') {
      const n = client.target.normanize?.(e, client.origin, client.user);

      if (n && client.watches.some((w) => w.resourceType === n.resourceType)) {
        this.send(client, { name, resourceType: n.resourceType, data: n.data });
      }

      return;
    }
    const d = client.target.registry?.resolve(e.type);

    if (!d || !client.watches.some((w) => matches(w, e.type, e.object))) {
      return;
    }
    const data = steveResource(d, e.object, {
      base:  `${ client.origin }${ client.target.basePath }`,
      verbs: (t) => this.opts.auth.verbs(client.user, t),
    });

    this.send(client, { name, resourceType: d.id, data });
  }

  /** Fault injection and scenario reloads: close sockets whose path matches (clients reconnect). */
  closeMatching(test: (path: string) => boolean, code = 1001): number {
    let n = 0;

    for (const c of [...this.clients]) {
      if (test(c.path)) {
        c.ws.close(code, 'closed by simulator');
        this.detach(c);
        n++;
      }
    }

    return n;
  }

  closeAll(): number {
    return this.closeMatching(() => true);
  }

  shutdown() {
    this.closeAll();
    this.wss.close();
  }
}

function matches(w: WatchRequest, type: string, o: KubeObject): boolean {
  if (w.resourceType !== type) {
    return false;
  }
  if (w.id && w.id !== keyOf(o) && w.id !== o.metadata.name) {
    return false;
  }
  if (w.namespace && w.namespace !== o.metadata.namespace) {
    return false;
  }

  return !w.selector || matchesLabelSelector(o, w.selector);
}
