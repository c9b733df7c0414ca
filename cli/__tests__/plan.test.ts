import { spawnSync } from 'child_process';
import { join } from 'path';
import { load } from 'js-yaml';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const F = (name: string) => join('test', 'fixtures', name);

function run(...args: string[]) {
  const r = spawnSync(TSX, [join('cli', 'plan.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('plan CLI', () => {
  it.each([
    ['no arguments', [], /^plan: missing --cluster <file>\n$/],
    ['an unknown flag', ['--cluster', F('clusters/rke2-custom.yaml'), '--verbose'], /^plan: unknown option --verbose\n$/],
    ['an unknown mode', ['--cluster', F('clusters/rke2-custom.yaml'), '--mode', 'fast'], /^plan: unknown mode fast \(expected leader-migration or downtime\)\n$/],
    ['an unknown format', ['--cluster', F('clusters/rke2-custom.yaml'), '--format', 'xml'], /^plan: unknown format xml \(expected json or markdown\)\n$/],
    ['a flag without value', ['--cluster'], /^plan: option --cluster needs a value\n$/],
    ['a missing file', ['--cluster', 'nope.yaml'], /^plan: cannot read nope\.yaml: ENOENT\n$/],
    ['a directory', ['--cluster', 'test'], /^plan: cannot read test: EISDIR\n$/],
    ['malformed YAML', ['--cluster', F('clusters/malformed.yaml')], /^plan: malformed YAML or JSON in test\/fixtures\/clusters\/malformed\.yaml: .+\n$/],
    ['something that is not a cluster', ['--cluster', F('clusters/not-a-cluster.yaml')], /^plan: test\/fixtures\/clusters\/not-a-cluster\.yaml is not a Rancher cluster: found kind ConfigMap \(v1\), expected .+\n$/],
    ['a node list given as cluster', ['--cluster', F('nodes/rke2-nodes.yaml')], /^plan: test\/fixtures\/nodes\/rke2-nodes\.yaml is not a Rancher cluster: found kind List \(v1\), expected .+\n$/],
    ['a provisioning cluster given as management', ['--cluster', F('clusters/rke1-prov.yaml'), '--management', F('clusters/rke1-prov.yaml')], /^plan: .+ is not a management cluster: .+\n$/],
    ['a cluster given as nodes', ['--cluster', F('clusters/rke2-custom.yaml'), '--nodes', F('clusters/rke2-custom.yaml')], /^plan: .+ is not a node list: .+\n$/],
  ])('rejects %s with one line and exit code 2', (_name, args, stderr) => {
    const r = run(...args);

    expect([r.code, r.stdout, r.stderr]).toStrictEqual([2, '', expect.stringMatching(stderr)]);
  });

  it('prints the RKE2 plan as JSON', () => {
    const r = run('--cluster', F('clusters/rke2-dashboard-intree.yaml'), '--nodes', F('nodes/rke2-nodes.yaml'));
    const out = JSON.parse(r.stdout);
    const cluster = load(require('fs').readFileSync(join(ROOT, F('clusters/rke2-dashboard-intree.yaml')), 'utf8')) as any;

    cluster.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'] = ['enable-leader-migration'];
    expect([r.code, r.stderr, out.distro, out.candidate, out.reasons]).toStrictEqual([0, '', 'rke2', true, ['RKE2 cluster using the in-tree AWS cloud provider.']]);
    expect(out.steps[0]).toStrictEqual({
      id: 'enable-leader-migration', kind: 'update-cluster', title: 'Enable leader migration on the kube-controller-manager', cluster
    });
    expect(out.steps.map((s: any) => s.id)).toStrictEqual(['enable-leader-migration', 'wait-leader-migration', 'install-ccm', 'wait-ccm-reconcile', 'wait-ccm-rollout', 'cordon-control-plane', 'switch-provider', 'wait-switch', 'uncordon-control-plane', 'verify-nodes', 'cleanup', 'wait-cleanup']);
    expect(out.preflight[0]).toStrictEqual({ id: 'distro', status: 'pass', message: 'Supported cluster type: RKE2.' });
  });

  it('prints the RKE1 plan as JSON from a Norman management cluster, in downtime mode', () => {
    const r = run('--cluster', F('clusters/rke1-prov.yaml'), '--management', F('clusters/rke1-mgmt-aws.yaml'), '--mode', 'downtime', '--kubernetes-version', 'v1.27.16-rancher1-1');
    const out = JSON.parse(r.stdout);
    const switchStep = out.steps[0];
    const install = out.steps.find((s: any) => s.kind === 'install-chart');

    expect([r.code, out.distro, switchStep.id, switchStep.management.rancherKubernetesEngineConfig.cloudProvider, switchStep.management.rancherKubernetesEngineConfig.kubernetesVersion]).toStrictEqual([
      0, 'rke1', 'switch-provider', {
        type: 'cloudProvider', name: 'external-aws', useInstanceMetadataHostname: true, awsCloudProvider: { type: 'awsCloudProvider', global: { type: 'globalAwsOpts', kubernetesClusterTag: 'legacy-rke1', disableSecurityGroupIngress: false } }
      }, 'v1.27.16-rancher1-1',
    ]);
    expect([install.chart.url, install.chart.body.charts[0].values.image, install.chart.body.charts[0].values.nodeSelector, install.management]).toStrictEqual([
      '/k8s/clusters/c-rk1ab/v1/catalog.cattle.io.clusterrepos/aws-cloud-controller-manager?action=install',
      { tag: 'v1.27.10' },
      { 'node-role.kubernetes.io/control-plane': null, 'node-role.kubernetes.io/controlplane': 'true' },
      switchStep.management,
    ]);
  });

  it('accepts --flag=value and a Steve management cluster as --cluster', () => {
    const r = run(`--cluster=${ F('clusters/rke1-mgmt-aws-steve.yaml') }`, '--format=json');

    expect([r.code, JSON.parse(r.stdout).distro]).toStrictEqual([0, 'rke1']);
  });

  it('prints the runbook as Markdown', () => {
    const r = run('--cluster', F('clusters/rke2-custom.yaml'), '--format', 'markdown');

    expect([r.code, r.stdout.split('\n')[0], r.stdout.includes("kubectl cordon -l 'node-role.kubernetes.io/control-plane=true'")]).toStrictEqual([0, '# Migrate custom-one to the out-of-tree AWS cloud provider', true]);
  });

  it('explains a cluster that is not a candidate', () => {
    const out = JSON.parse(run('--cluster', F('clusters/k3s.yaml')).stdout);

    expect(out).toStrictEqual({
      distro: 'unsupported', candidate: false, reasons: ['K3s clusters are not supported.'], preflight: [{ id: 'distro', status: 'fail', message: 'K3s clusters are not supported.' }], steps: []
    });
  });
});
