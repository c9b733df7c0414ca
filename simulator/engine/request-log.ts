// Every API request (not static files, not /_sim control calls) with its status, so tests can count requests.

export interface LoggedRequest {
  seq: number;
  method: string;               // HTTP method, or WS for websocket upgrades
  path: string;                 // pathname + query
  status: number;
  time: string;                 // wall-clock ISO time
  simTime: string;              // simulated time
  durationMs: number;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly limit = 20000) {}

  add(e: Omit<LoggedRequest, 'seq'>) {
    this.entries.push({ seq: ++this.seq, ...e });
    if (this.entries.length > this.limit) {
      this.entries.splice(0, this.entries.length - this.limit);
    }
  }

  list(filter: { method?: string; path?: string; since?: number } = {}): LoggedRequest[] {
    const re = filter.path ? new RegExp(filter.path) : undefined;

    return this.entries.filter((e) => (!filter.method || e.method === filter.method.toUpperCase()) && (!re || re.test(e.path)) && (!filter.since || e.seq > filter.since));
  }

  clear() {
    this.entries = [];
  }
}
