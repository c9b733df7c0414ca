// One mapping from check states to the shell's badge colours, so every step shows pass/warn/fail alike.
export const L10N = 'awsOotMigration.components';

const BADGE: Record<string, string> = {
  pass:    'bg-success',
  warn:    'bg-warning',
  fail:    'bg-error',
  pending: 'bg-info',
};

export function statusColor(status: string): string {
  return BADGE[status] || 'bg-info';
}

export function statusLabelKey(status: string): string {
  return `${ L10N }.status.${ status in BADGE ? status : 'unknown' }`;
}
