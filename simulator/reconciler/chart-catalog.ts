// The Helm charts the simulated clusters can install, with their default values and what they render.
// Only kubernetes/cloud-provider-aws's aws-cloud-controller-manager is modelled (values.yaml per chart version,
// templates/daemonset.yaml): name = nameOverride, namespace = .Values.namespace, nodeSelector/tolerations/args
// straight from values, hostNetwork only when hostNetworking is set.

import type { KubeObject } from '../engine/kube-object';
import { coalesceValues } from './helm-values';

export const AWS_CCM_REPO = 'https://kubernetes.github.io/cloud-provider-aws';
export const AWS_CCM_CHART = 'aws-cloud-controller-manager';

const CHART_APP_VERSIONS: Record<string, string> = {
  '0.0.8': 'v1.27.1', '0.0.9': 'v1.33.0', '0.0.10': 'v1.34.0', '0.0.11': 'v1.35.0'
};

export function awsCcmDefaults(chartVersion: string): Record<string, any> {
  return {
    namespace:        'kube-system',
    args:             ['--v=2', '--cloud-provider=aws'],
    image:            { repository: 'registry.k8s.io/provider-aws/cloud-controller-manager', tag: CHART_APP_VERSIONS[chartVersion] || 'v1.27.1' },
    imagePullSecrets: [],
    nameOverride:     'aws-cloud-controller-manager',
    nodeSelector:     { 'node-role.kubernetes.io/control-plane': '' },
    resources:        { requests: { cpu: '200m' } },
    env:              [],
    tolerations:      [
      { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ],
    dnsPolicy:          'Default',
    clusterRoleName:    'system:cloud-controller-manager',
    serviceAccountName: 'cloud-controller-manager',
  };
}

export interface ChartRef {
  repoUrl?: string;
  name: string;
  version?: string;
}

export function knownChart(ref: ChartRef): boolean {
  return ref.name === AWS_CCM_CHART && (!ref.repoUrl || ref.repoUrl.replace(/\/+$/, '') === AWS_CCM_REPO);
}

export const LATEST_AWS_CCM = '0.0.8';

/** Renders a release; throws for unknown charts (the install job/operation then fails). */
export function renderChart(ref: ChartRef, userValues: Record<string, any> | null | undefined, release: { name: string; namespace: string }): KubeObject[] {
  if (!knownChart(ref)) {
    throw new Error(`chart "${ ref.name }" not found in ${ ref.repoUrl || 'repository' }`);
  }
  const version = ref.version || LATEST_AWS_CCM;
  const v = coalesceValues(awsCcmDefaults(version), userValues);
  const name = v.nameOverride || AWS_CCM_CHART;
  const labels = {
    'k8s-app': name, 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': `${ AWS_CCM_CHART }-${ version }`
  };
  const annotations = { 'meta.helm.sh/release-name': release.name, 'meta.helm.sh/release-namespace': release.namespace };
  const ds: KubeObject = {
    apiVersion: 'apps/v1',
    kind:       'DaemonSet',
    metadata:   {
      name, namespace: v.namespace || 'kube-system', labels, annotations
    },
    spec: {
      selector:       { matchLabels: { 'k8s-app': name } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template:       {
        metadata: { labels: { 'k8s-app': name }, annotations: v.podAnnotations || {} },
        spec:     {
          ...(v.hostNetworking ? { hostNetwork: true } : {}),
          priorityClassName:  'system-node-critical',
          serviceAccountName: v.serviceAccountName,
          dnsPolicy:          v.dnsPolicy,
          nodeSelector:       v.nodeSelector || {},
          tolerations:        v.tolerations || [],
          containers:         [{
            name:      AWS_CCM_CHART,
            image:     `${ v.image?.repository }:${ v.image?.tag }`,
            args:      (v.args || []).map((a: unknown) => `${ a }`),
            env:       v.env || [],
            resources: v.resources || {},
          }],
        },
      },
    },
  };
  const sa: KubeObject = {
    apiVersion: 'v1', kind: 'ServiceAccount', metadata: {
      name: v.serviceAccountName, namespace: v.namespace || 'kube-system', labels, annotations
    }
  };

  return [sa, ds];
}
