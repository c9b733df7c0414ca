// Rancher's global objects: settings, feature flags and default user preferences. Values follow what a real
// Rancher serves and what the dashboard needs to boot (see docs/simulator.md, "Rancher API facts").

export const PUBLIC_SETTINGS = [
  'first-login', 'ui-pl', 'ui-brand', 'ui-banners', 'ui-issues', 'ui-index', 'ui-dashboard-index', 'ui-offline-preferred',
  'ui-content-enabled', 'ui-performance', 'server-version', 'auth-user-info-max-age-seconds', 'eula-agreed',
  'ui-k8s-supported-versions-range', 'has-support', 'ui-favicon', 'ui-primary-color', 'ui-link-color', 'ui-login-background-light',
  'ui-login-background-dark', 'ui-banner-light', 'ui-banner-dark',
];

export function defaultSettings(serverVersion: string, rke1: boolean): Record<string, string> {
  return {
    'first-login':                                 'false',
    'eula-agreed':                                 '2025-01-01T00:00:00.000Z',
    'server-version':                              serverVersion,
    'server-url':                                  'https://rancher.sim.local',
    'ui-pl':                                       'rancher',
    'ui-brand':                                    '',
    'ui-banners':                                  '{}',   // the login page JSON.parses it
    'ui-issues':                                   '',
    'ui-index':                                    'https://releases.rancher.com/ui/latest2/index.html',
    'ui-dashboard-index':                          'https://releases.rancher.com/dashboard/latest/index.html',
    'ui-offline-preferred':                        'dynamic',
    'ui-content-enabled':                          'false', // otherwise the shell fetches remote "dynamic content"
    'ui-performance':                              '',
    'ui-favicon':                                  '',
    'ui-primary-color':                            '',
    'ui-link-color':                               '',
    'telemetry-opt':                               'out',
    'has-support':                                 'false',
    'hide-local-cluster':                          'false',
    'system-namespaces':                           'kube-system,kube-public,cattle-system,cattle-fleet-system,fleet-local,fleet-default,local',
    'auth-user-info-max-age-seconds':              '3600',
    'password-min-length':                         '12',
    'kubeconfig-generate-token':                   'true',
    'cli-version':                                 serverVersion,
    'helm-version':                                'v3',
    'machine-version':                             'v0.15.0',
    'ui-k8s-supported-versions-range':             '>= 1.11.0 <=1.33.x',
    'display-add-extension-repos-banner':          'false',
    'rke-metadata-config':                         '{}',
    'ui-community-links':                          '',
    'ui-custom-links':                             '',
    'system-default-registry':                     '',
    'rke2-default-version':                        'v1.32.5+rke2r1',
    'k3s-default-version':                         'v1.32.5+k3s1',
    'cluster-agent-default-affinity':              '{}',
    'fleet-agent-default-affinity':                '{}',
    'cluster-agent-default-priority-class':        '',
    'cluster-agent-default-pod-disruption-budget': '',
    // RKE1 (Rancher <= 2.11): versions offered for rancherKubernetesEngineConfig.kubernetesVersion
    ...(rke1 ? { 'k8s-versions-current': 'v1.26.15-rancher1-1,v1.27.16-rancher1-1,v1.28.15-rancher1-1', 'k8s-version': 'v1.28.15-rancher1-1' } : {}),
  };
}

export const FEATURES: Record<string, boolean> = {
  'multi-cluster-management':       true,
  provisioningv2:                   true,
  rke2:                             true,
  'embedded-cluster-api':           true,
  fleet:                            true,
  harvester:                        false,
  legacy:                           false,
  'token-hashing':                  false,
  'unsupported-storage-drivers':    false,
  'istio-virtual-service-ui':       true,
  'ui-sql-cache':                   false, // true would switch the dashboard to server-side pagination
  uiextension:                      true,
  'continuous-delivery':            true,
  'multi-cluster-management-agent': false,
};

/** Preference values are JSON-encoded strings (the dashboard JSON.parses each one). */
export function defaultPreferences(serverVersion: string): Record<string, string> {
  return {
    'last-visited':      JSON.stringify({ name: 'home' }),
    'seen-whatsnew':     JSON.stringify(serverVersion),
    'after-login-route': JSON.stringify('home'),
    theme:               JSON.stringify('ui-light'),
    locale:              JSON.stringify('en-us'),
  };
}
