// English for the CLI comes from the extension's own en-us.yaml, so the text lives in one place.
import { readFileSync } from 'fs';
import { join } from 'path';
import { DEFAULT_SCHEMA, load } from 'js-yaml';
import type { MessageRef } from '../pkg/aws-oot-migration/migration';

export type Translate = (ref: MessageRef) => string;

export function loadTranslations(file = join(__dirname, '..', 'pkg', 'aws-oot-migration', 'l10n', 'en-us.yaml')): Translate {
  const root = load(readFileSync(file, 'utf8'), { schema: DEFAULT_SCHEMA }) as Record<string, unknown>;

  return (ref) => {
    const text = ref.key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), root);

    if (typeof text !== 'string') {
      return ref.key;
    }

    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (ref.params && name in ref.params ? String(ref.params[name]) : whole));
  };
}
