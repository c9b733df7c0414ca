// The one transport: `management/request` of the shell's store (the user's session cookie, CSRF and RBAC apply;
// the shell logs the user out on a 401), bounded by a timeout so the UI never waits forever, with every failure
// normalised to a RancherApiError.

import { RancherApiError, TimeoutError, toApiError } from './errors';
import type { RancherStore } from './types';

export const DEFAULT_TIMEOUT_MS = 30000;

export const MERGE_PATCH = 'application/merge-patch+json';

export interface RequestOptions {
  method?: 'get' | 'put' | 'patch' | 'post' | 'delete';
  data?: unknown;
  headers?: Record<string, string>;
}

export type Transport = <T = any>(url: string, opt?: RequestOptions) => Promise<T>;

/** Rejects with a TimeoutError after `ms`; the timer never outlives the promise. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });

  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `timeout` also goes to axios, so a hung request is aborted: the shell shares one in-flight GET between identical
 * calls, and a retry after a timeout must not wait on the same dead request.
 */
export function createTransport(store: RancherStore, timeoutMs = DEFAULT_TIMEOUT_MS): Transport {
  return async<T>(url: string, opt: RequestOptions = {}): Promise<T> => {
    const method = opt.method || 'get';
    const payload: Record<string, unknown> = { url, method, timeout: timeoutMs };

    if (opt.data !== undefined) {
      payload.data = opt.data;
    }
    if (opt.headers) {
      payload.headers = opt.headers;
    }
    try {
      return await withTimeout(store.dispatch('management/request', payload), timeoutMs);
    } catch (e) {
      throw toApiError(e, { url, method, timeoutMs });
    }
  };
}

/** `null` for a 404: "looked for and not found", as the engine's inputs expect. */
export async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof RancherApiError && e.kind === 'not-found') {
      return null;
    }
    throw e;
  }
}

/** Plain JSON of a shell model or a server answer (drops non-enumerable `_status`, model internals, etc.). */
export function toPlain<T>(o: T): T {
  return o === undefined ? o : JSON.parse(JSON.stringify(o));
}
