// RKE1 installs the CCM like the dashboard does: a ClusterRepo in the downstream cluster and the Steve
// `install` action, whose values can carry `null` to delete the chart's default nodeSelector key.
import type { AnyObject, ChartPlan } from '../types';
import {
  CCM_NAME, CCM_NAMESPACE, CHART_NAME, CHART_REPO_URL, CHART_VERSION, CLUSTER_REPO_NAME
} from '../constants';
import { clone } from '../json-patch';

export function buildClusterRepo(): AnyObject {
  return {
    apiVersion: 'catalog.cattle.io/v1',
    kind:       'ClusterRepo',
    metadata:   { name: CLUSTER_REPO_NAME },
    spec:       { url: CHART_REPO_URL },
  };
}

export function clusterRepoActionUrl(clusterId: string, action: 'install' | 'upgrade'): string {
  return `/k8s/clusters/${ clusterId }/v1/catalog.cattle.io.clusterrepos/${ CLUSTER_REPO_NAME }?action=${ action }`;
}

export function appUninstallUrl(clusterId: string): string {
  return `/k8s/clusters/${ clusterId }/v1/catalog.cattle.io.apps/${ CCM_NAMESPACE }/${ CCM_NAME }?action=uninstall`;
}

/**
 * `wait: false`: the action's helm-operation pod would otherwise sit until the pods are ready; readiness is
 * judged by the rollout check instead, which also catches 0 desired pods.
 */
export function buildChartAction(clusterId: string, values: AnyObject, action: 'install' | 'upgrade' = 'install'): ChartPlan {
  return {
    repo:   buildClusterRepo(),
    action,
    url:    clusterRepoActionUrl(clusterId, action),
    body:   {
      namespace: CCM_NAMESPACE,
      timeout:   '600s',
      wait:      false,
      charts:    [{
        chartName:   CHART_NAME,
        version:     CHART_VERSION,
        releaseName: CCM_NAME,
        annotations: {
          'catalog.cattle.io/ui-source-repo-type': 'cluster',
          'catalog.cattle.io/ui-source-repo':      CLUSTER_REPO_NAME,
        },
        values: clone(values),
        ...(action === 'upgrade' ? { resetValues: true } : {}),
      }],
    },
  };
}
