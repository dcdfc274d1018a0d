#!/usr/bin/env node
// Bundles the VS Code client, the language server and the CLI into single files in dist/, and the web extension
// (vscode.dev / github.dev) into dist/web/: the client for the web extension host and the server for a web worker.
// The PCI ID snapshot is not compiled into the bundles: it is written to dist/pciids.txt and
// read the first time a vendor or device name is needed, so start-up stays small.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PCI_SAMPLE, catalogueSample, wrapServerWithCodeCache, wrapWithCodeCache } from './code-cache.mjs';
import { WEB_BUILDS } from './web-build.mjs';
import { writeServerLauncher } from './server-launcher.mjs';

const snapshotModule = readFileSync('server/src/service/catalog/pciids.snapshot.ts', 'utf8');
const literal = snapshotModule.slice(snapshotModule.indexOf('export default ') + 'export default '.length).trim().replace(/;$/, '');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/pciids.txt', JSON.parse(literal));

/** Replaces the snapshot module with a getter that reads dist/pciids.txt lazily. */
const lazySnapshot = {
  name: 'lazy-pciids-snapshot',
  setup(b) {
    b.onResolve({ filter: /pciids\.snapshot$/ }, () => ({ path: 'pciids-snapshot', namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      loader: 'js',
      contents: `let text; module.exports = { __esModule: true, get default() { return (text ??= require('fs').readFileSync(require('path').join(__dirname, 'pciids.txt'), 'utf8')); } };`,
    }));
  },
};

/**
 * CLI and stdio server: modules a plain nova.conf run does not need are initialised the first time one of their
 * exports is used, not at start-up: the `yaml` library, `node:crypto` (SARIF fingerprints, --fix temporary names,
 * vscode-jsonrpc's random pipe names; loading it pulls in Node's stream and cipher modules, ~10 ms) and
 * `child_process` (vscode-languageserver's global module lookup, which pulls in dgram). Imports of these resolve
 * to a small CommonJS module whose exports are getters that `require()` the real module (a bundled one is
 * initialised by esbuild only when required). The export names are read from the installed module at build time.
 */
const LAZY_MODULES = ['yaml', 'node:crypto', 'crypto', 'child_process', 'node:child_process', 'node:v8'];
/** The CLI's: also `node:os`, which only --host and --collect-host use (host-reader.ts: the host's name). */
const CLI_LAZY_MODULES = [...LAZY_MODULES, 'node:os', 'os'];
const requireHere = createRequire(import.meta.url);
const lazyModulesFor = (list) => ({
  name: 'lazy-modules',
  setup(b) {
    const filter = new RegExp(`^(${list.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-module' ? undefined : { path: args.path, namespace: 'lazy-module' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => {
      const names = Object.keys(requireHere(args.path)).filter((k) => k !== 'default' && k !== '__esModule');
      return {
        loader: 'js',
        resolveDir: process.cwd(),
        contents: `let lib; const load = () => (lib ??= require(${JSON.stringify(args.path)})); Object.defineProperty(exports, '__esModule', { value: true });
for (const k of ${JSON.stringify(names)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
      };
    });
  },
});
const lazyModules = lazyModulesFor(LAZY_MODULES);

/**
 * Node bundles: every import of vscode-languageserver (or /node) from our sources goes through one ES module that
 * re-exports it, and so does every import of `yaml` (through its lazy shim above). esbuild gives each file that imports
 * a CommonJS module its own copy of the module's exports (`__toESM`: a fresh object with a getter per name, 308 names
 * for vscode-languageserver); six files did for it and eight for yaml. Through one module there is one copy, and
 * the server's start allocates less: one scavenge fewer before the initialize result, ~430 page faults
 * (docs/performance.md, Round 14). The CLI bundle goes through it too (its eight copies of yaml's shim).
 * vscode-languageserver's module declares each of the library's names as a constant read from its exports
 * (`export const createConnection = lib.createConnection`): esbuild binds our imports to those constants directly, so
 * not even the one copy is made (two objects of 307 getters and their closures, `__toESM` and `export *`; Round 15).
 * The library's exports are all set when its require() returns (its modules assign them once, at load).
 * yaml keeps `export *`: reading a name from its lazy shim would load yaml at start-up.
 */
const ONE_INTEROP = { 'vscode-languageserver': 'vscode-languageserver/node', 'vscode-languageserver/node': 'vscode-languageserver/node', yaml: 'yaml' };
const oneInteropContents = (lib) => {
  if (lib === 'yaml') return `export * from ${JSON.stringify(lib)};`;
  const names = Object.keys(requireHere(lib)).filter((k) => k !== 'default' && k !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(k));
  return `const lib = require(${JSON.stringify(lib)});\n` + names.map((k) => `export const ${k} = lib.${k};`).join('\n');
};
const oneInterop = {
  name: 'one-interop',
  setup(b) {
    b.onResolve({ filter: /^(vscode-languageserver(\/node)?|yaml)$/ }, (args) =>
      args.namespace !== 'file' || /node_modules/.test(args.importer) ? undefined : { path: ONE_INTEROP[args.path], namespace: 'one-interop' },
    );
    b.onLoad({ filter: /.*/, namespace: 'one-interop' }, (args) => ({ loader: 'js', resolveDir: process.cwd(), contents: oneInteropContents(args.path) }));
  },
};

/**
 * jsonc-parser (its ES module build) marked free of side effects, so that esbuild drops the modules whose exports
 * nothing uses: we parse and scan JSON but never format or edit it, and the formatter's string-intern module built
 * 1,220 strings of spaces and tabs at every start (~270 KB of young allocation before the initialize result; Round 15).
 */
