// esbuild options of the web extension (dist/web/): the client for VS Code's web extension host and the language
// server for a web worker. Both are built for the browser; a node built-in anywhere in their import graph fails
// the build with the chain of importers that brought it in (test/package/web-build.test.ts).
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Fails the build on any import of a node built-in (`fs`, `node:fs`, `path/posix` …), naming the importer. */
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const root = args.path.startsWith('node:') ? args.path : args.path.split('/')[0];
      if (!BUILTINS.has(args.path) && !BUILTINS.has(root)) return undefined;
      return { errors: [{ text: `node built-in "${args.path}" imported by ${args.importer || '(entry)'}: the web build must not use node built-ins (keep file access in the node platform, server/src/platform-node.ts)` }] };
    });
  },
};

const web = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
  // Downloaded by every vscode.dev session: identifiers minified too (the source maps stay out of the package).
  minify: true,
  // vscode-languageserver/-client pick their browser implementation through package.json "browser".
  mainFields: ['browser', 'module', 'main'],
  // No polyfills: a global that only node has (process, Buffer) would be a runtime error, so name none.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [noNodeBuiltins],
};

export const WEB_BUILDS = [
  { ...web, entryPoints: ['server/src/browser.ts'], outfile: 'dist/web/server.js', format: 'iife' },
  { ...web, entryPoints: ['client/src/browser.ts'], outfile: 'dist/web/client.js', format: 'cjs', external: ['vscode'] },
];
