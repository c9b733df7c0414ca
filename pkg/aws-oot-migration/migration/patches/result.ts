import type { AnyObject, PatchResult } from '../types';
import { clone, diff } from '../json-patch';

/** Runs `edit` on a copy of `before` and returns the copy with the minimal patch. */
export function edited<T extends AnyObject>(before: T, edit: (draft: T) => void): PatchResult<T> {
  const draft = clone(before);

  edit(draft);
  const patch = diff(before, draft);

  return { object: draft, patch, changed: patch.length > 0 };
}

export function unchanged<T extends AnyObject>(before: T): PatchResult<T> {
  return { object: clone(before), patch: [], changed: false };
}
