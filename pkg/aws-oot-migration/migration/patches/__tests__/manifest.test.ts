import { load, loadAll } from 'js-yaml';
import {
  countCcmHelmCharts, findCcmHelmChart, removeCcmHelmChart, renderCcmHelmChart, upsertCcmHelmChart, validateManifest
} from '../../manifest';
import { buildChartValues } from '../../chart-values';

const values = buildChartValues({ distro: 'rke2', mode: 'downtime', kubernetesVersion: 'v1.26.15+rke2r1' });
const doc = renderCcmHelmChart(values);
const other = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a';

describe('additionalManifest editing', () => {
  it.each([
    ['empty', ''],
    ['one document without a trailing newline', other],
    ['one document with a trailing newline', `${ other }\n`],
    ['two documents and a comment', `# c\n${ other }\n---\n${ other.replace('name: a', 'name: b') }`],
    ['a leading separator', `---\n${ other }\n`],
  ])('adds the chart to %s, parses back, and removes it again', (_name, text) => {
    const added = upsertCcmHelmChart(text, doc);
    const docs: any[] = [];

    loadAll(added, (d) => docs.push(d));
    expect(countCcmHelmCharts(added)).toBe(1);
    expect(findCcmHelmChart(added)?.values).toStrictEqual(values);
    expect(docs.filter((d) => d?.kind === 'HelmChart')).toHaveLength(1);
    expect(removeCcmHelmChart(added)).toBe(text);
  });

  it('replaces an existing chart in place and drops duplicates', () => {
    const old = renderCcmHelmChart({ args: ['--v=5'] });
    const text = `${ old }---\n${ other }\n---\n${ old }`;
    const out = upsertCcmHelmChart(text, doc);

    expect(out).toBe(`${ doc }---\n${ other }`);
  });

  it('renders a HelmChart whose valuesContent is YAML of the values', () => {
    const chart = load(doc) as any;

    expect({ ...chart, spec: { ...chart.spec, valuesContent: load(chart.spec.valuesContent) } }).toStrictEqual({
      apiVersion: 'helm.cattle.io/v1',
      kind:       'HelmChart',
      metadata:   { name: 'aws-cloud-controller-manager', namespace: 'kube-system' },
      spec:       {
        chart: 'aws-cloud-controller-manager', repo: 'https://kubernetes.github.io/cloud-provider-aws', version: '0.0.8', targetNamespace: 'kube-system', bootstrap: true, valuesContent: values
      },
    });
  });

  it.each([
    ['valid', 'a: 1\n---\nb: 2', { ok: true }],
    ['the CAPA duplicated block-scalar bug', 'additionalManifest: |-\n  additionalManifest: |-\n a: [', { ok: false, error: expect.any(String) }],
  ])('validates %s', (_name, text, expected) => {
    expect(validateManifest(text)).toStrictEqual(expected);
  });
});
