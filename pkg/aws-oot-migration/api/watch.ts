// Live views over websockets, never polling.
//
// Management-side objects (provisioning cluster, RKEControlPlane, provisioning-log ConfigMap): the management
// store's own machinery — `management/find` with `watch: true` keeps the returned model up to date through the
// shell's `/v1/subscribe` socket (which re-watches after reconnects itself); `management/unwatch` ends it.
//
// Downstream objects (nodes, the CCM DaemonSet, HelmCharts, Apps): the page stays on the blank cluster, so the
// shell opens no socket for the cluster being migrated. We open `/k8s/clusters/<id>/v1/subscribe` with the shell's
// Socket (same cookie, same 35 s frame watchdog, same reconnect back-off), one per cluster shared by all watches.
// Each watch is one list plus the watch (from the list's revision); after a reconnect, or when Steve stops or
// rejects a watch as too old, it lists once again and resumes. A drop is reported as state `dropped` at once.

import { shallowRef } from 'vue';
import Socket, {
  EVENT_CONNECTED, EVENT_CONNECTING, EVENT_DISCONNECTED, EVENT_DISCONNECT_ERROR, EVENT_FRAME_TIMEOUT, EVENT_MESSAGE,
} from '@shell/utils/socket';
import {
  ApiError, makeError, toApiError,
} from './errors';
import {
  DEFAULT_TIMEOUT_MS, Transport, orNull, withTimeout,
} from './request';
import { matchesSelector } from './selector';
import type { KubeObject, RancherStore, SteveCollection } from './types';
import {
  downstreamBase, downstreamSubscribeUrl, listUrl, stevePath,
} from './urls';

/** What to watch. `type` is the Steve schema id (`node`, `apps.daemonset`, `helm.cattle.io.helmchart` …): it is
 * what Steve's messages name as `resourceType`. `id` is the object's name. */
export interface WatchTarget {
  type: string;
  id?: string;
  namespace?: string;
  selector?: string;
}

/**
 * connecting: first list or socket under way · live: listed and watching · resyncing: listing again after a gap ·
 * dropped: the socket is down, reconnecting (data may be stale) · failed: gave up; `resync()` tries again ·
 * stopped: `stop()` was called.
 */
export type WatchState = 'connecting' | 'live' | 'resyncing' | 'dropped' | 'failed' | 'stopped';

export interface WatchEvent<T = KubeObject> {
  name: 'create' | 'change' | 'remove';
  object: T;
}

export interface WatchHandlers<T = KubeObject> {
  /** The complete current set: after the first list and after every resync (replace, don't merge). */
  onList: (items: T[]) => void;
  onEvent: (e: WatchEvent<T>) => void;
  onState?: (state: WatchState, error?: ApiError) => void;
}

export interface WatchHandle {
  stop(): void;
  /** Lists again (and reconnects if the socket gave up). */
  resync(): Promise<void>;
  readonly state: WatchState;
}

/** The parts of the shell's Socket we use (a fake in tests). */
export interface SocketLike {
  addEventListener(type: string, listener: (e: any) => void): void;
  connect(metadata?: object): void;
  send(data: string): boolean;
  disconnect(): unknown;
  setAutoReconnect?(on: boolean): void;
}

export type SocketFactory = (url: string) => SocketLike;

/** The shell's Socket; `maxTries` null = keep reconnecting (we show our own "dropped" state meanwhile). */
export const shellSocketFactory: SocketFactory = (url) => new Socket(url, true, null, null, null) as unknown as SocketLike;

interface Listed {
  items: KubeObject[];
  revision?: string;
}

const keyOfObject = (o: KubeObject) => (o.metadata?.namespace ? `${ o.metadata.namespace }/${ o.metadata.name }` : o.metadata?.name);

/** Identity of a watch on the server (Steve matches stop messages by these fields). */
export function watchKey(t: WatchTarget): string {
  return [t.type, t.namespace || '', t.id || '', t.selector || ''].join('|');
}

export function matchesTarget(t: WatchTarget, o: KubeObject): boolean {
  const m = o?.metadata;

  return !!m && (!t.id || m.name === t.id) && (!t.namespace || m.namespace === t.namespace) && matchesSelector(m.labels, t.selector);
}

