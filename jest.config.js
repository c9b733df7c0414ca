// Three projects: "core" proves the engine and the CLI need no DOM, Vue or shell; "sim" tests the simulated
// Rancher over real HTTP; "ui" mounts components in jsdom with the shell's components.
const tsJest = { 'ts-jest': { isolatedModules: true, tsconfig: '<rootDir>/pkg/aws-oot-migration/tsconfig.json' } };

const common = {
  rootDir:                  __dirname,
  moduleFileExtensions:     ['ts', 'js', 'json', 'vue'],
  // the root package shares the extension's name (Rancher's catalog workflow keys on it): keep it out of jest's haste map
  modulePathIgnorePatterns: ['<rootDir>/dist-pkg/', '<rootDir>/dist/', '<rootDir>/package.json'],
  globals:                  tsJest,
};

module.exports = {
  projects: [
    {
      ...common,
      displayName:     'core',
      testEnvironment: 'node',
      testMatch:       [
        '<rootDir>/pkg/*/migration/**/__tests__/**/*.test.ts',
        '<rootDir>/cli/**/__tests__/**/*.test.ts',
        '<rootDir>/test/unit/**/*.test.ts',
      ],
      transform: { '^.+\\.ts$': 'ts-jest' },
    },
    {
      ...common,
      displayName:     'sim',
      testEnvironment: 'node',
      testMatch:       ['<rootDir>/simulator/**/__tests__/**/*.test.ts'],
      transform:       { '^.+\\.ts$': 'ts-jest' },
    },
    {
      ...common,
      displayName:        'ui',
      testEnvironment:    'jsdom',
      testMatch:          ['<rootDir>/pkg/*/{api,components,composables,pages,extension-points,routing}/**/__tests__/**/*.test.ts', '<rootDir>/pkg/*/__tests__/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/ui.setup.ts'],
      moduleNameMapper:   {
        '^@shell/(.*)$':      '<rootDir>/node_modules/@rancher/shell/$1',
        '^~shell/(.*)$':      '<rootDir>/node_modules/@rancher/shell/$1',
        '^@components/(.*)$': '<rootDir>/node_modules/@rancher/shell/rancher-components/$1',
        '^@aws-oot/(.*)$':    '<rootDir>/pkg/aws-oot-migration/$1',
        '\\.(css|scss)$':     '<rootDir>/test/style-stub.js',
      },
      transform: {
        '^.+\\.vue$': '@vue/vue3-jest',
        '^.+\\.ts$':  'ts-jest',
        '^.+\\.js$':  'babel-jest',
      },
      // @rancher/shell ships untranspiled ESM/TS sources
      transformIgnorePatterns: ['/node_modules/(?!@rancher/shell/)'],
    },
  ],
};
