// Rancher's provisioning-log ConfigMap (namespace = management cluster id, keys `log` and `last`): each new
// status message is appended as one "[INFO ] …" / "[ERROR] …" line.

import type { World } from '../../world/world';

export function appendProvisioningLog(world: World, clusterId: string, message: string, level: 'INFO' | 'ERROR' = 'INFO') {
  const key = `${ clusterId }/provisioning-log`;
  const line = `[${ level === 'INFO' ? 'INFO ' : 'ERROR' }] ${ message }`;
  const cm = world.management.get('configmap', key);

  if (!cm) {
    world.management.create('configmap', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'provisioning-log', namespace: clusterId }, data: { log: `${ line }\n`, last: line }
    });

    return;
  }
  if (cm.data?.last === line) {
    return;
  }
  world.management.mutate('configmap', key, (d) => {
    d.data = { log: `${ d.data?.log || '' }${ line }\n`, last: line };
  });
}
