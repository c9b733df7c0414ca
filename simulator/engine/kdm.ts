// Kontainer-driver-metadata as Rancher serves it at /v1-rke2-release/{releases,channels} and /v1-k3s-release/…:
// the Kubernetes versions the dashboard offers. The version list is data (one place), not behaviour.

const RKE2 = [
  'v1.26.15+rke2r1', 'v1.27.16+rke2r2', 'v1.28.15+rke2r1', 'v1.29.15+rke2r1', 'v1.30.14+rke2r1', 'v1.31.9+rke2r1', 'v1.32.5+rke2r1',
];
const K3S = ['v1.26.15+k3s1', 'v1.27.16+k3s1', 'v1.28.15+k3s1', 'v1.29.15+k3s1', 'v1.30.14+k3s1', 'v1.31.9+k3s1', 'v1.32.5+k3s1'];

const CLOUD_PROVIDERS = ['', 'aws', 'azure', 'gcp', 'rancher-vsphere', 'harvester', 'external'];

export function releases(distro: 'rke2' | 'k3s') {
  const versions = distro === 'rke2' ? RKE2 : K3S;

  return versions.map((v) => ({
    id:                      v,
    type:                    'release',
    version:                 v,
    minChannelServerVersion: 'v2.8.0-alpha1',
    maxChannelServerVersion: 'v2.13.99',
    serverArgs:              {
      cni:                               { type: 'string', default: 'canal', options: ['canal', 'cilium', 'calico', 'flannel', 'none'] },
      'cloud-provider-name':             { type: 'string', options: CLOUD_PROVIDERS },
      'disable-cloud-controller':        { type: 'bool', default: false },
      disable:                           { type: 'array', options: ['rke2-coredns', 'rke2-ingress-nginx', 'rke2-metrics-server'] },
      profile:                           { type: 'string', options: ['cis'] },
      'etcd-expose-metrics':             { type: 'bool', default: false },
      'kube-controller-manager-arg':     { type: 'array' },
      'kube-apiserver-arg':              { type: 'array' },
    },
    agentArgs: {
      'cloud-provider-name':                     { type: 'string', options: CLOUD_PROVIDERS },
      'protect-kernel-defaults':                 { type: 'bool', default: false },
      'kubelet-arg':                             { type: 'array' },
      ...(distro === 'rke2' && versionAtLeast(v, [1, 29, 11]) ? { 'node-name-from-cloud-provider-metadata': { type: 'bool', default: false } } : {}),
    },
    charts: distro === 'rke2' ? {
      'rke2-canal':          { repo: 'rancher-rke2-charts', version: 'v3.29.1' },
      'rke2-calico':         { repo: 'rancher-rke2-charts', version: 'v3.29.101' },
      'rke2-coredns':        { repo: 'rancher-rke2-charts', version: '1.36.102' },
      'rke2-ingress-nginx':  { repo: 'rancher-rke2-charts', version: '4.12.003' },
      'rke2-metrics-server': { repo: 'rancher-rke2-charts', version: '3.12.200' },
    } : {},
    featureVersions: { 'encryption-key-rotation': '2.0.0' },
  }));
}

export function channels(distro: 'rke2' | 'k3s') {
  const versions = distro === 'rke2' ? RKE2 : K3S;

  return [
    { id: 'stable', type: 'channel', name: 'stable', latest: versions[versions.length - 2] },
    { id: 'latest', type: 'channel', name: 'latest', latest: versions[versions.length - 1] },
    ...versions.map((v) => {
      const minor = /^v(\d+\.\d+)/.exec(v)?.[1];

      return {
        id: `v${ minor }`, type: 'channel', name: `v${ minor }`, latest: v
      };
    }),
  ];
}

/** `v1.29.11+rke2r1` ≥ [1, 29, 11]? */
export function versionAtLeast(version: string, min: [number, number, number]): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);

  if (!m) {
    return false;
  }
  const v = [Number(m[1]), Number(m[2]), Number(m[3])];

  for (let i = 0; i < 3; i++) {
    if (v[i] !== min[i]) {
      return v[i] > min[i];
    }
  }

  return true;
}
