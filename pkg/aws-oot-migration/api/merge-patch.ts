// RFC 7386 JSON merge patch from one object to another. Pure. A merge patch replaces arrays whole (so a change inside
// machineSelectorConfig sends the whole list) and cannot set a value to null (null means "delete").

import { deepEqual, isPlainObject, pathString, type PathSegment } from './three-way-merge';

type Obj = Record<string, unknown>;

function diff(from: Obj, to: Obj, path: PathSegment[], skip: Set<string>): Obj {
  const patch: Obj = {};

  for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const at = [...path, k];

    if (skip.has(pathString(at)) || deepEqual(from[k], to[k])) {
      continue;
    }
    if (to[k] === undefined) {
      patch[k] = null;
    } else if (isPlainObject(from[k]) && isPlainObject(to[k])) {
      patch[k] = diff(from[k] as Obj, to[k] as Obj, at, skip);
    } else {
      patch[k] = JSON.parse(JSON.stringify(to[k]));
    }
  }

  return patch;
}

/** The merge patch that turns `from` into `to`, ignoring the `skip` paths (server-owned fields). */
export function createMergePatch(from: Obj, to: Obj, skip: string[] = []): Obj {
  return diff(from, to, [], new Set(skip));
}
