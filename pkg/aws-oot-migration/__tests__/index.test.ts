import { ActionLocation, PanelLocation } from '@shell/core/types';
import register from '../index';
import { MIGRATION_ROUTE_NAME, MIGRATION_ROUTE_PATH } from '../config/constants';

jest.mock('@rancher/auto-import', () => ({ importTypes: jest.fn() }), { virtual: true });

function fakePlugin() {
  return {
    metadata:   undefined as any,
    addAction:  jest.fn(),
    addRoutes:  jest.fn(),
    addPanel:   jest.fn(),
    register:   jest.fn(),
  };
}

describe('extension registration', () => {
  it('registers the migrate action on provisioning clusters', () => {
    const plugin = fakePlugin();

    register(plugin as any);

    expect(plugin.addAction).toHaveBeenCalledTimes(1);
    const [where, when, action] = plugin.addAction.mock.calls[0];

    expect(where).toBe(ActionLocation.TABLE);
    expect(when).toStrictEqual({ resource: ['provisioning.cattle.io.cluster'] });
    expect(action.labelKey).toBe('awsOotMigration.action.migrate');
    expect(action.multiple).toBe(false);
  });

  it('registers the migration page under Cluster Management with a lazily loaded component', () => {
    const plugin = fakePlugin();

    register(plugin as any);

    const [[routes]] = plugin.addRoutes.mock.calls;

    expect(routes).toHaveLength(1);
    expect(routes[0].parent).toBe('default');
    expect(routes[0].route).toMatchObject({
      name: MIGRATION_ROUTE_NAME, path: MIGRATION_ROUTE_PATH, meta: { product: 'manager', cluster: '_' }
    });
    expect(typeof routes[0].route.component).toBe('function');
  });

  it('registers the in-tree warning on the cluster detail page as a lazily loaded panel', () => {
    const plugin = fakePlugin();

    register(plugin as any);

    expect(plugin.addPanel).toHaveBeenCalledTimes(1);
    const [where, when, panel] = plugin.addPanel.mock.calls[0];

    expect(where).toBe(PanelLocation.DETAIL_TOP);
    expect(when).toStrictEqual({ resource: ['provisioning.cattle.io.cluster'] });
    // a loader, not the component: the shell wraps it with defineAsyncComponent (core/plugin.ts)
    expect(panel.component).toStrictEqual(expect.any(Function));
    expect(panel.component.__asyncLoader).toBeUndefined();
  });

  it('carries the package metadata', () => {
    const plugin = fakePlugin();

    register(plugin as any);

    expect(plugin.metadata.name).toBe('aws-oot-migration');
  });
});
