import { translate } from '../../../../test/setup/translate';
import { ERRORS_L10N, ERROR_MESSAGES } from '../errors';

const PARAMS = {
  target: '/v1/x', status: 503, cluster: 'c-m-1', seconds: 30, count: 2, type: 'node'
};

describe('error messages', () => {
  it.each(ERROR_MESSAGES)('%s has English text with every placeholder filled', (key) => {
    const text = translate(`${ ERRORS_L10N }.${ key }`, PARAMS);

    expect(text).not.toMatch(/^%.*%$/);
    expect(text).not.toMatch(/\{\w+\}/);
  });
});
