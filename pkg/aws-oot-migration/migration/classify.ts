// First predicate for the action (foundation); the engine issue completes the classification.
// Kept dependency-free: it is bundled into the main UMD that loads on every Rancher page.

export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}

export interface Classification {
  distro: 'rke2' | 'rke1' | 'unsupported';
  candidate: boolean;
  reasons: MessageRef[];
}

type Obj = Record<string, any>;

function inTreeAwsSomewhere(rkeConfig: Obj): boolean {
  const entries: Obj[] = [rkeConfig.machineGlobalConfig || {}, ...(rkeConfig.machineSelectorConfig || []).map((e: Obj) => e?.config || {})];

  return entries.some((c) => c['cloud-provider-name'] === 'aws');
}

export function classifyCluster(prov: Obj | null | undefined): Classification {
  const rkeConfig = prov?.spec?.rkeConfig;
  const version: string = prov?.spec?.kubernetesVersion || '';

  if (!rkeConfig || !version.includes('+rke2')) {
    return { distro: 'unsupported', candidate: false, reasons: [{ key: 'awsOotMigration.engine.reasons.notRke2' }] };
  }
  if (!inTreeAwsSomewhere(rkeConfig)) {
    return { distro: 'rke2', candidate: false, reasons: [{ key: 'awsOotMigration.engine.reasons.notInTreeAws' }] };
  }

  return { distro: 'rke2', candidate: true, reasons: [] };
}

export function isMigrationCandidate(prov: Obj | null | undefined, _mgmt?: Obj | null): boolean {
  return classifyCluster(prov).candidate;
}
