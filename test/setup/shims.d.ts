// Untyped JavaScript modules the test tooling imports.
declare module '@shell/directives/*';
declare module 'eslint';
