// What the node agent actually starts, derived from the effective config (RKE2/K3s) or the RKE1 cluster config:
// kubelet / kube-controller-manager / kube-apiserver flags, whether the distro's embedded stub cloud controller
// runs, and the name the kubelet registers under. Version-dependent RKE2 behaviour follows rancher/rke2:
//  - up to 1.28 (and < 1.29.11 / 1.30.7 / 1.31.3): any cloud-provider-name disables the stub CCM and prepends
//    --cloud-provider=<name> to kubelet, apiserver and KCM; user *-arg values are appended, so they win.
//    With `aws`, the node name comes from instance metadata.
//  - from 1.29.11 / 1.30.7 / 1.31.3 / 1.32.0: `aws` only means "node name from metadata" (no in-tree flags).
//  - when the stub CCM runs, the kubelet gets --cloud-provider=external and the stub sets rke2:// providerIDs.

import { versionAtLeast } from '../engine/kdm';
import type { Instance, Roles } from '../world/world';

export interface ComponentFlags {
  kubelet: string[];
  kubeControllerManager: string[];   // empty on nodes without the control-plane role
  kubeApiserver: string[];
  /** The distro's embedded cloud controller (rke2/k3s stub) runs on this control-plane node. */
  stubCloudController: boolean;
  nodeName: string;
}

const BUNDLED_EXTERNAL = ['rancher-vsphere', 'harvester', 'ovirt'];

export function toFlags(args: unknown): string[] {
  const list = Array.isArray(args) ? args : (args === undefined || args === null || args === '' ? [] : [args]);

  return list.map((a) => `${ a }`.trim()).filter(Boolean).map((a) => (a.startsWith('--') ? a : `--${ a }`));
}

/** Last occurrence wins, like the component's flag parser. `--x` alone means "true". */
export function flagValue(flags: string[], name: string): string | undefined {
  let value: string | undefined;

  for (const f of flags) {
    if (f === `--${ name }`) {
      value = 'true';
    } else if (f.startsWith(`--${ name }=`)) {
      value = f.slice(name.length + 3);
    }
  }

  return value;
}

export const cloudProviderOf = (flags: string[]) => flagValue(flags, 'cloud-provider') || '';
export const leaderMigrationOn = (flags: string[]) => ['true', '1'].includes((flagValue(flags, 'enable-leader-migration') || '').toLowerCase());

function truthy(v: unknown): boolean {
  return v === true || v === 'true';
}

/** rke2 commit de8240abc: `aws` became metadata-only naming in these patch lines. */
export function awsIsMetadataOnly(version: string): boolean {
  return versionAtLeast(version, [1, 32, 0]) ||
    (versionAtLeast(version, [1, 31, 3]) && !versionAtLeast(version, [1, 32, 0])) ||
    (versionAtLeast(version, [1, 30, 7]) && !versionAtLeast(version, [1, 31, 0])) ||
    (versionAtLeast(version, [1, 29, 11]) && !versionAtLeast(version, [1, 30, 0]));
}

export function rke2Flags(config: Record<string, any>, roles: Roles, version: string, instance: Instance): ComponentFlags {
  let name = `${ config['cloud-provider-name'] || '' }`;
  let nameFromMetadata = truthy(config['node-name-from-cloud-provider-metadata']);
  let disableCCM = truthy(config['disable-cloud-controller']);

  if (BUNDLED_EXTERNAL.includes(name)) {
    name = 'external';
    disableCCM = true;
  }
  if (name === 'aws' && awsIsMetadataOnly(version)) {
    nameFromMetadata = true;
    name = '';
    disableCCM = true;
  }
  if (name) {
    disableCCM = true;
  }
  if (name === 'aws') {
    nameFromMetadata = true; // rke2 PR #1631: node-name from IMDS local-hostname
  }
  const provider = name ? [`--cloud-provider=${ name }`] : [];
  const server = roles.controlPlane;
  const stub = server && !disableCCM;

  return {
    kubelet:               [...provider, ...(!disableCCM ? ['--cloud-provider=external'] : []), ...toFlags(config['kubelet-arg'])],
    kubeControllerManager: server ? [...provider, ...toFlags(config['kube-controller-manager-arg'])] : [],
    kubeApiserver:         server ? [...provider, ...toFlags(config['kube-apiserver-arg'])] : [],
    stubCloudController:   stub,
    nodeName:              `${ config['node-name'] || '' }` || (nameFromMetadata ? instance.metadataHostname : instance.hostname),
  };
}

function extraArgs(service: any): string[] {
  return Object.entries(service?.extraArgs || {}).map(([k, v]) => `--${ k }=${ v }`);
}

export function rke1Flags(rke: Record<string, any>, roles: Roles, instance: Instance, hostnameOverride?: string): ComponentFlags {
  const cp = rke.cloudProvider || {};
  const name = cp.name === 'external-aws' || cp.name === 'external' ? 'external' : (cp.name || '');
  const provider = name ? [`--cloud-provider=${ name }`] : [];
  const services = rke.services || {};
  let nodeName = hostnameOverride || instance.hostname;

  if (cp.name === 'aws') {
    nodeName = instance.metadataHostname; // in-tree: the cloud names the node
  } else if (cp.name === 'external-aws' && cp.useInstanceMetadataHostname !== false) {
    nodeName = instance.metadataHostname;
  }

  return {
    kubelet:               [...provider, ...extraArgs(services.kubelet)],
    kubeControllerManager: roles.controlPlane ? [...provider, ...extraArgs(services.kubeController)] : [],
    kubeApiserver:         roles.controlPlane ? [...provider, ...extraArgs(services.kubeApi)] : [],
    stubCloudController:   false,
    nodeName,
  };
}
