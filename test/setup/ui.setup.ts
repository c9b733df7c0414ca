import { config } from '@vue/test-utils';
import cleanHtml from '@shell/directives/clean-html';
import cleanTooltip from '@shell/directives/clean-tooltip';
import strippedAriaLabel from '@shell/directives/strip-html-aria-label';
import { translate } from './translate';

// Rancher's i18n in component tests: the global this.t() and the <t> component, backed by en-us.yaml.
config.global.mocks = { t: translate };
config.global.stubs = {
  t: {
    props:    ['k', 'raw'],
    template: '<span>{{ $options.translate(k) }}</span>',
    translate,
  },
};

// Directives the shell installs globally and its components use.
config.global.directives = { 'clean-html': cleanHtml, 'clean-tooltip': cleanTooltip, 'stripped-aria-label': strippedAriaLabel };
