// Fault injection per route: a fault matches requests by method and a regex over `pathname?query`, and either
// answers an error status (Steve/Norman error shape), delays the request, or drops websockets. Faults are
// one-shot (`times: 1`), counted (`times: n`) or sticky (no `times`). Cluster disconnection is a separate switch
// on the cluster (see the control API) because the proxy then answers 503 for every path under it.

export interface FaultSpec {
  /** Regex over the request path incl. query, e.g. "^/v1/provisioning\\.cattle\\.io\\.clusters/". */
  path: string;
  method?: string;              // GET, PUT, …, WS for websocket upgrades; default any
  status?: number;              // 403, 404, 409, 500, 503 …
  message?: string;
  delayMs?: number;             // wall-clock delay before the request is handled (or the error answered)
  /** Refuse websocket upgrades on matching paths and close the open ones. */
  dropWebsocket?: boolean;
  times?: number;               // undefined = sticky
}

export interface Fault extends FaultSpec {
  id: number;
  hits: number;
}

const CODES: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 422: 'Invalid', 429: 'TooManyRequests', 500: 'ServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout'
};

export function codeFor(status: number): string {
  return CODES[status] || 'ServerError';
}

export class Faults {
  private faults: Fault[] = [];
  private seq = 0;

  add(spec: FaultSpec): Fault {
    if (!spec || typeof spec.path !== 'string') {
      throw new Error('fault needs a "path" regex');
    }
    new RegExp(spec.path); // validate early
    const f: Fault = {
      ...spec, method: spec.method?.toUpperCase(), id: ++this.seq, hits: 0
    };

    this.faults.push(f);

    return f;
  }

  list(): Fault[] {
    return this.faults;
  }

  remove(id: number) {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear() {
    this.faults = [];
  }

  /** The first active fault for this request; consumes one use of it. */
  take(method: string, pathWithQuery: string, predicate: (f: Fault) => boolean = () => true): Fault | undefined {
    const f = this.faults.find((x) => (!x.method || x.method === method) && new RegExp(x.path).test(pathWithQuery) && predicate(x));

    if (!f) {
      return undefined;
    }
    f.hits++;
    if (f.times !== undefined && f.hits >= f.times) {
      this.remove(f.id);
    }

    return f;
  }
}
