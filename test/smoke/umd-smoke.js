// Loads the built UMD in plain Node, as Rancher would load it in the browser, and checks what it registers.
// Usage: node test/smoke/umd-smoke.js <path to the main .umd.min.js>
const path = require('path');
const assert = require('assert');

const file = process.argv[2];

if (!file) {
  console.error('usage: umd-smoke.js <umd file>'); // eslint-disable-line no-console
  process.exit(2);
}

// Rancher's plugins-loader provides the shell's externals as globals (window.__jsyaml, window.__jszip); in Node the
// UMD's CommonJS branch asks for them by those names, so they are mapped to the same libraries here.
const Module = require('module');
const EXTERNALS = { __jsyaml: 'js-yaml', __jszip: 'jszip' };
const resolve = Module._resolveFilename;

Module._resolveFilename = function(request, ...rest) {
  return resolve.call(this, EXTERNALS[request] || request, ...rest);
};

const mod = require(path.resolve(file));
const init = mod.default || mod;
const actions = [];
const routes = [];
const panels = [];
const plugin = {
  metadata:  null,
  register:  () => undefined,
  addAction: (...args) => actions.push(args),
  addRoutes: (list) => routes.push(...list),
  addRoute:  (...args) => routes.push(args),
  addPanel:  (...args) => panels.push(args),
};

init(plugin);

assert.strictEqual(plugin.metadata && plugin.metadata.name, 'aws-oot-migration', 'package metadata');
assert.strictEqual(actions.length, 1, 'one action');
assert.strictEqual(actions[0][0], 'table-action');
assert.deepStrictEqual(actions[0][1], { resource: ['provisioning.cattle.io.cluster'] });
assert.strictEqual(actions[0][2].labelKey, 'awsOotMigration.action.migrate');
assert.strictEqual(typeof actions[0][2].enabled, 'function');
assert.strictEqual(routes.length, 1, 'one route');
assert.strictEqual(panels.length, 1, 'one panel');
assert.strictEqual(panels[0][0], 'detail-top');
assert.strictEqual(typeof panels[0][2].component, 'function', 'the banner is loaded lazily');
assert.strictEqual(routes[0].route.name, 'c-cluster-manager-aws-oot-migration-namespace-id');
assert.strictEqual(typeof routes[0].route.component, 'function', 'the page is loaded lazily');

// The engine's predicate is really bundled: an in-tree AWS RKE2 cluster is a candidate, a K3s one is not.
const enabled = actions[0][2].enabled;
const rke2 = {
  canUpdate: true,
  metadata:  { name: 'c', namespace: 'fleet-default' },
  spec:      {
    kubernetesVersion: 'v1.26.15+rke2r1',
    rkeConfig:         { machineGlobalConfig: {}, machineSelectorConfig: [{ config: { 'cloud-provider-name': 'aws' } }] }
  },
  status: { clusterName: 'c-m-1' },
};
const k3s = { ...rke2, spec: { ...rke2.spec, kubernetesVersion: 'v1.26.15+k3s1' } };

assert.strictEqual(enabled(rke2), true, 'in-tree AWS RKE2 cluster is a candidate');
assert.strictEqual(enabled(k3s), false, 'K3s is not a candidate');
assert.strictEqual(enabled({ ...rke2, canUpdate: false }), false, 'no action without update rights');

console.log(`smoke: ${ path.basename(file) } registers ${ actions.length } action and ${ routes.length } route`); // eslint-disable-line no-console
