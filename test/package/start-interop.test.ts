/**
 * esbuild gives each file that imports a CommonJS module its own copy of the module's exports (`__toESM`: a fresh
 * object with a getter per name). The server's files import vscode-languageserver (308 names) and yaml through one
 * ES module each (scripts/build.mjs `oneInterop`), so a start makes one copy of each, not one per importing file: the
 * copies were enough allocation for one more scavenge before the initialize result (docs/performance.md, Round 14).
 * A preload counts the getters defined for a name only vscode-languageserver/node exports, and for one of yaml's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const PROBE = `
const fs = require('node:fs'), defineProperty = Object.defineProperty, copies = { createConnection: 0, parseDocument: 0 };
Object.defineProperty = function (o, k, d) { if (Object.hasOwn(copies, k) && d && typeof d.get === 'function') copies[k]++; return defineProperty.call(this, o, k, d); };
process.on('exit', () => fs.writeSync(2, 'copies: ' + JSON.stringify(copies) + '\\n'));
`;

test("a server start makes one copy of vscode-languageserver's exports and of yaml's, not one per importing file", () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-interop-'));
  try {
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, PROBE);
    // --version runs every module body, then exits in main().
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'server.js'), '--version'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
    assert.equal(r.status, 0, r.stderr);
    const copies = JSON.parse(/^copies: (.*)$/m.exec(r.stderr)?.[1] ?? 'null') as Record<string, number> | null;
    assert.ok(copies, r.stderr);
    // The library's own re-export (vscode-languageserver/lib/node defines one getter), then esbuild's interop object
    // for the one re-exporting module and that module's export: 3 (7 when each of six files had its copy).
    assert.ok(copies.createConnection <= 3, `vscode-languageserver's exports copied ${copies.createConnection} times`);
    // yaml's lazy shim (scripts/build.mjs lazyModules) defines one getter per name itself; then the same two (9 when
    // each of eight files had its copy).
    assert.ok(copies.parseDocument <= 3, `yaml's exports copied ${copies.parseDocument} times`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