const jsoncNoSideEffects = {
  name: 'jsonc-no-side-effects',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.jsonc || !(args.path === 'jsonc-parser' || /node_modules[\\/]jsonc-parser[\\/]/.test(args.importer))) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { jsonc: true } });
      return r.errors.length ? undefined : { ...r, sideEffects: false };
    });
  },
};

/**
 * The stdio server: tsc's `__createBinding` in vscode-languageserver's, -protocol's and vscode-jsonrpc's re-export
 * modules (node/main.js, common/api.js) defines a getter per name (a descriptor object and a closure, ~300 names per
 * level) to keep ES module live bindings; their modules assign each export once, at load, so a copy of the value is
 * the same (test/package/start-interop.test.ts loads the libraries both ways and compares). Less young allocation
 * before the initialize result (docs/performance.md, Round 15).
 */
const plainBindings = {
  name: 'plain-bindings',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/]vscode-(languageserver|languageserver-protocol|jsonrpc)[\\/]lib[\\/](node|common)[\\/](main|api)\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const start = text.indexOf('var __createBinding = ');
      if (start < 0) return undefined;
      const end = text.indexOf('}));', start) + 4;
      return { loader: 'js', contents: text.slice(0, start) + 'var __createBinding = function (o, m, k, k2) { o[k2 === undefined ? k : k2] = m[k]; };' + text.slice(end) };
    });
  },
};

// `supported`: esbuild would rewrite every \p{…} regular expression literal as `new RegExp(…)` for this target,
// which builds a new expression (and its Unicode sets) each time the line runs; Node 18+ has them natively.
const common = { bundle: true, platform: 'node', target: 'node18', supported: { 'regexp-unicode-property-escapes': true }, format: 'cjs', sourcemap: true, logLevel: 'warning', minifySyntax: true, minifyWhitespace: true, mainFields: ['module', 'main'], plugins: [lazySnapshot] };
await Promise.all([
  // The node bundles have short local names too (minifyIdentifiers): less for Node to read and decode at every
  // start (the .map files keep the real names).
  build({ ...common, minifyIdentifiers: true, plugins: [lazySnapshot, jsoncNoSideEffects, plainBindings, oneInterop, lazyModules], entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, minifyIdentifiers: true, plugins: [lazySnapshot, jsoncNoSideEffects, oneInterop, lazyModulesFor(CLI_LAZY_MODULES)], entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // Browser bundles: no node built-ins (the build fails on one), the pci.ids snapshot compiled in.
  ...WEB_BUILDS.map((b) => build(b)),
]);
// V8 keeps a script's source in the heap for the process's lifetime, as Latin-1 only when every character is; one
// stray non-ASCII character (esbuild leaves those in regex literals) doubles it to two bytes per character
// (dist/server.js: 1.2 MB -> 2.3 MB of heap). Write such characters as \u escapes in the source.
for (const f of ['dist/server.js', 'dist/cli.js']) {
  const text = readFileSync(f, 'utf8');
  const bad = /[\u0080-\uffff]/.exec(text);
  if (bad) throw new Error(`${f} has a non-ASCII character near ${JSON.stringify(text.slice(Math.max(0, bad.index - 60), bad.index + 20))}: write it as a \\u escape`);
}
// The web bundles are for the .vsix (vsce reads package.json `files`); npm skips them through this nested
// .npmignore, so the npm tarball keeps only what the CLI and the stdio server run.
writeFileSync('dist/web/.npmignore', '# written by scripts/build.mjs: the web extension is not part of the npm package\n*\n');
// Node looks up the nearest package.json of every CommonJS file it loads (for its module type): without this one
// it parses the 57 KB extension manifest at the root on every CLI run and server start (~4 M instructions).
writeFileSync('dist/package.json', '{"type":"commonjs"}\n');
chmodSync('dist/server.js', 0o755);
chmodSync('dist/cli.js', 0o755);
// POSIX launcher: dist/server.js with the VS Code client's node flags (the nova-conf-language-server-lean bin).
writeServerLauncher();
// The CLI and the stdio server start from V8 code caches made by linting samples and by a short LSP session
// (scripts/code-cache.mjs): the CLI stays one file, the server becomes a small loader and dist/server.payload.
rmSync('dist/server.payload', { force: true });
if (process.env.NOVA_CONF_NO_CODE_CACHE !== '1') {
  const samples = mkdtempSync(join(tmpdir(), 'nova-conf-samples-'));
  try {
    const catalogue = join(samples, 'catalogue.conf');
    writeFileSync(catalogue, catalogueSample(JSON.parse(readFileSync('server/src/service/catalog/options.data.json', 'utf8'))));
    const pci = join(samples, 'pci.conf');
    writeFileSync(pci, PCI_SAMPLE);
    await wrapWithCodeCache('dist/cli.js', ['examples/nova.conf', catalogue, pci], ['--version', '--help', '-h']);
    // A second cache for node started with the VS Code client's flags (client/src/server-flags.json).
    // The loader answers `initialize` over --stdio before it compiles the server (server/src/early-start.ts): that
    // module and the capabilities it answers with, bundled on their own, go into the loader's text.
    const early = await build({ ...common, sourcemap: false, minifyIdentifiers: true, format: 'iife', globalName: 'novaConfEarly', write: false, entryPoints: ['server/src/early-start.ts'] });
    await wrapServerWithCodeCache('dist/server.js', ['examples/nova.conf'], JSON.parse(readFileSync('client/src/server-flags.json', 'utf8')).nodeFlags, early.outputFiles[0].text);
  } finally {
    rmSync(samples, { recursive: true, force: true });
  }
  chmodSync('dist/cli.js', 0o755);
  chmodSync('dist/server.js', 0o755);
}
