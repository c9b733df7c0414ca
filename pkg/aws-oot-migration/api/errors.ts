// One error shape for everything the API layer can meet: Steve and Norman error bodies (the shell's request action
// rejects with the body, its HTTP status on `_status`), proxy errors of a disconnected downstream cluster, axios
// transport errors, our own timeouts and dropped sockets. The UI shows `messageKey` + `params` (what happened), a
// hint per `kind` (what to do) and `detail` (the server's own words).

import { downstreamClusterOf, targetOf } from './urls';

export type ApiErrorKind = 'forbidden' | 'not-found' | 'conflict' | 'server' | 'timeout' | 'unreachable' | 'network' | 'invalid';

export const ERRORS_L10N = 'awsOotMigration.errors';

/** Every message this layer can produce (each has English text under `awsOotMigration.errors` in en-us.yaml). */
export const ERROR_MESSAGES = [
  'forbidden', 'unauthorized', 'notFound', 'conflict', 'conflictFields', 'conflictRetry', 'invalid', 'server',
  'tooManyRequests', 'gatewayTimeout', 'timeout', 'unreachable', 'network', 'unknown', 'missingResourceVersion',
  'socketDropped', 'socketFailed', 'watchFailed',
] as const;

export type ErrorMessage = typeof ERROR_MESSAGES[number];

export interface ApiError {
  kind: ApiErrorKind;
  status?: number;
  messageKey: string;
  params: Record<string, string | number>;
  detail?: string;
}

/** What the request was, for the message. */
export interface RequestContext {
  url?: string;
  method?: string;
  timeoutMs?: number;
}

/** Thrown by every client method; carries the normalised error so `catch` blocks need no guessing. */
export class RancherApiError extends Error implements ApiError {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly detail?: string;

  constructor(e: ApiError) {
    super(e.detail || e.messageKey);
    this.name = 'RancherApiError';
    this.kind = e.kind;
    this.status = e.status;
    this.messageKey = e.messageKey;
    this.params = e.params;
    this.detail = e.detail;
  }

  /** The plain shape, for props and assertions. */
  toView(): ApiError {
    return makeError(this.kind, this.messageKey.slice(ERRORS_L10N.length + 1) as ErrorMessage, this.params, this.status, this.detail);
  }
}

/** Raised by the timeout wrapper (and recognised when axios aborts on its own `timeout`). */
export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${ timeoutMs } ms`);
    this.name = 'TimeoutError';
  }
}

/** Builds an error; `undefined` status and detail are left out so views compare cleanly. */
export function makeError(kind: ApiErrorKind, key: ErrorMessage, params: Record<string, string | number>, status?: number, detail?: string): ApiError {
  const out: ApiError = { kind, messageKey: `${ ERRORS_L10N }.${ key }`, params };

  if (status !== undefined) {
    out.status = status;
  }
  if (detail) {
    out.detail = detail;
  }

  return out;
}

export function isApiError(e: unknown): e is ApiError {
  return !!e && typeof e === 'object' && typeof (e as ApiError).kind === 'string' && typeof (e as ApiError).messageKey === 'string' && !!(e as ApiError).params;
}

const UNREACHABLE = /cluster agent disconnected|ClusterUnavailable|cluster not available|failed to find cluster|tunnel/i;

function statusOf(err: any): number | undefined {
  const s = err?._status ?? err?.response?.status ?? err?.status;

  return typeof s === 'number' && s > 0 ? s : undefined;
}

/** The server's words: Steve/Norman `message`, a text body, or the transport's message. */
function detailOf(err: any): string | undefined {
  if (typeof err === 'string') {
    return err;
  }
  const body = err?.response?.data ?? err;
  const text = [body?.message, typeof body?.data === 'string' ? body.data : undefined, err?.message, body?.code]
    .find((v) => typeof v === 'string' && v.trim());

  return text ? String(text).trim() : undefined;
}

function isTimeout(err: any): boolean {
  return err instanceof TimeoutError || err?.code === 'ECONNABORTED' || err?.code === 'ETIMEDOUT';
}

function isTransportError(err: any): boolean {
  return !!err && (err.isAxiosError || err.code === 'ERR_NETWORK' || err.message === 'Network Error' || err.name === 'TypeError');
}

function byStatus(status: number, detail: string | undefined, ctx: RequestContext): ApiError {
  const target = targetOf(ctx.url);
  const cluster = downstreamClusterOf(ctx.url);
  const params = { target, status };

  if (status === 401) {
    return makeError('forbidden', 'unauthorized', params, status, detail);
  }
  if (status === 403) {
    return makeError('forbidden', 'forbidden', params, status, detail);
  }
  if (status === 404) {
    return makeError('not-found', 'notFound', params, status, detail);
  }
  if (status === 409) {
    return makeError('conflict', 'conflict', params, status, detail);
  }
  if (status === 408 || status === 504) {
    return makeError('timeout', 'gatewayTimeout', params, status, detail);
  }
  if (cluster && (status === 502 || status === 503 || UNREACHABLE.test(detail || ''))) {
    return makeError('unreachable', 'unreachable', { ...params, cluster }, status, detail);
  }
  if (status === 429) {
    return makeError('server', 'tooManyRequests', params, status, detail);
  }
  if (status >= 400 && status < 500) {
    return makeError('invalid', 'invalid', params, status, detail);
  }

  return makeError('server', 'server', params, status, detail);
}

/** Normalises anything a store dispatch (or our own code) can throw. */
export function normalizeError(err: unknown, ctx: RequestContext = {}): ApiError {
  if (err instanceof RancherApiError) {
    return err.toView();
  }
  if (isApiError(err)) {
    return err;
  }
  const e = err as any;
  const target = targetOf(ctx.url);

  if (isTimeout(e)) {
    const ms = e instanceof TimeoutError ? e.timeoutMs : (ctx.timeoutMs ?? 0);

    return makeError('timeout', 'timeout', { target, seconds: Math.round(ms / 1000) }, undefined, detailOf(e));
  }
  const status = statusOf(e);

  if (status !== undefined) {
    return byStatus(status, detailOf(e), ctx);
  }
  if (isTransportError(e)) {
    return makeError('network', 'network', { target }, undefined, detailOf(e));
  }

  return makeError('server', 'unknown', { target }, undefined, detailOf(e));
}

export function toApiError(err: unknown, ctx: RequestContext = {}): RancherApiError {
  return err instanceof RancherApiError ? err : new RancherApiError(normalizeError(err, ctx));
}
