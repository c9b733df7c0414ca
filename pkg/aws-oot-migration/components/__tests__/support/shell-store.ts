import { createStore } from 'vuex';
import { translate } from '../../../../../test/setup/translate';

/**
 * The few root getters the shell's AsyncButton and SortableTable read from Rancher's store. Translation goes
 * through the same en-us.yaml lookup as the global t(), so a missing key still shows up as `%key%`.
 */
export function shellStore() {
  return createStore({
    getters: {
      'i18n/t':                                    () => translate,
      'i18n/exists':                               () => () => false,
      'prefs/get':                                 () => () => undefined,
      'management/byId':                           () => () => undefined,
      'resource-fetch/isTooManyItemsToAutoUpdate': () => false,
      'resource-fetch/manualRefreshIsLoading':     () => false,
      activeNamespaceCache:                        () => ({}),
    },
  });
}

/**
 * Mount options for components built from shell parts: the store, and no-op stand-ins for directives the app
 * installs globally (aria-label and whitespace cosmetics, the UI-context registry, v-tooltip and vue-shortkey
 * in SortableTable's unused action menus). None of them changes the text or the events under test.
 */
export function shellGlobal() {
  return {
    plugins:    [shellStore()],
    directives: {
      'stripped-aria-label': {},
      'trim-whitespace':     {},
      'ui-context':          {},
      'close-popper':        {},
      shortkey:              {},
    },
  };
}
