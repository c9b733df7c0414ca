// A stand-in for the shell's store: records every dispatch (tests assert the exact payloads, kubewarden style) and
// answers `management/request` from scripted replies per "METHOD url". Rejections mimic the shell: the error body
// with the HTTP status on a non-enumerable `_status`.

import type { RancherStore } from '../../types';

export type Reply = { ok: unknown } | { fail: unknown } | { hang: true };

export interface Dispatched {
  action: string;
  payload: any;
}

export const ok = (body: unknown): Reply => ({ ok: body });
export const fail = (err: unknown): Reply => ({ fail: err });
export const hang: Reply = { hang: true };

/** A Steve/Norman error body as the shell's request action rejects with it. */
export function httpError(status: number, code: string, message: string): Record<string, unknown> {
  return Object.defineProperty({
    type: 'error', status, code, message
  }, '_status', { value: status, enumerable: false });
}

/** A proxy answer that is not JSON (the shell wraps it as `{ data: text }`). */
export function textError(status: number, text: string): Record<string, unknown> {
  return Object.defineProperty({ data: text }, '_status', { value: status, enumerable: false });
}

export class FakeStore implements RancherStore {
  readonly calls: Dispatched[] = [];
  private readonly replies = new Map<string, Reply[]>();
  other: (action: string, payload: any) => unknown = () => undefined;
  getters?: Record<string, any>;

  /** Queues replies for `METHOD url`; the last one repeats. */
  on(method: string, url: string, ...replies: Reply[]): this {
    this.replies.set(`${ method.toUpperCase() } ${ url }`, replies);

    return this;
  }

  dispatch = (action: string, payload?: any): Promise<any> => {
    this.calls.push({ action, payload });
    if (action !== 'management/request') {
      return Promise.resolve(this.other(action, payload));
    }
    const key = `${ String(payload.method).toUpperCase() } ${ payload.url }`;
    const queue = this.replies.get(key);

    if (!queue?.length) {
      return Promise.reject(new Error(`FakeStore: no reply for ${ key }`));
    }
    const reply = queue.length > 1 ? queue.shift() as Reply : queue[0];

    return answer(reply);
  };

  /** `management/request` payloads only. */
  get requests(): any[] {
    return this.calls.filter((c) => c.action === 'management/request').map((c) => c.payload);
  }

  /** `METHOD url` of each request, in order. */
  get log(): string[] {
    return this.requests.map((p) => `${ String(p.method).toUpperCase() } ${ p.url }`);
  }
}

function answer(reply: Reply): Promise<unknown> {
  if ('hang' in reply) {
    return new Promise(() => undefined);
  }
  if ('fail' in reply) {
    return Promise.reject(reply.fail);
  }

  return Promise.resolve(JSON.parse(JSON.stringify(reply.ok)));
}

/** The payload `management/request` gets for a call through the transport. */
export function req(method: string, url: string, extra: { data?: unknown; headers?: Record<string, string> } = {}, timeout = 30000): Record<string, unknown> {
  return {
    url, method, timeout, ...extra
  };
}
