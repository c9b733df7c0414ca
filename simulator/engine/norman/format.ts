// Norman (/v3) wire shapes. Norman objects are flat (spec/status fields lifted to the top) with `links` and
// `actions`; collections carry pagination/sort/filters.

import type { KubeObject } from '../kube-object';
import { summarize } from '../steve/state-summary';

export function normanCollection(selfUrl: string, resourceType: string, data: unknown[]) {
  return {
    type:         'collection',
    resourceType,
    links:        { self: selfUrl },
    actions:      {},
    createTypes:  {},
    pagination:   { limit: 1000, total: data.length },
    sort:         { order: 'asc', reverse: '' },
    filters:      {},
    data,
  };
}

export function normanError(status: number, code: string, message: string) {
  return {
    type: 'error', baseType: 'error', status, code, message
  };
}

export function normanSchema(id: string, base: string, writable: boolean, resourceActions: string[] = []) {
  return {
    id,
    type:              'schema',
    baseType:          'schema',
    links:             { self: `${ base }/schemas/${ id.toLowerCase() }`, collection: `${ base }/${ id.toLowerCase() }s` },
    pluralName:        `${ id }s`,
    resourceMethods:   writable ? ['GET', 'PUT', 'DELETE'] : ['GET'],
    collectionMethods: writable ? ['GET', 'POST'] : ['GET'],
    resourceFields:    {},
    resourceActions:   Object.fromEntries(resourceActions.map((a) => [a, {}])),
    collectionActions: {},
    collectionFilters: {},
    version:           {
      type: 'apiVersion', group: 'management.cattle.io', path: '/v3', version: 'v3'
    },
  };
}

function metaFields(o: KubeObject, type: string) {
  const state = summarize(type, o);

  return {
    uuid:                 o.metadata.uid,
    created:              o.metadata.creationTimestamp,
    createdTS:            Date.parse(o.metadata.creationTimestamp || '') || 0,
    labels:               o.metadata.labels || {},
    annotations:          o.metadata.annotations || {},
    state:                state.name,
    transitioning:        state.error ? 'error' : (state.transitioning ? 'yes' : 'no'),
    transitioningMessage: state.message === 'Resource is Ready' ? '' : state.message,
  };
}

/** management.cattle.io Cluster → Norman `cluster`. */
export function normanCluster(o: KubeObject, base: string, writable: boolean) {
  const self = `${ base }/clusters/${ o.metadata.name }`;
  const spec = o.spec || {};
  const status = o.status || {};

  return {
    id:                            o.metadata.name,
    type:                          'cluster',
    baseType:                      'cluster',
    name:                          spec.displayName || o.metadata.name,
    description:                   spec.description || '',
    internal:                      !!spec.internal,
    fleetWorkspaceName:            spec.fleetWorkspaceName,
    ...metaFields(o, 'management.cattle.io.cluster'),
    ...(spec.rancherKubernetesEngineConfig ? { rancherKubernetesEngineConfig: spec.rancherKubernetesEngineConfig } : {}),
    enableNetworkPolicy:           spec.enableNetworkPolicy ?? false,
    localClusterAuthEndpoint:      spec.localClusterAuthEndpoint || { enabled: false },
    driver:                        status.driver,
    provider:                      status.provider,
    version:                       status.version,
    conditions:                    status.conditions || [],
    appliedSpec:                   status.appliedSpec,
    nodeCount:                     status.nodeCount,
    allocatable:                   status.allocatable,
    capacity:                      status.capacity,
    requested:                     status.requested,
    connected:                     status.connected,
    links:                         {
      self, nodes: `${ base }/nodes?clusterId=${ o.metadata.name }`, ...(writable ? { update: self, remove: self } : {})
    },
    actions: writable ? { generateKubeconfig: `${ self }?action=generateKubeconfig` } : {},
  };
}

/** management.cattle.io Node (namespace = cluster id) → Norman `node` with id `<cluster>:<name>`. */
export function normanNode(o: KubeObject, base: string, writable: boolean, unschedulable: boolean) {
  const id = `${ o.metadata.namespace }:${ o.metadata.name }`;
  const self = `${ base }/nodes/${ id }`;
  const spec = o.spec || {};
  const status = o.status || {};
  const actions: Record<string, string> = {};

  if (writable) {
    actions[unschedulable ? 'uncordon' : 'cordon'] = `${ self }?action=${ unschedulable ? 'uncordon' : 'cordon' }`;
    actions.drain = `${ self }?action=drain`;
  }

  return {
    id,
    type:          'node',
    baseType:      'node',
    name:          '',
    clusterId:     o.metadata.namespace,
    namespaceId:   o.metadata.namespace,
    nodeName:      status.nodeName,
    hostname:      spec.requestedHostname,
    requestedHostname: spec.requestedHostname,
    ipAddress:     (status.internalNodeStatus?.addresses || []).find((a: any) => a.type === 'InternalIP')?.address,
    controlPlane:  !!spec.controlPlane,
    etcd:          !!spec.etcd,
    worker:        !!spec.worker,
    unschedulable,
    providerId:    spec.internalNodeSpec?.providerID,
    taints:        spec.internalNodeSpec?.taints || [],
    nodePoolId:    spec.nodePoolName ? `${ o.metadata.namespace }:${ spec.nodePoolName }` : '',
    ...metaFields(o, 'management.cattle.io.node'),
    state:         unschedulable ? 'cordoned' : 'active',
    links:         { self, ...(writable ? { update: self, remove: self } : {}) },
    actions,
  };
}
