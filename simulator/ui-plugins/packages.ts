// Built UI extension packages (`build-pkg` output: dist-pkg/<name>-<version>/ with package.json, the main UMD and
// its lazy chunks), read from disk as data. The simulator plays the files Rancher's UI-plugin cache holds after it
// has fetched an installed extension; it never imports or evaluates them.
//
// The metadata Rancher puts in the UIPlugin resource does NOT come from the built package: build-pkg replaces
// `rancher.annotations` by `rancher: true` (shell scripts/pkgfile.js). The chart's `patch` script copies the
// SOURCE package.json's `rancher.annotations` into `values.plugin.metadata`, which the chart's UIPlugin template
// renders as `spec.plugin.metadata`. So annotations are given separately, from the source package.json.

import fs from 'fs';
import path from 'path';

export interface UiPluginPackage {
  name: string;
  version: string;
  /** The main UMD file name (the built package.json's `main`). */
  main: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** Files of the package, relative to `dir`, `/`-separated. */
  files: string[];
  /** What the chart would put in `spec.plugin.metadata` (chart annotations; values are strings, as `quote` renders them). */
  metadata: Record<string, string>;
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${ file }: ${ (e as Error).message }`);
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${ prefix }/${ entry.name }` : entry.name;

    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}

function isBuiltPackage(dir: string): boolean {
  const file = path.join(dir, 'package.json');

  return fs.existsSync(file) && !!readJson(file).rancher;
}

function stringMap(o: unknown): Record<string, string> {
  const out: Record<string, string> = {};

  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      out[k] = String(v);
    }
  }

  return out;
}

function readPackage(dir: string): UiPluginPackage {
  const pkg = readJson(path.join(dir, 'package.json'));
  const abs = path.resolve(dir);

  if (!pkg.name || !pkg.version) {
    throw new Error(`${ path.join(dir, 'package.json') } has no name or version`);
  }
  // build-pkg always sets main; Rancher would fall back to <name>-<version>.umd.min.js
  const main = pkg.main || `${ pkg.name }-${ pkg.version }.umd.min.js`;

  if (!fs.existsSync(path.join(abs, main))) {
    throw new Error(`${ dir }: the main file ${ main } is missing`);
  }

  return {
    name:     pkg.name,
    version:  pkg.version,
    main,
    dir:      abs,
    files:    listFiles(abs).sort(),
    // only a package that kept an annotations object (not build-pkg output) carries its own metadata
    metadata: stringMap(typeof pkg.rancher === 'object' ? pkg.rancher.annotations : undefined),
  };
}

/**
 * Reads built packages from `paths` (each a package folder, or a folder of them such as dist-pkg/) and applies the
 * annotations of the source package.json files in `annotationFiles`, matched by name. A source version that
 * differs from the built one is an error: the build is stale and Rancher would never pair them.
 */
export function loadUiPluginPackages(paths: string[], annotationFiles: string[] = []): UiPluginPackage[] {
  const packages: UiPluginPackage[] = [];

  for (const p of paths) {
    if (!fs.existsSync(p) || !fs.statSync(p).isDirectory()) {
      throw new Error(`--ui-plugins: not a directory: ${ p }`);
    }
    const dirs = isBuiltPackage(p) ? [p] : fs.readdirSync(p, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isBuiltPackage(path.join(p, e.name)))
      .map((e) => path.join(p, e.name));

    if (!dirs.length) {
      throw new Error(`--ui-plugins: no built extension package (a package.json with "rancher") in ${ p }`);
    }
    packages.push(...dirs.map(readPackage));
  }
  const seen = new Set<string>();

  for (const pkg of packages) {
    if (seen.has(pkg.name)) {
      throw new Error(`--ui-plugins: extension ${ pkg.name } given twice (Rancher indexes one version per name)`);
    }
    seen.add(pkg.name);
  }
  for (const file of annotationFiles) {
    const src = readJson(file);
    const pkg = packages.find((p) => p.name === src.name);

    if (!pkg) {
      throw new Error(`--ui-plugin-annotations: ${ file } is for ${ src.name }, which is not among the built packages`);
    }
    if (src.version !== pkg.version) {
      throw new Error(`--ui-plugin-annotations: ${ file } is ${ src.name } ${ src.version } but the built package is ${ pkg.version } (rebuild it)`);
    }
    pkg.metadata = { ...pkg.metadata, ...stringMap(src.rancher?.annotations) };
  }

  return packages;
}
