// A stand-in for the shell's Socket: records what is sent and lets tests fire its events.

import {
  EVENT_CONNECTED, EVENT_CONNECTING, EVENT_DISCONNECTED, EVENT_DISCONNECT_ERROR, EVENT_FRAME_TIMEOUT, EVENT_MESSAGE,
} from '@shell/utils/socket';
import type { SocketLike } from '../../watch';

export class FakeSocket implements SocketLike {
  readonly sent: any[] = [];
  connects = 0;
  disconnected = false;
  autoReconnect = true;
  private connected = false;
  private readonly listeners = new Map<string, ((e: any) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, fn: (e: any) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) || []), fn]);
  }

  removeEventListener(type: string, fn: (e: any) => void) {
    this.listeners.set(type, (this.listeners.get(type) || []).filter((f) => f !== fn));
  }

  connect() {
    this.connects++;
    this.fire(EVENT_CONNECTING);
  }

  send(data: string): boolean {
    if (!this.connected) {
      return false;
    }
    this.sent.push(JSON.parse(data));

    return true;
  }

  disconnect() {
    this.disconnected = true;
    this.connected = false;
    this.fire(EVENT_DISCONNECTED);
  }

  setAutoReconnect(on: boolean) {
    this.autoReconnect = on;
  }

  // ---- test controls
  open() {
    this.connected = true;
    this.fire(EVENT_CONNECTED, { tries: 1 });
  }

  /** The server closed the socket; the shell's Socket then reports "connecting" while it retries. */
  drop() {
    this.connected = false;
    this.fire(EVENT_CONNECTING);
  }

  frameTimeout() {
    this.connected = false;
    this.fire(EVENT_FRAME_TIMEOUT);
  }

  giveUp() {
    this.connected = false;
    this.fire(EVENT_DISCONNECT_ERROR);
  }

  message(msg: unknown) {
    this.fire(EVENT_MESSAGE, { data: JSON.stringify(msg) });
  }

  private fire(type: string, detail?: unknown) {
    (this.listeners.get(type) || []).forEach((fn) => fn({ type, detail }));
  }
}

export function socketFactory() {
  const sockets: FakeSocket[] = [];
  const factory = (url: string) => {
    const s = new FakeSocket(url);

    sockets.push(s);

    return s;
  };

  return { sockets, factory };
}