/** Client → Steve watch request. */
export function watchMessage(t: WatchTarget, revision?: string, stop = false): Record<string, unknown> {
  const msg: Record<string, unknown> = { resourceType: t.type };

  if (revision && !stop) {
    msg.resourceVersion = revision;
  }
  for (const k of ['namespace', 'id', 'selector'] as const) {
    if (t[k]) {
      msg[k] = t[k];
    }
  }
  if (stop) {
    msg.stop = true;
  }

  return msg;
}

/** One list (or one GET for an id) through the proxy. */
export async function listTarget(request: Transport, clusterId: string, t: WatchTarget): Promise<Listed> {
  const base = downstreamBase(clusterId);

  if (t.id) {
    const o = await orNull(request<KubeObject>(stevePath(base, t.type, t.namespace, t.id)));

    return { items: o ? [o] : [], revision: o?.metadata?.resourceVersion };
  }
  const res = await request<SteveCollection>(listUrl(base, t.type, t.namespace, { labelSelector: t.selector }));

  return { items: Array.isArray(res?.data) ? res.data : [], revision: res?.revision };
}

class Watch implements WatchHandle {
  state: WatchState = 'connecting';
  stopped = false;
  subscribed = false;
  private known = new Set<string>();
  private revision?: string;
  private listed = false;
  private loads = 0;

  constructor(readonly hub: ClusterSocket, readonly target: WatchTarget, private readonly handlers: WatchHandlers) {}

  setState(state: WatchState, error?: ApiError) {
    if (state !== this.state || error) {
      this.state = state;
      this.handlers.onState?.(state, error);
    }
  }

  /** Lists, hands the full set over, then (re)subscribes from the list's revision. */
  async load(state: WatchState): Promise<void> {
    const seq = ++this.loads;

    this.listed = false;
    this.setState(state);
    try {
      const { items, revision } = await this.hub.list(this.target);

      if (this.stopped || seq !== this.loads) {
        return; // stopped, or superseded by a newer load
      }
      this.revision = revision;
      this.known = new Set(items.map(keyOfObject));
      this.listed = true;
      this.handlers.onList(items);
      this.subscribe();
    } catch (e) {
      if (!this.stopped && seq === this.loads) {
        this.setState('failed', toApiError(e).toView());
      }
    }
  }

  subscribe() {
    if (!this.listed || this.stopped || !this.hub.connected) {
      return;
    }
    if (!this.subscribed) {
      this.subscribed = this.hub.send(watchMessage(this.target, this.revision));
    }
    if (this.subscribed) {
      this.setState('live');
    }
  }

  resync(): Promise<void> {
    if (this.stopped) {
      return Promise.resolve();
    }
    this.hub.revive();

    return this.load('resyncing');
  }

  /** Routes one change; an object that left a selector watch is a removal for it. */
  apply(name: WatchEvent['name'], o: KubeObject) {
    const key = keyOfObject(o);

    if (name !== 'remove' && matchesTarget(this.target, o)) {
      this.known.add(key);
      this.handlers.onEvent({ name, object: o });
    } else if (this.known.delete(key) || (name === 'remove' && matchesTarget(this.target, o))) {
      this.handlers.onEvent({ name: 'remove', object: o });
    }
  }

  stop() {
    if (!this.stopped) {
      this.stopped = true;
      this.hub.remove(this);
      this.setState('stopped');
    }
  }
}

/** One socket to one downstream cluster, shared by its watches. */
class ClusterSocket {
  connected = false;
  private everConnected = false;
  private attempts = 0;
  private gaveUp = false;
  private readonly watches = new Set<Watch>();
  private socket?: SocketLike;

  constructor(readonly clusterId: string, private readonly factory: SocketFactory, private readonly request: Transport, private readonly onEmpty: () => void) {}

  list(t: WatchTarget): Promise<Listed> {
    return listTarget(this.request, this.clusterId, t);
  }

  add(w: Watch) {
    this.watches.add(w);
    if (!this.socket) {
      this.open();
    }
  }

