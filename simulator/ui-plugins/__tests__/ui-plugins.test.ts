import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseArgs } from '../../cli';
import { Client, startSimulator } from '../../test-support/harness';
import { loadUiPluginPackages, UiPluginPackage } from '../packages';

const ROOT = path.resolve(__dirname, '../../..');

/** A folder shaped like build-pkg output (dist-pkg/<name>-<version>/), with stand-in file contents. */
function builtPackage(parent: string, name: string, version: string, extra: Record<string, string> = {}): string {
  const dir = path.join(parent, `${ name }-${ version }`);
  const main = `${ name }-${ version }.umd.min.js`;

  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name, version, rancher: true, main, files: ['**/*']
  }));
  fs.writeFileSync(path.join(dir, main), `/* main of ${ name } */`);
  fs.writeFileSync(path.join(dir, `${ name }-${ version }.umd.min.migration-page.js`), '/* page chunk */');
  fs.writeFileSync(path.join(dir, `${ main }.map`), '{"version":3}');
  for (const [f, content] of Object.entries(extra)) {
    fs.writeFileSync(path.join(dir, f), content);
  }

  return dir;
}

function sourcePackageJson(parent: string, name: string, version: string, annotations: Record<string, unknown>): string {
  const file = path.join(parent, `${ name }-source-package.json`);

  fs.writeFileSync(file, JSON.stringify({ name, version, rancher: { annotations } }));

  return file;
}

const ANNOTATIONS = {
  'catalog.cattle.io/display-name':          'Example',
  'catalog.cattle.io/rancher-version':       '>= 2.10.0',
  'catalog.cattle.io/ui-extensions-version': '>= 3.0.0 < 4.0.0',
};

describe('built extension packages', () => {
  let tmp: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-uiplugins-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads one package folder or a folder of packages, with the chart annotations from the source package.json', () => {
    const dir = builtPackage(tmp, 'example', '1.2.3');

    builtPackage(tmp, 'other', '0.0.1');
    const [one] = loadUiPluginPackages([dir], [sourcePackageJson(tmp, 'example', '1.2.3', ANNOTATIONS)]);

    // toEqual: `files` is an array made by fs in node's realm, which jest 27's toStrictEqual tells apart
    expect(one).toEqual({
      name:     'example',
      version:  '1.2.3',
      main:     'example-1.2.3.umd.min.js',
      dir,
      files:    ['example-1.2.3.umd.min.js', 'example-1.2.3.umd.min.js.map', 'example-1.2.3.umd.min.migration-page.js', 'package.json'],
      metadata: ANNOTATIONS,
    });
    expect(loadUiPluginPackages([tmp]).map((p) => p.name).sort()).toStrictEqual(['example', 'other']);
  });

  it('keeps build-pkg metadata empty without annotations (build-pkg replaces them by rancher: true)', () => {
    expect(loadUiPluginPackages([builtPackage(tmp, 'example', '1.2.3')])[0].metadata).toStrictEqual({});
  });

  it.each([
    ['a folder without a built package', (t: string) => [[t], []], /no built extension package/],
    ['a missing main file', (t: string) => {
      const dir = builtPackage(t, 'example', '1.2.3');

      fs.rmSync(path.join(dir, 'example-1.2.3.umd.min.js'));

      return [[dir], []];
    }, /main file example-1\.2\.3\.umd\.min\.js is missing/],
    ['annotations of another version (a stale build)', (t: string) => [[builtPackage(t, 'example', '1.2.3')], [sourcePackageJson(t, 'example', '1.3.0', ANNOTATIONS)]], /example 1\.3\.0 but the built package is 1\.2\.3/],
    ['annotations of a package that was not built', (t: string) => [[builtPackage(t, 'example', '1.2.3')], [sourcePackageJson(t, 'nope', '1.2.3', ANNOTATIONS)]], /for nope, which is not among/],
    ['the same extension twice', (t: string) => {
      builtPackage(path.join(t, 'a'), 'example', '1.2.3');
      builtPackage(path.join(t, 'b'), 'example', '1.2.4');

      return [[path.join(t, 'a'), path.join(t, 'b')], []];
    }, /given twice/],
  ])('rejects %s', (_title, setup, message) => {
    const [dirs, annotations] = (setup as (t: string) => string[][])(tmp);

    expect(() => loadUiPluginPackages(dirs, annotations)).toThrow(message as RegExp);
  });

  it('takes --ui-plugins and --ui-plugin-annotations (repeatable) on the command line', () => {
    const dir = builtPackage(tmp, 'example', '1.2.3');
    const src = sourcePackageJson(tmp, 'example', '1.2.3', ANNOTATIONS);

    expect(parseArgs(['--ui-plugins', dir, '--ui-plugins', tmp, `--ui-plugin-annotations=${ src }`])).toMatchObject({ uiPlugins: [dir, tmp], uiPluginAnnotations: [src] });
    expect(() => parseArgs(['--ui-plugin-annotations', path.join(tmp, 'nope.json')])).toThrow(/not a file/);
  });

  it('exits 2 with one line when --ui-plugins holds no built package', () => {
    const r = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'simulator/cli.ts'), '--ui-plugins', tmp], { encoding: 'utf8', timeout: 60000 });

    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no built extension package/);
  }, 70000);
});

