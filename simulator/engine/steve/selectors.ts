// Query filters Steve honours on lists: `labelSelector` (Kubernetes syntax), `fieldSelector` (field paths with
// =, ==, !=) and Steve's own `filter=path=value` (repeatable; comma = OR inside one filter, repeats AND).

import type { KubeObject } from '../kube-object';
import { badRequest } from '../api-error';

type Requirement = (labels: Record<string, string>) => boolean;

/** Splits on commas that are not inside parentheses (`a in (x,y),b=c`). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';

  for (const ch of s) {
    if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    }
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);

  return out.map((x) => x.trim()).filter(Boolean);
}

export function parseLabelSelector(selector: string): Requirement[] {
  return splitTop(selector).map((term): Requirement => {
    let m = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);

    if (m) {
      const [, key, op, list] = m;
      const values = list.split(',').map((v) => v.trim());

      return op === 'in' ? (l) => key in l && values.includes(l[key]) : (l) => !(key in l) || !values.includes(l[key]);
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (m) {
      const [, key, op, value] = m;

      return op === '!=' ? (l) => l[key] !== value : (l) => key in l && l[key] === value;
    }
    if (term.startsWith('!')) {
      const key = term.slice(1);

      return (l) => !(key in l);
    }
    if (/^[\w./-]+$/.test(term)) {
      return (l) => term in l;
    }
    throw badRequest(`unable to parse requirement: ${ term }`);
  });
}

export function matchesLabelSelector(o: KubeObject, selector: string): boolean {
  const labels = o.metadata.labels || {};

  return parseLabelSelector(selector).every((r) => r(labels));
}

export function fieldValue(o: any, path: string): unknown {
  // labels/annotations keys contain dots: metadata.labels.<key> takes the rest as the key
  const m = /^metadata\.(labels|annotations)\.(.+)$/.exec(path);

  if (m) {
    return o.metadata?.[m[1]]?.[m[2]];
  }
  let cur = o;

  for (const part of path.split('.')) {
    if (cur === undefined || cur === null) {
      return undefined;
    }
    cur = cur[part];
  }

  return cur;
}

export function matchesFieldSelector(o: KubeObject, selector: string): boolean {
  return splitTop(selector).every((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);

    if (!m) {
      throw badRequest(`invalid field selector: ${ term }`);
    }
    const [, path, op, value] = m;
    const actual = fieldValue(o, path.trim());
    const eq = `${ actual ?? '' }` === value;

    return op === '!=' ? !eq : eq;
  });
}

/** Steve `filter=` params: each param is OR of comma-separated `path=value` terms; params AND together. */
export function matchesSteveFilters(o: KubeObject, filters: string[]): boolean {
  return filters.every((f) => splitTop(f).some((term) => {
    const neg = /^([^=!]+)!=(.*)$/.exec(term);

    if (neg) {
      return `${ fieldValue(o, neg[1]) ?? '' }` !== neg[2];
    }
    const m = /^([^=]+)=(.*)$/.exec(term);

    if (!m) {
      return fieldValue(o, term) !== undefined;
    }
    const actual = fieldValue(o, m[1]);

    return Array.isArray(actual) ? actual.map(String).includes(m[2]) : `${ actual ?? '' }` === m[2];
  }));
}
