// upgradeStrategy concurrency: "default value is 1, a 0 value is infinite. Percentages are also accepted".

export function parseConcurrency(value: unknown, total: number, fallback = 1): number {
  if (value === undefined || value === null || value === '') {
    return fallback;
  }
  const s = `${ value }`.trim();

  if (s.endsWith('%')) {
    const pct = Number(s.slice(0, -1));

    return Math.max(1, Math.floor((total * (Number.isFinite(pct) ? pct : 0)) / 100));
  }
  const n = Number(s);

  if (!Number.isFinite(n) || n < 0) {
    return fallback;
  }

  return n === 0 ? Math.max(total, 1) : n;
}