describe('UI extension endpoints', () => {
  let tmp: string;
  let pkg: UiPluginPackage;
  let env: Awaited<ReturnType<typeof startSimulator>>;
  const BASE = '/v1/uiplugins/example/1.2.3/plugin';

  beforeAll(async() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-uiplugins-'));
    [pkg] = loadUiPluginPackages([builtPackage(tmp, 'example', '1.2.3')], [sourcePackageJson(tmp, 'example', '1.2.3', ANNOTATIONS)]);
    env = await startSimulator({ uiPlugins: [pkg] });
  });
  afterAll(async() => {
    await env.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(async() => {
    await env.admin.req('POST', '/_sim/reset');
  });

  it('indexes the installed extension for logged-in users, as Rancher marshals its index', async() => {
    const r = await env.admin.get('/v1/uiplugins');

    expect(r.status).toBe(200);
    expect(r.body).toStrictEqual({
      entries: {
        example: {
          name:               'example',
          version:            '1.2.3',
          endpoint:           'http://ui-extension-example-svc.cattle-ui-plugin-system:8080/plugin/example-1.2.3',
          compressedEndpoint: 'http://ui-extension-example-svc.cattle-ui-plugin-system:8080/plugin/example-1.2.3.tgz',
          metadata:           ANNOTATIONS,
          CacheState:         'cached',
          Ready:              true,
        }
      }
    });
  });

  it('shows logged-out callers only noAuth extensions (the anonymous index)', async() => {
    expect((await new Client(env.url).get('/v1/uiplugins')).body).toStrictEqual({ entries: {} });
  });

  it('has the UIPlugin resource the chart creates, also after a scenario reset', async() => {
    const r = await env.admin.get('/v1/catalog.cattle.io.uiplugins/cattle-ui-plugin-system');

    expect(r.status).toBe(200);
    expect(r.body.data.map((o: any) => o.id)).toStrictEqual(['cattle-ui-plugin-system/example']);
    expect(r.body.data[0].spec.plugin).toMatchObject({
      name: 'example', version: '1.2.3', noCache: false, noAuth: false, metadata: ANNOTATIONS
    });
    expect(r.body.data[0].metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': 'example-1.2.3' });
    expect(r.body.data[0].status).toMatchObject({ cacheState: 'cached', ready: true });
  });

  it.each([
    ['example-1.2.3.umd.min.js', 'text/javascript; charset=utf-8', '/* main of example */'],
    ['example-1.2.3.umd.min.migration-page.js', 'text/javascript; charset=utf-8', '/* page chunk */'],
    ['package.json', 'application/json', undefined],
    ['example-1.2.3.umd.min.js.map', 'text/plain; charset=utf-8', undefined],
  ])('serves %s with Go FileServer\'s content type', async(file, contentType, body) => {
    const r = await env.admin.get(`${ BASE }/${ file }`);

    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(contentType);
    expect(JSON.stringify(r.body)).toBe(JSON.stringify(body ?? JSON.parse(fs.readFileSync(path.join(pkg.dir, file), 'utf8'))));
  });

  it('logs file fetches in the request log', async() => {
    await env.admin.req('DELETE', '/_sim/requests');
    await env.admin.get(`${ BASE }/example-1.2.3.umd.min.js`);
    const log = await env.admin.get(`/_sim/requests?path=${ encodeURIComponent('^/v1/uiplugins/') }`);

    expect(log.body.data.map((e: any) => [e.method, e.path, e.status])).toStrictEqual([['GET', `${ BASE }/example-1.2.3.umd.min.js`, 200]]);
  });

  it.each([
    ['logged out', true, `${ BASE }/example-1.2.3.umd.min.js`, 'plugin [name: example version: 1.2.3] does not exist in index'],
    ['another version', false, '/v1/uiplugins/example/9.9.9/plugin/example-1.2.3.umd.min.js', 'plugin [name: example version: 9.9.9] does not exist in index'],
    ['an unknown extension', false, '/v1/uiplugins/nope/1.2.3/plugin/x.js', 'plugin [name: nope version: 1.2.3] does not exist in index'],
    ['a file that is not in the package', false, `${ BASE }/nope.js`, '404 page not found'],
    ['a path outside plugin/', false, '/v1/uiplugins/example/1.2.3/files.txt', '404 page not found'],
    // encoded slashes: a plain `../` is already resolved by URL parsing (and by Go's mux) before any handler
    ['a path that climbs out', false, `${ BASE }/..%2F..%2F..%2F..%2Fpackage.json`, '404 page not found'],
  ])('answers 404 for %s', async(_title, anonymous, url, message) => {
    const r = await (anonymous ? new Client(env.url) : env.admin).get(url);

    expect(r.status).toBe(404);
    expect(String(r.body).trim()).toBe(message);
  });

  it('indexes a Developer Load "persist" resource (noAuth, noCache, direct) without serving its files', async() => {
    const created = await env.admin.req('POST', '/v1/catalog.cattle.io.uiplugins', {
      type:     'catalog.cattle.io.uiplugin',
      metadata: { name: 'dev-1.0.0', namespace: 'cattle-ui-plugin-system' },
      spec:     {
        plugin: {
          name: 'dev-developer-load', version: '1.0.0', endpoint: 'http://127.0.0.1:4500/dev-1.0.0/dev-1.0.0.umd.min.js', noCache: true, noAuth: true, metadata: { developer: 'true', direct: 'true', 'catalog.cattle.io/ui-extensions-version': '>= 3' }
        }
      }
    });

    expect(created.status).toBe(201);
    const anonymous = (await new Client(env.url).get('/v1/uiplugins')).body.entries;

    expect(Object.keys(anonymous)).toStrictEqual(['dev-developer-load']);
    expect(anonymous['dev-developer-load']).toMatchObject({ noCache: true, CacheState: 'disabled', Ready: false });
    // the dashboard loads a direct plugin from its endpoint; through Rancher a non-https endpoint is refused
    const r = await env.admin.get('/v1/uiplugins/dev-developer-load/1.0.0/plugin/dev-1.0.0.umd.min.js');

    expect(r.status).toBe(403);
    expect(String(r.body)).toMatch(/url scheme \[http\] is not allowed, only https is permitted/);
  });
});
