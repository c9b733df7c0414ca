// Node facts shared by the preflight and the live node checks.
import type { AnyObject } from './types';
import { isObject } from './effective-config';

export type ProviderIdKind = 'aws' | 'rke2' | 'missing' | 'invalid';

/** `aws:///<zone>/i-…` (zone may be empty: `aws:////i-…`), what the AWS CCM and the in-tree kubelet write. */
const AWS_PROVIDER_ID = /^aws:\/\/\/[a-z0-9-]*\/i-[0-9a-zA-Z]+$/;

export function providerIdKind(providerId: unknown): ProviderIdKind {
  if (typeof providerId !== 'string' || providerId === '') {
    return 'missing';
  }
  if (AWS_PROVIDER_ID.test(providerId)) {
    return 'aws';
  }

  return providerId.startsWith('rke2://') ? 'rke2' : 'invalid';
}

export function providerIdOf(node: AnyObject): unknown {
  return isObject(node.spec) ? node.spec.providerID : undefined;
}

export function instanceIdOf(providerId: unknown): string | undefined {
  return providerIdKind(providerId) === 'aws' ? (providerId as string).split('/').pop() : undefined;
}

/** EC2 private DNS names the node reports (InternalDNS, falling back to Hostname addresses). */
export function privateDnsNames(node: AnyObject): string[] {
  const addrs = isObject(node.status) && Array.isArray(node.status.addresses) ? node.status.addresses.filter(isObject) : [];
  const dns = addrs.filter((a) => a.type === 'InternalDNS').map((a) => String(a.address));

  return dns.length ? dns : addrs.filter((a) => a.type === 'Hostname').map((a) => String(a.address));
}

export function hasTaint(node: AnyObject, key: string): boolean {
  return isObject(node.spec) && Array.isArray(node.spec.taints) && node.spec.taints.some((t: unknown) => isObject(t) && t.key === key);
}

export function isCordoned(node: AnyObject): boolean {
  return isObject(node.spec) && node.spec.unschedulable === true;
}

/** The Ready condition's status: 'True', 'False' or 'Unknown' (also when not reported). */
export function readyStatus(node: AnyObject): 'True' | 'False' | 'Unknown' {
  const conds = isObject(node.status) && Array.isArray(node.status.conditions) ? node.status.conditions : [];
  const ready = conds.find((c: unknown) => isObject(c) && c.type === 'Ready');

  return ready && (ready.status === 'True' || ready.status === 'False') ? ready.status : 'Unknown';
}
