// Cordon and uncordon, as kubectl does: `spec.unschedulable` on the Node.
import type { AnyObject, Distro, PatchResult } from '../types';
import { NODE_ROLE_LABELS } from '../labels';
import { isObject, nodeProfile } from '../effective-config';
import { edited, unchanged } from './result';

export function cordonPatch(node: AnyObject, cordon: boolean): PatchResult {
  if (!isObject(node)) {
    return unchanged({});
  }

  return edited(node, (draft) => {
    if (!isObject(draft.spec)) {
      draft.spec = {};
    }
    if (cordon && draft.spec.unschedulable !== true) {
      draft.spec.unschedulable = true;
    } else if (!cordon && draft.spec.unschedulable) {
      delete draft.spec.unschedulable;
    }
  });
}

/** `kubectl` selector for control-plane nodes: RKE2 `control-plane=true`, RKE1 `controlplane=true`. */
export function controlPlaneSelector(distro: Distro): string {
  return `${ distro === 'rke1' ? NODE_ROLE_LABELS.rke1.controlPlane : NODE_ROLE_LABELS.rke2.controlPlane }=true`;
}

export function nodeName(node: unknown): string {
  return isObject(node) && isObject(node.metadata) && typeof node.metadata.name === 'string' ? node.metadata.name : '';
}

export function controlPlaneNodes(nodes: unknown[] | null | undefined): AnyObject[] {
  return (Array.isArray(nodes) ? nodes : []).filter((n): n is AnyObject => isObject(n) && nodeProfile(n).controlPlane);
}
