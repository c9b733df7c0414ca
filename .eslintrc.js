// Rancher dashboard style (the shell's rules, written for eslint 7 as shipped with @rancher/shell 3.0.8),
// plus the layer boundaries of this project.
const ENGINE_FORBIDDEN = [
  'vue', 'vuex', 'vue-router', '@shell/*', '@components/*', '@rancher/*',
  '**/api/*', '**/api', '**/composables/*', '**/components/*', '**/pages/*', '*.vue',
  'fs', 'path', 'http', 'https', 'child_process', 'node:*',
];

module.exports = {
  root: true,
  env:  {
    browser: true, node: true, es2021: true, jest: true
  },
  parser:        'vue-eslint-parser',
  parserOptions: {
    parser: '@typescript-eslint/parser', ecmaVersion: 2021, sourceType: 'module', extraFileExtensions: ['.vue']
  },
  extends: [
    'eslint:recommended',
    'plugin:@typescript-eslint/recommended',
    'plugin:vue/vue3-recommended',
  ],
  ignorePatterns: ['node_modules/', 'dist/', 'dist-pkg/', 'dist-app/', 'dist-app-*/', 'pkg/*/.shell', 'coverage/', 'test-results/'],
  rules:          {
    '@typescript-eslint/no-explicit-any':       'off',
    '@typescript-eslint/no-var-requires':       'off',
    '@typescript-eslint/no-non-null-assertion': 'off',
    '@typescript-eslint/no-unused-vars':        ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    'no-unused-vars':                           'off',
    'vue/no-v-html':                            'error',
    'vue/multi-word-component-names':           'off',
    'vue/require-default-prop':                 'off',
    'no-console':                               'warn',
    curly:                                      'warn',
    eqeqeq:                                     'warn',
    indent:                                     ['warn', 2, { SwitchCase: 0 }],
    semi:                                       ['warn', 'always'],
    quotes:                                     ['warn', 'single', { avoidEscape: true, allowTemplateLiterals: true }],
    'object-curly-spacing':                     ['warn', 'always'],
    'template-curly-spacing':                   ['warn', 'always'],
    'space-before-function-paren':              ['warn', 'never'],
    'keyword-spacing':                          'warn',
    'comma-dangle':                             ['warn', 'only-multiline'],
    'no-trailing-spaces':                       'warn',
    'prefer-template':                          'warn',
    'object-shorthand':                         'warn',
    'padding-line-between-statements':          [
      'warn',
      { blankLine: 'always', prev: '*', next: 'return' },
      { blankLine: 'always', prev: ['const', 'let', 'var'], next: '*' },
      { blankLine: 'any', prev: ['const', 'let', 'var'], next: ['const', 'let', 'var'] },
    ],
  },
  overrides: [
    {
      // The domain engine is pure: no Vue, store, shell, UI layers or I/O.
      files: ['pkg/*/migration/**/*.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: ENGINE_FORBIDDEN }] },
    },
    {
      files: ['pkg/*/migration/**/__tests__/**/*.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: ENGINE_FORBIDDEN.filter((p) => !['fs', 'path', 'child_process'].includes(p)) }] },
    },
    {
      // Presentational components never do I/O.
      files: ['pkg/*/components/**/*.{ts,vue}'],
      rules: { 'no-restricted-imports': ['error', { patterns: ['**/api/*', '**/api'] }] },
    },
    {
      // The simulated Rancher models Rancher on its own: a bug shared with the extension would pass every test.
      files: ['simulator/**/*.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: ['**/pkg/**', '@aws-oot/*', '@pkg/*'] }] },
    },
    {
      files: ['*.js', 'scripts/**/*.js', 'test/**/*.js'],
      rules: { '@typescript-eslint/no-var-requires': 'off' },
    },
  ],
};
