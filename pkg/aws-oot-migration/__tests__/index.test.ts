import { ActionLocation } from '@shell/core/types';
import register from '../index';
import { MIGRATION_ROUTE_NAME, MIGRATION_ROUTE_PATH } from '../config/constants';

jest.mock('@rancher/auto-import', () => ({ importTypes: jest.fn() }), { virtual: true });

function fakePlugin() {
  return {
    metadata:   undefined as any,
    addAction:  jest.fn(),
    addRoutes:  jest.fn(),
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

  it('carries the package metadata', () => {
    const plugin = fakePlugin();

    register(plugin as any);

    expect(plugin.metadata.name).toBe('aws-oot-migration');
  });
});
