// Local authentication and a deliberately small RBAC model: an admin who can do everything, and a read-only
// user who may view clusters (get/list/watch everywhere) but write nothing except their own preferences.
// Sessions are opaque tokens carried by the R_SESS cookie (what the dashboard uses) or a Bearer header.

import type { IncomingMessage } from 'http';
import { randomBytes } from 'crypto';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export const READ_VERBS: Verb[] = ['get', 'list', 'watch'];
export const ALL_VERBS: Verb[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

export interface User {
  id: string;            // e.g. user-admin
  username: string;
  password: string;
  displayName: string;
  principalId: string;   // local://user-admin
  readOnly: boolean;
}

/** The logins; documented in docs/simulator.md. */
export const DEFAULT_USERS: User[] = [
  {
    id: 'user-admin', username: 'admin', password: 'password', displayName: 'Default Admin', principalId: 'local://user-admin', readOnly: false
  },
  {
    id: 'user-readonly', username: 'readonly', password: 'password', displayName: 'Read-only Viewer', principalId: 'local://user-readonly', readOnly: true
  },
];

export class Auth {
  private readonly sessions = new Map<string, string>(); // token → user id

  constructor(readonly users: User[] = DEFAULT_USERS) {}

  login(username: string, password: string): string | undefined {
    const u = this.users.find((x) => x.username === username && x.password === password);

    if (!u) {
      return undefined;
    }
    const token = `token-${ randomBytes(3).toString('hex') }:${ randomBytes(16).toString('hex') }`;

    this.sessions.set(token, u.id);

    return token;
  }

  logout(token: string | undefined) {
    if (token) {
      this.sessions.delete(token);
    }
  }

  tokenOf(req: IncomingMessage): string | undefined {
    const auth = req.headers.authorization;

    if (auth?.startsWith('Bearer ')) {
      return auth.slice(7);
    }

    return parseCookies(req.headers.cookie).R_SESS;
  }

  userOf(req: IncomingMessage): User | undefined {
    const token = this.tokenOf(req);
    const id = token ? this.sessions.get(token) : undefined;

    return id ? this.users.find((u) => u.id === id) : undefined;
  }

  /** Verbs the user holds on a type (schemas advertise exactly these). */
  verbs(user: User, typeId: string): Verb[] {
    if (!user.readOnly || typeId === 'userpreference') {
      return ALL_VERBS;
    }

    return READ_VERBS;
  }

  can(user: User, verb: Verb, typeId: string): boolean {
    return this.verbs(user, typeId).includes(verb);
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};

  for (const part of (header || '').split(';')) {
    const i = part.indexOf('=');

    if (i > 0) {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    }
  }

  return out;
}
