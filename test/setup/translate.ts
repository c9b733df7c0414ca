import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';

const EN_US = path.join(__dirname, '../../pkg/aws-oot-migration/l10n/en-us.yaml');

let strings: Record<string, unknown> | undefined;

function lookup(key: string): unknown {
  strings = strings || (yaml.load(fs.readFileSync(EN_US, 'utf8')) as Record<string, unknown>);

  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), strings);
}

/**
 * The shell's t() for component tests: real English from l10n/en-us.yaml with {param} substitution,
 * and a visible `%key%` for a missing key so a forgotten translation shows up in rendered output.
 */
export function translate(key: string, params: Record<string, unknown> = {}): string {
  const text = lookup(key);

  if (typeof text !== 'string') {
    return `%${ key }%`;
  }

  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}
