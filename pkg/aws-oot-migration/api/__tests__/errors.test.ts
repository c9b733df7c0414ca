import {
  RancherApiError, TimeoutError, isApiError, makeError, normalizeError, toApiError,
} from '../errors';
import { httpError, textError } from './support/fake-store';

const MGMT = '/v1/provisioning.cattle.io.clusters/fleet-default/c1';
const DOWN = '/k8s/clusters/c-m-1/v1/nodes/n1';
const K = 'awsOotMigration.errors';

describe('normalizeError', () => {
  it.each([
    ['a Steve 403', httpError(403, 'Forbidden', 'nope'), MGMT, {
      kind: 'forbidden', status: 403, messageKey: `${ K }.forbidden`, params: { target: MGMT, status: 403 }, detail: 'nope'
    }],
    ['a Norman 403', httpError(403, 'PermissionDenied', 'clusters "c-1" is forbidden'), '/v3/clusters/c-1', {
      kind: 'forbidden', status: 403, messageKey: `${ K }.forbidden`, params: { target: '/v3/clusters/c-1', status: 403 }, detail: 'clusters "c-1" is forbidden'
    }],
    ['a 401 (session expired)', httpError(401, 'Unauthorized', 'must authenticate'), MGMT, {
      kind: 'forbidden', status: 401, messageKey: `${ K }.unauthorized`, params: { target: MGMT, status: 401 }, detail: 'must authenticate'
    }],
    ['a 404', httpError(404, 'NotFound', 'not found'), MGMT, {
      kind: 'not-found', status: 404, messageKey: `${ K }.notFound`, params: { target: MGMT, status: 404 }, detail: 'not found'
    }],
    ['a 409', httpError(409, 'Conflict', 'the object has been modified'), MGMT, {
      kind: 'conflict', status: 409, messageKey: `${ K }.conflict`, params: { target: MGMT, status: 409 }, detail: 'the object has been modified'
    }],
    ['a 422 from the webhook', httpError(422, 'Invalid', 'spec.rkeConfig: bad'), MGMT, {
      kind: 'invalid', status: 422, messageKey: `${ K }.invalid`, params: { target: MGMT, status: 422 }, detail: 'spec.rkeConfig: bad'
    }],
    ['a 415 (wrong patch type)', httpError(415, 'UnsupportedMediaType', 'unknown format'), MGMT, {
      kind: 'invalid', status: 415, messageKey: `${ K }.invalid`, params: { target: MGMT, status: 415 }, detail: 'unknown format'
    }],
    ['a 500', httpError(500, 'ServerError', 'boom'), MGMT, {
      kind: 'server', status: 500, messageKey: `${ K }.server`, params: { target: MGMT, status: 500 }, detail: 'boom'
    }],
    ['a 503 from Rancher itself', httpError(503, 'ServiceUnavailable', 'busy'), MGMT, {
      kind: 'server', status: 503, messageKey: `${ K }.server`, params: { target: MGMT, status: 503 }, detail: 'busy'
    }],
    ['a 429', httpError(429, 'TooManyRequests', 'slow down'), MGMT, {
      kind: 'server', status: 429, messageKey: `${ K }.tooManyRequests`, params: { target: MGMT, status: 429 }, detail: 'slow down'
    }],
    ['a 504', httpError(504, 'GatewayTimeout', 'upstream timeout'), MGMT, {
      kind: 'timeout', status: 504, messageKey: `${ K }.gatewayTimeout`, params: { target: MGMT, status: 504 }, detail: 'upstream timeout'
    }],
    ['a downstream proxy 503 (cluster agent disconnected)', httpError(503, 'ClusterUnavailable', 'ClusterUnavailable 503: cluster not available: cluster agent disconnected (c-m-1)'), DOWN, {
      kind: 'unreachable', status: 503, messageKey: `${ K }.unreachable`, params: { target: DOWN, status: 503, cluster: 'c-m-1' }, detail: 'ClusterUnavailable 503: cluster not available: cluster agent disconnected (c-m-1)'
    }],
    ['a downstream proxy 502 with a text body', textError(502, 'Bad Gateway'), DOWN, {
      kind: 'unreachable', status: 502, messageKey: `${ K }.unreachable`, params: { target: DOWN, status: 502, cluster: 'c-m-1' }, detail: 'Bad Gateway'
    }],
    ['a downstream 500 naming the tunnel', textError(500, 'failed to find cluster c-m-1'), DOWN, {
      kind: 'unreachable', status: 500, messageKey: `${ K }.unreachable`, params: { target: DOWN, status: 500, cluster: 'c-m-1' }, detail: 'failed to find cluster c-m-1'
    }],
    ['an axios error carrying the response', { isAxiosError: true, message: 'Request failed', response: { status: 403, data: { message: 'denied' } } }, MGMT, {
      kind: 'forbidden', status: 403, messageKey: `${ K }.forbidden`, params: { target: MGMT, status: 403 }, detail: 'denied'
    }],
    ['an axios network error', { isAxiosError: true, code: 'ERR_NETWORK', message: 'Network Error' }, MGMT, {
      kind: 'network', messageKey: `${ K }.network`, params: { target: MGMT }, detail: 'Network Error'
    }],
    ['an axios timeout', { isAxiosError: true, code: 'ECONNABORTED', message: 'timeout of 30000ms exceeded' }, MGMT, {
      kind: 'timeout', messageKey: `${ K }.timeout`, params: { target: MGMT, seconds: 30 }, detail: 'timeout of 30000ms exceeded'
    }],
    ['our own timeout', new TimeoutError(5000), MGMT, {
      kind: 'timeout', messageKey: `${ K }.timeout`, params: { target: MGMT, seconds: 5 }, detail: 'no answer within 5000 ms'
    }],
    ['something unexpected', new RangeError('weird'), MGMT, {
      kind: 'server', messageKey: `${ K }.unknown`, params: { target: MGMT }, detail: 'weird'
    }],
  ])('normalises %s', (_title, err, url, expected) => {
    expect(normalizeError(err, { url, timeoutMs: 30000 })).toStrictEqual(expected);
  });

  it('strips the origin and query from absolute link URLs', () => {
    expect(normalizeError(httpError(404, 'NotFound', 'x'), { url: 'https://rancher.example/v1/x/y?dryRun=All' }).params).toStrictEqual({ target: '/v1/x/y', status: 404 });
  });

  it('passes an already normalised error through', () => {
    const e = makeError('conflict', 'conflictFields', { target: 't', count: 2 }, 409);

    expect(normalizeError(e)).toBe(e);
    expect(normalizeError(new RancherApiError(e))).toStrictEqual(e);
  });
});

describe('RancherApiError', () => {
  it('is an Error whose view is the plain shape', () => {
    const err = toApiError(httpError(404, 'NotFound', 'gone'), { url: MGMT });

    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe('gone');
    expect(err.toView()).toStrictEqual({
      kind: 'not-found', status: 404, messageKey: `${ K }.notFound`, params: { target: MGMT, status: 404 }, detail: 'gone'
    });
    expect(toApiError(err)).toBe(err);
  });

  it('is recognised by isApiError, unlike a raw body', () => {
    expect(isApiError(toApiError(new Error('x')))).toBe(true);
    expect(isApiError(httpError(500, 'x', 'y'))).toBe(false);
  });
});
