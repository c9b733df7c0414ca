// The CCM HelmChart inside RKE2's `additionalManifest`: a multi-document YAML string other tools also write to.
// Only our document's text is ever touched; the others stay byte-for-byte as they were.
import { DEFAULT_SCHEMA, dump, load, loadAll } from 'js-yaml';
import type { AnyObject } from './types';
import { isObject } from './effective-config';
import { CCM_NAME, CCM_NAMESPACE } from './labels';
import { CHART_NAME, CHART_REPO_URL, CHART_VERSION } from './constants';

interface DocRange {
  start: number;
  end: number;
}

const SEPARATOR = /^---(?:[ \t].*)?$/;

/** Character ranges of the documents between `---` lines (separator lines themselves excluded). */
export function documentRanges(text: string): DocRange[] {
  const ranges: DocRange[] = [];
  let start = 0;
  let pos = 0;

  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;

    if (SEPARATOR.test(text.slice(pos, lineEnd).replace(/\r$/, ''))) {
      ranges.push({ start, end: pos });
      start = nl < 0 ? text.length : nl + 1;
    }
    if (nl < 0) {
      break;
    }
    pos = nl + 1;
  }
  ranges.push({ start, end: text.length });

  return ranges;
}

function parseDoc(text: string): unknown {
  try {
    return load(text, { schema: DEFAULT_SCHEMA });
  } catch {
    return undefined;
  }
}

export function isCcmHelmChart(doc: unknown): doc is AnyObject {
  return isObject(doc) && doc.kind === 'HelmChart' && isObject(doc.metadata) && doc.metadata.name === CCM_NAME &&
    (doc.metadata.namespace === undefined || doc.metadata.namespace === CCM_NAMESPACE);
}

function ccmRanges(text: string): DocRange[] {
  return documentRanges(text).filter((r) => isCcmHelmChart(parseDoc(text.slice(r.start, r.end))));
}

/** Whether the whole string parses as YAML (what RKE2 will do with addons.yaml). */
export function validateManifest(text: unknown): { ok: true } | { ok: false; error: string } {
  if (text === undefined || text === null || text === '') {
    return { ok: true };
  }
  if (typeof text !== 'string') {
    return { ok: false, error: 'additionalManifest is not a string' };
  }
  try {
    loadAll(text, () => undefined, { schema: DEFAULT_SCHEMA });

    return { ok: true };
  } catch (e) {
    return { ok: false, error: String((e as Error).message || e).split('\n')[0] };
  }
}

export function countCcmHelmCharts(text: unknown): number {
  return typeof text === 'string' ? ccmRanges(text).length : 0;
}

/** The first CCM HelmChart and its parsed values, if the manifest has one. */
export function findCcmHelmChart(text: unknown): { chart: AnyObject; values: AnyObject } | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  const [r] = ccmRanges(text);

  if (!r) {
    return undefined;
  }
  const chart = parseDoc(text.slice(r.start, r.end)) as AnyObject;
  const raw = isObject(chart.spec) ? chart.spec.valuesContent : undefined;
  const values = typeof raw === 'string' ? parseDoc(raw) : undefined;

  return { chart, values: isObject(values) ? values : {} };
}

/** The HelmChart document for helm-controller; `bootstrap` runs the install Job on control-plane nodes. */
export function renderCcmHelmChart(values: AnyObject): string {
  const chart = {
    apiVersion: 'helm.cattle.io/v1',
    kind:       'HelmChart',
    metadata:   { name: CCM_NAME, namespace: CCM_NAMESPACE },
    spec:       {
      chart:           CHART_NAME,
      repo:            CHART_REPO_URL,
      version:         CHART_VERSION,
      targetNamespace: CCM_NAMESPACE,
      bootstrap:       true,
      valuesContent:   dump(values, { lineWidth: -1, noRefs: true }),
    },
  };

  return dump(chart, { lineWidth: -1, noRefs: true });
}

function removeRange(text: string, r: DocRange): string {
  if (r.start === 0) {
    // the first document goes with the separator line after it
    const nl = text.indexOf('\n', r.end);

    return r.end >= text.length || nl < 0 ? '' : text.slice(nl + 1);
  }
  // any other goes with the separator line before it and the newline ending the previous document, which is
  // exactly what upsertCcmHelmChart appends, so install-then-remove restores the original string
  const sepStart = text.lastIndexOf('\n', r.start - 2) + 1;
  const from = sepStart > 0 ? sepStart - 1 : 0;
  const to = r.end < text.length && sepStart > 0 ? r.end - 1 : r.end;

  return text.slice(0, from) + text.slice(to);
}

function removeRanges(text: string, ranges: DocRange[]): string {
  // back to front so earlier offsets stay valid
  return [...ranges].reverse().reduce(removeRange, text);
}

/** Puts `doc` in place of the first CCM HelmChart (dropping duplicates), or appends it as a new document. */
export function upsertCcmHelmChart(text: unknown, doc: string): string {
  const base = typeof text === 'string' ? text : '';
  const ranges = ccmRanges(base);

  if (!ranges.length) {
    if (!base.trim()) {
      return doc;
    }

    return `${ base }\n---\n${ doc }`;
  }
  const [first, ...rest] = ranges;
  const withoutDupes = removeRanges(base, rest);
  const tail = withoutDupes.slice(first.end);
  const body = tail.length && !doc.endsWith('\n') ? `${ doc }\n` : doc;

  return withoutDupes.slice(0, first.start) + body + tail;
}

/** The manifest without any CCM HelmChart. */
export function removeCcmHelmChart(text: unknown): string {
  const base = typeof text === 'string' ? text : '';

  return removeRanges(base, ccmRanges(base));
}
