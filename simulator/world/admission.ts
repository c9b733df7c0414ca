// Webhook-like validation of management writes (rancher/webhook): the provisioning cluster may not toggle
// spec.rkeConfig between nil and non-nil. Note what is NOT validated, as in Rancher: additionalManifest content
// (an invalid manifest is saved and only fails when the node deploys it, cf. rancher/dashboard#18373).

import { ApiError } from '../engine/api-error';
import type { KubeObject } from '../engine/kube-object';
import type { TypeDef } from '../engine/type-registry';
import type { World } from './world';

export function validateManagementWrite(_world: World, d: TypeDef, prev: KubeObject | undefined, next: KubeObject) {
  if (d.id === 'provisioning.cattle.io.cluster' && prev) {
    if (!!prev.spec?.rkeConfig !== !!next.spec?.rkeConfig) {
      throw new ApiError(422, 'Invalid', 'admission webhook "rancher.cattle.io.clusters.provisioning.cattle.io" denied the request: spec.rkeConfig: Forbidden: cannot change between nil and non-nil');
    }
    const msc = next.spec?.rkeConfig?.machineSelectorConfig;

    if (msc !== undefined && msc !== null && !Array.isArray(msc)) {
      throw new ApiError(422, 'Invalid', 'spec.rkeConfig.machineSelectorConfig: Invalid value: must be a list');
    }
  }
}
