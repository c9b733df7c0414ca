import { RancherApiError } from '../errors';
import {
  DEFAULT_TIMEOUT_MS, createTransport, orNull, toPlain, withTimeout,
} from '../request';
import {
  FakeStore, fail, hang, httpError, ok, req,
} from './support/fake-store';

describe('createTransport', () => {
  it('dispatches management/request with url, method and the timeout (axios aborts a hung request)', async() => {
    const store = new FakeStore().on('GET', '/v1/x', ok({ a: 1 }));

    expect(await createTransport(store)('/v1/x')).toStrictEqual({ a: 1 });
    expect(store.calls).toStrictEqual([{ action: 'management/request', payload: req('get', '/v1/x') }]);
  });

  it('passes data and headers only when given', async() => {
    const store = new FakeStore().on('PATCH', '/v1/x', ok({}));

    await createTransport(store, 1000)('/v1/x', { method: 'patch', data: { a: 1 }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(store.requests).toStrictEqual([{
      url: '/v1/x', method: 'patch', timeout: 1000, data: { a: 1 }, headers: { 'Content-Type': 'application/merge-patch+json' }
    }]);
  });

  it('rejects with a normalised RancherApiError', async() => {
    const store = new FakeStore().on('GET', '/v1/x', fail(httpError(403, 'Forbidden', 'no')));
    const err = await createTransport(store)('/v1/x').catch((e) => e);

    expect(err).toBeInstanceOf(RancherApiError);
    expect(err.toView()).toStrictEqual({
      kind: 'forbidden', status: 403, messageKey: 'awsOotMigration.errors.forbidden', params: { target: '/v1/x', status: 403 }, detail: 'no'
    });
  });

  describe('timeout', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('gives up after the default 30 s so the UI never hangs', async() => {
      const store = new FakeStore().on('GET', '/v1/x', hang);
      const pending = createTransport(store)('/v1/x').catch((e) => e);

      jest.advanceTimersByTime(DEFAULT_TIMEOUT_MS);
      const err = await pending;

      expect(err.toView()).toStrictEqual({
        kind: 'timeout', messageKey: 'awsOotMigration.errors.timeout', params: { target: '/v1/x', seconds: 30 }, detail: 'no answer within 30000 ms'
      });
    });

    it('clears its timer once the request settles', async() => {
      await withTimeout(Promise.resolve(1), 1000);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});

describe('orNull', () => {
  it('turns not-found into null', async() => {
    const store = new FakeStore().on('GET', '/v1/x', fail(httpError(404, 'NotFound', 'x')));

    expect(await orNull(createTransport(store)('/v1/x'))).toBeNull();
  });

  it('rethrows every other error', async() => {
    const store = new FakeStore().on('GET', '/v1/x', fail(httpError(500, 'ServerError', 'x')));

    await expect(orNull(createTransport(store)('/v1/x'))).rejects.toBeInstanceOf(RancherApiError);
  });
});

describe('toPlain', () => {
  it('drops non-enumerable response decoration and model internals', () => {
    const res = Object.defineProperty({ a: 1 }, '_status', { value: 200, enumerable: false });

    expect(toPlain(res)).toStrictEqual({ a: 1 });
  });
});
