/**
 * esbuild gives each file that imports a CommonJS module its own copy of the module's exports (`__toESM`: a fresh
 * object with a getter per name). The server's and the CLI's files import vscode-languageserver (308 names) and yaml
 * through one ES module each (scripts/build.mjs `oneInterop`), so a start makes one copy of yaml's, not one per
 * importing file, and none of vscode-languageserver's (its names are constants read from the library's exports): the
 * copies were enough allocation for one more scavenge before the initialize result (docs/performance.md, Rounds 14
 * and 15). A preload counts the getters defined for a name only vscode-languageserver/node exports, and for one of
 * yaml's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const PROBE = `
const fs = require('node:fs'), defineProperty = Object.defineProperty, copies = { createConnection: 0, parseDocument: 0 };
Object.defineProperty = function (o, k, d) { if (Object.hasOwn(copies, k) && d && typeof d.get === 'function') copies[k]++; return defineProperty.call(this, o, k, d); };
process.on('exit', () => fs.writeSync(2, 'copies: ' + JSON.stringify(copies) + '\\n'));
`;

function copiesIn(bundle: string, args = ['--version']): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-interop-'));
  try {
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, PROBE);
    // --version runs every module body, then exits (the server in main(), the CLI in its argument loop).
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', bundle), ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
    assert.equal(r.status, 0, r.stderr);
    const copies = JSON.parse(/^copies: (.*)$/m.exec(r.stderr)?.[1] ?? 'null') as Record<string, number> | null;
    assert.ok(copies, r.stderr);
    return copies;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a server start makes no copy of vscode-languageserver's exports and one of yaml's, not one per importing file", () => {
  const copies = copiesIn('server.js');
  // No getter at all: our imports are bound to constants, and the library's own re-exports are plain values
  // (scripts/build.mjs plainBindings). Round 14's build defined 3, Round 13's 7 (one copy for each of six files).
  assert.equal(copies.createConnection, 0, `vscode-languageserver's exports copied ${copies.createConnection} times`);
  // yaml's lazy shim (scripts/build.mjs lazyModules) defines one getter per name itself; then esbuild's interop
  // object for the one re-exporting module and that module's export (9 when each of eight files had its copy).
  assert.ok(copies.parseDocument <= 3, `yaml's exports copied ${copies.parseDocument} times`);
});

test("a CLI start makes one copy of yaml's exports, not one per importing file", () => {
  // The CLI's eight files that import yaml made nine getters for each name until Round 15.
  // `--version` twice: alone, it is answered by the CLI's loader without running the bundle (scripts/code-cache.mjs
  // quickAnswers), which would count no copy at all.
  const copies = copiesIn('cli.js', ['--version', '--version']);
  assert.ok(copies.parseDocument >= 1 && copies.parseDocument <= 3, JSON.stringify(copies));
});

/**
 * tsc's `__createBinding` in vscode-languageserver's, -protocol's and vscode-jsonrpc's re-export modules defines a
 * getter (a closure and a descriptor) per name and level; the bundle copies the values instead, which is the same
 * only if every module re-exported is fully loaded when it is copied (no cycle through a re-export module). Loads the
 * libraries both ways in this process and compares every module's exports.
 */
test("the LSP libraries' re-exports hold the same names and kinds of value when copied as plain values", () => {
  const cjs = Module as unknown as { prototype: { _compile(content: string, filename: string): unknown } };
  const load = (plain: boolean): Record<string, Record<string, unknown>> => {
    const require = Module.createRequire(join(ROOT, 'package.json'));
    for (const k of Object.keys(require.cache)) if (/node_modules[\\/]vscode-/.test(k)) delete require.cache[k];
    const compile = cjs.prototype._compile;
    const rewrite = /'(var __createBinding = function[^']*)'/.exec(readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8'))?.[1];
    assert.ok(rewrite, 'scripts/build.mjs no longer has the plain __createBinding');
    if (plain)
      cjs.prototype._compile = function (content: string, filename: string) {
        const at = /vscode-(languageserver|languageserver-protocol|jsonrpc)[\\/]lib[\\/](node|common)[\\/](main|api)\.js$/.test(filename) ? content.indexOf('var __createBinding = ') : -1;
        if (at >= 0) content = content.slice(0, at) + rewrite + content.slice(content.indexOf('}));', at) + 4);
        return compile.call(this, content, filename);
      };
    try {
      require('vscode-languageserver/node');
    } finally {
      cjs.prototype._compile = compile;
    }
    const out: Record<string, Record<string, unknown>> = {};
    for (const [k, m] of Object.entries(require.cache)) if (m && /node_modules[\\/]vscode-/.test(k)) out[k] = m.exports as Record<string, unknown>;
    return out;
  };
  const asIs = load(false);
  const plain = load(true);
  assert.ok(Object.keys(asIs).length > 20);
  for (const [file, exports] of Object.entries(asIs)) {
    assert.deepEqual(Object.keys(plain[file] ?? {}).sort(), Object.keys(exports).sort(), file);
    for (const [k, v] of Object.entries(exports)) assert.equal(typeof plain[file][k], typeof v, `${file}: ${k}`);
  }
});

test("the node bundles leave out jsonc-parser's formatter, which built 1,220 strings of spaces at every start", () => {
  for (const bundle of ['server.js', 'cli.js']) {
    const sources = (JSON.parse(readFileSync(join(ROOT, 'dist', `${bundle}.map`), 'utf8')) as { sources: string[] }).sources;
    assert.ok(sources.some((s) => /jsonc-parser[\\/].*parser\.js$/.test(s)), `${bundle}: no jsonc-parser at all`);
    assert.deepEqual(sources.filter((s) => /jsonc-parser[\\/].*(string-intern|format|edit)\.js$/.test(s)), [], bundle);
  }
});
