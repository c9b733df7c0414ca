import { matchesSelector } from '../selector';

const labels = { 'node-role.kubernetes.io/control-plane': 'true', zone: 'a', tier: 'x' };

describe('matchesSelector', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['node-role.kubernetes.io/control-plane=true', true],
    ['node-role.kubernetes.io/control-plane==true', true],
    ['node-role.kubernetes.io/control-plane=false', false],
    ['zone!=b', true],
    ['zone!=a', false],
    ['missing!=a', true],
    ['zone', true],
    ['missing', false],
    ['!missing', true],
    ['!zone', false],
    ['zone in (a, b)', true],
    ['zone in (b,c)', false],
    ['zone notin (b)', true],
    ['zone notin (a,b)', false],
    ['missing notin (a)', true],
    ['zone=a,tier in (x,y),!missing', true],
    ['zone=a,tier in (y)', false],
  ])('evaluates %p as %s', (selector, expected) => {
    expect(matchesSelector(labels, selector)).toBe(expected);
  });

  it('treats missing labels as empty', () => {
    expect(matchesSelector(undefined, '!a')).toBe(true);
  });
});
