// Edits to RKE2 machine config that land where the effective value lives. Because every matching selector
// entry replaces whole keys, appending `kube-controller-manager-arg: [x]` somewhere would silently drop the
// args a machine already had; these helpers union into the entry that currently wins instead.
import type { AnyObject, RoleProfile } from './types';
import {
  GLOBAL, Source, argList, argName, configAt, hasKey, isObject, selectorEntries, sourceOf
} from './effective-config';

/** Server keys (read only by rke2 server) vs agent keys (every node), which decides the fallback location. */
export type KeyScope = 'server' | 'agent';

function writableConfig(rc: AnyObject, source: Source): AnyObject {
  if (source === GLOBAL) {
    if (!isObject(rc.machineGlobalConfig)) {
      rc.machineGlobalConfig = {};
    }

    return rc.machineGlobalConfig;
  }
  const entry = rc.machineSelectorConfig[source];

  if (!isObject(entry.config)) {
    entry.config = {};
  }

  return entry.config;
}

/**
 * Where to put a key no machine of `profiles` has yet. machineGlobalConfig is always safe (everything else
 * overrides it). For agent keys the dashboard's home is the first selector-less entry, which is safe only if no
 * earlier source sets the key for some machine (it would shadow that value).
 */
function fallbackSource(rc: AnyObject, key: string, scope: KeyScope, allProfiles: RoleProfile[]): Source {
  if (scope === 'server') {
    return GLOBAL;
  }
  const first = selectorEntries(rc).findIndex((e) => isObject(e) && (e.machineLabelSelector === null || e.machineLabelSelector === undefined));

  if (first < 0) {
    return GLOBAL;
  }
  const shadows = allProfiles.some((p) => {
    const src = sourceOf(rc, p, key);

    return src !== undefined && src < first;
  });

  return shadows ? GLOBAL : first;
}

function targetSources(rc: AnyObject, key: string, profiles: RoleProfile[], scope: KeyScope, allProfiles: RoleProfile[]): Source[] {
  const out = new Set<Source>();
  let missing = false;

  for (const p of profiles) {
    const src = sourceOf(rc, p, key);

    src === undefined ? (missing = true) : out.add(src);
  }
  if (missing) {
    out.add(fallbackSource(rc, key, scope, allProfiles));
  }

  return [...out];
}

/**
 * Adds `arg`, or replaces the same-named flag in place. Repeats of the flag are dropped: on a command line the
 * last one wins, so `[x, x=false]` must not count as "already has x".
 */
export function upsertArg(list: string[], arg: string): string[] {
  const name = argName(arg);
  const canonical = (a: string) => (a.includes('=') ? a.replace(/^--?/, '') : `${ a.replace(/^--?/, '') }=true`);
  const same = list.filter((a) => argName(a) === name);

  if (!same.length) {
    return [...list, arg];
  }
  if (same.every((a) => canonical(a) === canonical(arg))) {
    return list;
  }
  const first = list.findIndex((a) => argName(a) === name);

  return list.flatMap((a, j) => (j === first ? [arg] : argName(a) === name ? [] : [a]));
}

/** Makes `arg` effective for every machine of `profiles`, unioned with what each already has. */
export function addArg(rc: AnyObject, key: string, arg: string, profiles: RoleProfile[], scope: KeyScope, allProfiles: RoleProfile[]): void {
  for (const src of targetSources(rc, key, profiles, scope, allProfiles)) {
    const cfg = writableConfig(rc, src);
    const before = argList(cfg[key]);
    const after = upsertArg(before, arg);

    if (!hasKey(cfg, key) || after !== before) {
      cfg[key] = after;
    }
  }
}

/** Replaces a same-named flag only where a machine of `profiles` already has one (never adds it). */
export function replaceArgIfPresent(rc: AnyObject, key: string, arg: string, profiles: RoleProfile[]): void {
  for (const p of profiles) {
    const src = sourceOf(rc, p, key);
    const cfg = src === undefined ? undefined : configAt(rc, src);

    const before = cfg ? argList(cfg[key]) : [];

    if (cfg && before.some((a) => argName(a) === argName(arg))) {
      const after = upsertArg(before, arg);

      if (after !== before) {
        cfg[key] = after;
      }
    }
  }
}

/** Makes `key: value` effective for every machine of `profiles`. */
export function setScalar(rc: AnyObject, key: string, value: unknown, profiles: RoleProfile[], scope: KeyScope, allProfiles: RoleProfile[]): void {
  for (const src of targetSources(rc, key, profiles, scope, allProfiles)) {
    const cfg = writableConfig(rc, src);

    if (cfg[key] !== value) {
      cfg[key] = value;
    }
  }
}

function allConfigs(rc: AnyObject): { source: Source; cfg: AnyObject }[] {
  const out: { source: Source; cfg: AnyObject }[] = [];

  if (isObject(rc.machineGlobalConfig)) {
    out.push({ source: GLOBAL, cfg: rc.machineGlobalConfig });
  }
  selectorEntries(rc).forEach((e, i) => {
    if (isObject(e) && isObject(e.config)) {
      out.push({ source: i, cfg: e.config });
    }
  });

  return out;
}

/**
 * Drops selector entries this edit emptied. An entry with a selector and no config does nothing; a selector-less
 * one is the dashboard's agent config and stays.
 */
function dropEmptied(rc: AnyObject, emptied: Set<Source>): void {
  if (!emptied.size || !Array.isArray(rc.machineSelectorConfig)) {
    return;
  }
  rc.machineSelectorConfig = rc.machineSelectorConfig.filter((e: AnyObject, i: number) => !(emptied.has(i) && isObject(e.machineLabelSelector) && !Object.keys(e.config || {}).length));
}

/** Removes every `name` flag from `key` in every config; a list left empty is removed with its key. */
export function removeArg(rc: AnyObject, key: string, name: string): void {
  const emptied = new Set<Source>();

  for (const { source, cfg } of allConfigs(rc)) {
    const list = argList(cfg[key]);

    if (list.some((a) => argName(a) === name)) {
      const kept = list.filter((a) => argName(a) !== name);

      if (kept.length) {
        cfg[key] = kept;
      } else {
        delete cfg[key];
        emptied.add(source);
      }
    }
  }
  dropEmptied(rc, emptied);
}

/** Removes `key` wherever it holds exactly `value`. */
export function removeScalar(rc: AnyObject, key: string, value: unknown): void {
  const emptied = new Set<Source>();

  for (const { source, cfg } of allConfigs(rc)) {
    if (hasKey(cfg, key) && cfg[key] === value) {
      delete cfg[key];
      emptied.add(source);
    }
  }
  dropEmptied(rc, emptied);
}
