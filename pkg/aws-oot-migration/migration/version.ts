// Kubernetes / Rancher version strings as Rancher writes them: `v1.26.15+rke2r1`, `v1.26.15-rancher1-1`, `v2.11.3`.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** `rke2`, `k3s`, `rancher` (RKE1) or '' */
  flavour: string;
  raw: string;
}

const VERSION_RE = /^v?(\d+)\.(\d+)(?:\.(\d+))?(.*)$/;

export function parseVersion(raw: unknown): Version | undefined {
  if (typeof raw !== 'string') {
    return undefined;
  }
  const m = VERSION_RE.exec(raw.trim());

  if (!m) {
    return undefined;
  }
  const rest = m[4] || '';
  const flavour = /rke2/.test(rest) ? 'rke2' : /k3s/.test(rest) ? 'k3s' : /rancher/.test(rest) ? 'rancher' : '';

  return {
    major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] || 0), flavour, raw
  };
}

/** Negative when a < b, by major, minor, patch. */
export function compareVersions(a: Version, b: Pick<Version, 'major' | 'minor' | 'patch'>): number {
  return (a.major - b.major) || (a.minor - b.minor) || (a.patch - b.patch);
}

export function minorOf(raw: unknown): string | undefined {
  const v = parseVersion(raw);

  return v ? `${ v.major }.${ v.minor }` : undefined;
}