  private open() {
    const s = this.factory(downstreamSubscribeUrl(this.clusterId));

    this.socket = s;
    s.addEventListener(EVENT_CONNECTED, () => this.onConnected());
    s.addEventListener(EVENT_CONNECTING, () => this.onConnecting());
    s.addEventListener(EVENT_FRAME_TIMEOUT, () => this.onDropped('dropped', 'socketDropped'));
    s.addEventListener(EVENT_DISCONNECTED, () => this.onDropped('failed', 'socketFailed'));
    s.addEventListener(EVENT_DISCONNECT_ERROR, () => this.onDropped('failed', 'socketFailed'));
    s.addEventListener(EVENT_MESSAGE, (e) => this.onMessage(e?.detail?.data));
    s.connect();
  }

  send(msg: Record<string, unknown>): boolean {
    return this.connected && !!this.socket?.send(JSON.stringify(msg));
  }

  /** After the socket gave up: connect again (the shell's Socket ignores this while it is connecting). */
  revive() {
    if (this.gaveUp && this.socket) {
      this.gaveUp = false;
      this.socket.setAutoReconnect?.(true);
      this.socket.connect();
    }
  }

  private onConnected() {
    const reconnected = this.everConnected;

    this.connected = true;
    this.everConnected = true;
    this.gaveUp = false;
    this.attempts = 0;
    this.watches.forEach((w) => (reconnected ? w.load('resyncing') : w.subscribe()));
  }

  /** The first "connecting" is the initial attempt; any later one means the socket closed and is retrying. */
  private onConnecting() {
    if (this.connected || ++this.attempts > 1) {
      this.onDropped('dropped', 'socketDropped');
    }
  }

  private onDropped(state: WatchState, key: 'socketDropped' | 'socketFailed') {
    if (!this.socket) {
      return; // our own disconnect
    }
    this.connected = false;
    this.gaveUp = state === 'failed';
    const error = makeError('network', key, { cluster: this.clusterId });

    this.watches.forEach((w) => {
      w.subscribed = false;
      w.setState(state, error);
    });
  }

  private onMessage(raw: unknown) {
    let msg: any;

    try {
      msg = typeof raw === 'string' ? JSON.parse(raw) : raw;
    } catch {
      return;
    }
    const name = String(msg?.name || '');
    const event = /^resource\.(create|change|remove)$/.exec(name);

    if (event) {
      this.ofType(msg.resourceType).forEach((w) => w.apply(event[1] as WatchEvent['name'], msg.data));
    } else if (name === 'resource.stop' || name === 'resource.error') {
      this.onStopOrError(name, msg);
    }
  }

  private ofType(type: string): Watch[] {
    return [...this.watches].filter((w) => w.target.type === type);
  }

  /** Steve stops watches on its own (permission changes, periodic refresh) and rejects stale revisions. */
  private onStopOrError(name: string, msg: any) {
    const echo = { ...(msg.data || {}), ...msg };
    const targets = this.ofType(msg.resourceType).filter((w) => ['id', 'namespace', 'selector'].every((k) => !echo[k] || echo[k] === (w.target as any)[k]));
    const error = String(msg.data?.error || msg.error || '');

    targets.forEach((w) => {
      w.subscribed = false;
      if (name === 'resource.stop' || /too old/i.test(error)) {
        w.load('resyncing');
      } else {
        w.setState('failed', makeError('server', 'watchFailed', { cluster: this.clusterId, type: w.target.type }, undefined, error || undefined));
      }
    });
  }

  remove(w: Watch) {
    this.watches.delete(w);
    const twin = [...this.watches].some((o) => watchKey(o.target) === watchKey(w.target));

    if (w.subscribed && !twin) {
      this.send(watchMessage(w.target, undefined, true));
    }
    if (!this.watches.size && this.socket) {
      const s = this.socket;

      this.socket = undefined;
      this.connected = false;
      s.disconnect();
      this.onEmpty();
    }
  }
}

/** Downstream watches of one client: one socket per cluster, closed when its last watch stops. */
export class DownstreamWatches {
  private readonly sockets = new Map<string, ClusterSocket>();

  constructor(private readonly request: Transport, private readonly factory: SocketFactory = shellSocketFactory) {}

