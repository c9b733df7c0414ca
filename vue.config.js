const config = require('@rancher/shell/vue.config');

const base = config(__dirname, { excludes: [] });

// @rancher/shell 3.0.8's ts-loader compiles with the shell's own tsconfig, whose rootDir is the shell folder,
// so every .ts file under ./pkg fails with TS6059 in the dev server and app build (rancher/dashboard#17118,
// fixed upstream after 3.0.8). Point rootDir at this repository instead.
const configureShellWebpack = base.configureWebpack;

base.configureWebpack = (webpackConfig) => {
  configureShellWebpack(webpackConfig);
  webpackConfig.module.rules.forEach((rule) => {
    (Array.isArray(rule.use) ? rule.use : []).forEach((use) => {
      if (use.loader === 'ts-loader') {
        use.options = { ...use.options, compilerOptions: { ...(use.options?.compilerOptions || {}), rootDir: __dirname } };
      }
    });
  });
};

module.exports = base;
