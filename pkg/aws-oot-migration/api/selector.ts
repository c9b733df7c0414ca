// Kubernetes label selector strings (`a=b,c!=d,e in (f,g),h notin (i),j,!k`), evaluated on the client. Steve's
// change events do not say which watch they belong to; with several watches of one type on a socket, this routes
// each event to the watches whose selector it matches. Pure.

type Test = (labels: Record<string, string>) => boolean;

/** Splits at commas outside parentheses. */
function requirements(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';

  for (const ch of selector) {
    depth += ch === '(' ? 1 : (ch === ')' ? -1 : 0);
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);

  return out.map((r) => r.trim()).filter(Boolean);
}

function setOf(list: string): string[] {
  return list.split(',').map((v) => v.trim());
}

function parse(req: string): Test {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(req);

  if (set) {
    const [, key, op, list] = set;
    const values = setOf(list);

    return op === 'in' ? (l) => key in l && values.includes(l[key]) : (l) => !(key in l) || !values.includes(l[key]);
  }
  const cmp = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(req);

  if (cmp) {
    const [, key, op, value] = cmp;

    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (req.startsWith('!')) {
    const key = req.slice(1).trim();

    return (l) => !(key in l);
  }

  return (l) => req in l;
}

export function matchesSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector || !selector.trim()) {
    return true;
  }
  const l = labels || {};

  return requirements(selector).every((r) => parse(r)(l));
}
