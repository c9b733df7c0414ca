const config = require('@rancher/shell/vue.config');

// EXCLUDE_PKGS=a,b leaves those pkg/* folders out of the app build. The e2e test of the built package needs a
// dashboard without the extension compiled in: otherwise the shell marks the extension "builtin" and refuses to
// load the same name from /v1/uiplugins (plugins.error.developerPkg).
const excludes = (process.env.EXCLUDE_PKGS || '').split(',').map((name) => name.trim()).filter(Boolean);

const base = config(__dirname, { excludes });

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
