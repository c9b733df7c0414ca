// A small route table. Each route is a method + path regex; handlers return a Reply (or throw ApiError), and
// the server renders it. Keeping handlers as functions of a RequestContext makes them testable without sockets.

import type { IncomingMessage } from 'http';
import { badRequest } from './api-error';
import type { User } from './auth';

export interface RequestContext {
  req: IncomingMessage;
  method: string;
  path: string;                 // decoded pathname, no query
  query: URLSearchParams;
  rawBody: string;
  contentType: string;
  /** Browser-visible origin, from x-api-host / x-forwarded-proto (the dev server's proxy sets them). */
  origin: string;
  user?: User;
  params: string[];             // regex capture groups
  json<T = any>(): T;
}

export interface Reply {
  status: number;
  body?: unknown;               // JSON-encoded unless `text` is set
  text?: string;
  /** Raw bytes (files), sent as they are; set Content-Type in `headers`. */
  bytes?: Buffer;
  headers?: Record<string, string | string[]>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;               // '*' for any
  pattern: RegExp;
  handler: Handler;
  /** Public routes answer without a session. */
  public?: boolean;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: RegExp, handler: Handler, opts: { public?: boolean } = {}): this {
    this.routes.push({
      method, pattern, handler, public: opts.public
    });

    return this;
  }

  match(method: string, path: string): { route: Route; params: string[] } | undefined {
    for (const route of this.routes) {
      if (route.method !== '*' && route.method !== method) {
        continue;
      }
      const m = route.pattern.exec(path);

      if (m) {
        return { route, params: m.slice(1).map((p) => (p === undefined ? '' : p)) };
      }
    }

    return undefined;
  }
}

export function originOf(req: IncomingMessage): string {
  const host = (req.headers['x-api-host'] as string) || req.headers.host || 'localhost';
  const proto = ((req.headers['x-forwarded-proto'] as string) || 'http').split(',')[0].trim();

  return `${ proto }://${ host }`;
}

export function makeContext(req: IncomingMessage, rawBody: string, user: User | undefined): RequestContext {
  const url = new URL(req.url || '/', 'http://sim.invalid');

  return {
    req,
    method:      (req.method || 'GET').toUpperCase(),
    path:        decodeURIComponent(url.pathname),
    query:       url.searchParams,
    rawBody,
    contentType: ((req.headers['content-type'] as string) || '').split(';')[0].trim().toLowerCase(),
    origin:      originOf(req),
    user,
    params:      [],
    json<T>(): T {
      if (!rawBody) {
        return {} as T;
      }
      try {
        return JSON.parse(rawBody) as T;
      } catch (e) {
        throw badRequest(`invalid JSON body: ${ (e as Error).message }`);
      }
    },
  };
}

export const json = (status: number, body: unknown, headers?: Record<string, string | string[]>): Reply => ({ status, body, headers });