  watch(clusterId: string, target: WatchTarget, handlers: WatchHandlers): WatchHandle {
    let hub = this.sockets.get(clusterId);

    if (!hub) {
      hub = new ClusterSocket(clusterId, this.factory, this.request, () => this.sockets.delete(clusterId));
      this.sockets.set(clusterId, hub);
    }
    const w = new Watch(hub, target, handlers);

    hub.add(w);
    w.load('connecting');

    return w;
  }
}

export interface ManagementWatch<T = any> {
  /** The store's model when it was found. */
  object: T;
  /**
   * The store's model now (reactive). The shell swaps its models when it lists the type (`loadAll` builds new
   * ones), after which the found `object` no longer changes: read through this, never hold `object`.
   */
  current?(): T;
  stop(): void;
}

/**
 * Finds one management object fresh and keeps it watched (`id` = `<namespace>/<name>` or `<name>`).
 *
 * `typeWide`: keep it current through the type's watch instead of a watch of the one object. The shell lets only
 * one namespace scope per type live in a store: when its own list watch of the type starts (cluster management
 * does this for provisioning clusters and control planes while our page is open) it unwatches a namespaced
 * single-object watch as "incompatible", and the object silently stops changing. The type-wide watch is the one the
 * shell's lists share, so it is never stopped here.
 */
/** Newer of the store's model and an object straight from its socket (etcd resourceVersions are integers). */
export function newestOf<T = any>(model: T, raw: KubeObject | null | undefined): T {
  const rv = (o: any) => Number(o?.metadata?.resourceVersion);

  return raw && rv(raw) > rv(model) ? raw as unknown as T : model;
}

/**
 * Calls `onObject` with each change of one management object as the store's socket receives it. The shell applies
 * socket changes to its models in a batch once a second (steve/subscribe.js flushQueue), too late for "completion
 * within 1 s". This listens on the socket the store already has — no second connection — and cheaply skips other
 * messages before parsing. Without a socket (the shell's worker mode) it does nothing and the batched model is all.
 */
export function listenManagementChanges(store: RancherStore, type: string, id: string, onObject: (o: KubeObject) => void): () => void {
  const socket = (store as any).state?.management?.socket;
  const name = id.slice(id.indexOf('/') + 1);

  if (!socket?.addEventListener) {
    return () => undefined;
  }
  const listener = (e: any) => {
    const raw = e?.detail?.data;

    if (typeof raw !== 'string' || !raw.includes(name) || !raw.includes(type)) {
      return;
    }
    try {
      const msg = JSON.parse(raw);

      if ((msg.name === 'resource.change' || msg.name === 'resource.create') && msg.resourceType === type && msg.data?.id === id) {
        onObject(msg.data);
      }
    } catch {
      // not ours to judge: the store reports bad messages
    }
  };

  socket.addEventListener(EVENT_MESSAGE, listener);

  return () => socket.removeEventListener?.(EVENT_MESSAGE, listener);
}

export async function watchManagementObject<T = any>(store: RancherStore, type: string, id: string, timeoutMs = DEFAULT_TIMEOUT_MS, opts: { typeWide?: boolean } = {}): Promise<ManagementWatch<T>> {
  const slash = id.indexOf('/');
  const [namespace, name] = slash > 0 ? [id.slice(0, slash), id.slice(slash + 1)] : [undefined, id];
  let object: T;

  try {
    object = await withTimeout(store.dispatch('management/find', {
      type, id, opt: { force: true, watch: !opts.typeWide, timeout: timeoutMs }
    }), timeoutMs);
  } catch (e) {
    throw toApiError(e, { url: `/v1/${ type }/${ id }`, method: 'get', timeoutMs });
  }
  const latest = shallowRef<KubeObject | null>(null);
  const current = () => newestOf(store.getters?.['management/byId']?.(type, id) ?? object, latest.value);

  if (opts.typeWide) {
    await store.dispatch('management/watch', { type });
    // the type-wide watch is the shell's to end; only our listener on its socket is ours
    const stopListening = listenManagementChanges(store, type, id, (o) => {
      latest.value = o;
    });

    return { object, current, stop: stopListening };
  }

  return {
    object, current, stop: () => store.dispatch('management/unwatch', { type, id: name, namespace })
  };
}
