// Target Kubernetes versions offered with the provider switch: newer than the current one, same distribution,
// at most one minor ahead (Kubernetes upgrades one minor at a time). Pure.

interface V { major: number; minor: number; patch: number; suffix: string }

function parse(raw: string): V | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+](.*))?$/.exec(raw || '');

  return m ? {
    major: +m[1], minor: +m[2], patch: +m[3], suffix: (m[4] || '').replace(/\d+$/, '')
  } : null;
}

const cmp = (a: V, b: V) => a.major - b.major || a.minor - b.minor || a.patch - b.patch;

export function targetVersions(available: string[], current: string | undefined): { value: string; label: string }[] {
  const cur = parse(current || '');

  if (!cur) {
    return [];
  }
  const ok = available
    .map((raw) => ({ raw, v: parse(raw) }))
    .filter((x): x is { raw: string; v: V } => !!x.v && x.v.suffix === cur.suffix && x.v.major === cur.major && cmp(x.v, cur) > 0 && x.v.minor <= cur.minor + 1);

  return ok.sort((a, b) => cmp(b.v, a.v)).map(({ raw }) => ({ value: raw, label: raw }));
}
