/**
 * dist/cli.js and dist/server.js start from a V8 code cache stored in the same file (scripts/code-cache.mjs).
 * The node that built them accepts the cache; dist/server.js has a second one for the VS Code client's node flags;
 * other V8 flags on the command line make the loader skip it, V8 flags in NODE_OPTIONS make V8 reject it; in every case the file still works and reports exactly the same findings.
 * NOVA_CONF_CODE_CACHE_REPORT=1 makes the loader say which case it was on stderr, and whether it had to read the
 * payloads from its file (not the text Node read).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { SERVER_NODE_FLAGS } from '../../client/src/server-flags';

const CLI = join(ROOT, 'dist', 'cli.js');
const SERVER = join(ROOT, 'dist', 'server.js');
const EXAMPLE = join(ROOT, 'examples', 'nova.conf');
/** A build made with NOVA_CONF_NO_CODE_CACHE=1 has no loader: nothing to test then. */
const wrapped = (file: string) => readFileSync(file, 'latin1').includes('/*nova-conf-source ');

function run(file: string, nodeArgs: string[], args: string[], nodeOptions?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NOVA_CONF_CODE_CACHE_REPORT: '1', NODE_OPTIONS: nodeOptions ?? '' };
  const r = spawnSync(process.execPath, [...nodeArgs, file, ...args], { encoding: 'utf8', env });
  const m = /^code cache: (\w+)( \(read from the file\))?$/m.exec(r.stderr);
  return { status: r.status, stdout: r.stdout, report: m?.[1], fromFile: Boolean(m?.[2]), stderr: r.stderr.replace(/^code cache: .*\n/m, '') };
}

test('the CLI starts from its code cache, and gives the same findings when the cache is skipped or rejected', { skip: !wrapped(CLI) && 'dist/cli.js was built without a code cache' }, () => {
  const args = ['--format', 'json', EXAMPLE];
  const cached = run(CLI, [], args);
  assert.equal(cached.report, 'accepted', cached.stderr);
  assert.equal(cached.status, 1, 'the example has errors');
  assert.ok(JSON.parse(cached.stdout).length > 0);
  const skipped = run(CLI, ['--stack-size=2000'], args);
  assert.equal(skipped.report, 'skipped');
  const rejected = run(CLI, [], args, '--max-semi-space-size=8');
  assert.equal(rejected.report, 'rejected');
  for (const other of [skipped, rejected]) {
    assert.equal(other.status, cached.status);
    assert.equal(other.stdout, cached.stdout);
    assert.equal(other.stderr, cached.stderr);
  }
});

/**
 * Preloaded: makes `payloads.toString()` (the loader's function whose body holds the payload comments) return a text
 * that is not this file's, as a runtime that does not give a function's source would: the loader must then read
 * the byte ranges from the file.
 */
const HIDE_SOURCE = `
const toString = Function.prototype.toString;
Function.prototype.toString = function () { return this.name === 'payloads' ? 'function payloads() { [native code] }' : toString.call(this); };
`;

test('the CLI takes its bundle and cache from the text Node read, also with a line appended; when that text is not the file as built it reads them from disk', { skip: !wrapped(CLI) && 'dist/cli.js was built without a code cache' }, () => {
  const args = ['--format', 'json', EXAMPLE];
  const own = run(CLI, [], args);
  assert.equal(own.report, 'accepted', own.stderr);
  assert.equal(own.fromFile, false, 'the payloads come from the module text, not a second read');
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-loader-'));
  try {
    for (const f of ['package.json', 'pciids.txt']) if (existsSync(join(ROOT, 'dist', f))) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
    // A copy with a line appended (an editor, a packager adding a trailer): the payloads are still taken from the
    // text Node read, where the build put them in the function that holds them.
    const copy = join(dir, 'cli.js');
    writeFileSync(copy, readFileSync(CLI, 'latin1') + '// appended\n', 'latin1');
    const appended = run(copy, [], args);
    assert.equal(appended.report, 'accepted', appended.stderr);
    assert.equal(appended.fromFile, false);
    // The function's text is not what the build wrote: the loader reads the two byte ranges from the file.
    const hide = join(dir, 'hide.cjs');
    writeFileSync(hide, HIDE_SOURCE);
    const fromFile = run(CLI, [], args, `--require ${hide}`);
    assert.equal(fromFile.report, 'accepted', fromFile.stderr);
    assert.equal(fromFile.fromFile, true);
    for (const other of [appended, fromFile]) {
      assert.equal(other.status, own.status);
      assert.equal(other.stdout, own.stdout);
      assert.equal(other.stderr, own.stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the server starts from a code cache with plain node and with the VS Code client flags (in any order), and skips it under other flags', { skip: !wrapped(SERVER) && 'dist/server.js was built without a code cache' }, () => {
  const plain = run(SERVER, [], ['--version']);
  assert.equal(plain.report, 'accepted', plain.stderr);
  assert.match(plain.stdout, /^nova-conf-language-server /);
  for (const flags of [[...SERVER_NODE_FLAGS], [...SERVER_NODE_FLAGS].reverse()]) {
    const client = run(SERVER, flags, ['--version']);
    assert.equal(client.report, 'accepted', `${flags.join(' ')}: ${client.stderr}`);
    assert.equal(client.stdout, plain.stdout);
  }
  // One of the client's flags alone: neither cache fits, so neither is read.
  const other = run(SERVER, [SERVER_NODE_FLAGS[0]], ['--version']);
  assert.equal(other.report, 'skipped');
  assert.equal(other.stdout, plain.stdout);
});

/** Preloaded: counts how often the process opens `file` itself (Node's module loader reads it with readFileSync). */
const OPEN_PROBE = `
const fs = require('node:fs'), target = process.env.PROBE_FILE;
let opened = 0, readWhole = 0;
const openSync = fs.openSync, readFileSync = fs.readFileSync;
fs.openSync = function (p, ...rest) { if (p === target) opened++; return openSync.call(this, p, ...rest); };
fs.readFileSync = function (p, ...rest) { if (p === target) readWhole++; return readFileSync.call(this, p, ...rest); };
process.on('exit', () => fs.writeSync(2, 'probe: opened ' + opened + ', read whole ' + readWhole + '\\n'));
`;

test('the server takes its bundle and caches from the text Node read, with plain node and with the client flags, also with a line appended; when that text is not the file as built it reads them from disk', { skip: !wrapped(SERVER) && 'dist/server.js was built without a code cache' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-loader-'));
  try {
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, OPEN_PROBE);
    const hide = join(dir, 'hide.cjs');
    writeFileSync(hide, HIDE_SOURCE);
    for (const f of ['package.json', 'pciids.txt']) if (existsSync(join(ROOT, 'dist', f))) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
    const copy = join(dir, 'server.js');
    writeFileSync(copy, readFileSync(SERVER, 'latin1') + '// appended\n', 'latin1');
    const reads = (file: string, flags: string[], preload = '') => {
      // The probe comes through NODE_OPTIONS: on the command line it would be one more flag, and the client's cache is
      // taken only under exactly the client's flags.
      const r = spawnSync(process.execPath, [...flags, file, '--version'], { encoding: 'utf8', env: { ...process.env, NOVA_CONF_CODE_CACHE_REPORT: '1', NODE_OPTIONS: `--require ${probe}${preload}`, PROBE_FILE: file } });
      return { stdout: r.stdout, report: /^code cache: (.*)$/m.exec(r.stderr)?.[1], probe: /^probe: (.*)$/m.exec(r.stderr)?.[1] };
    };
    for (const flags of [[], [...SERVER_NODE_FLAGS]]) {
      const own = reads(SERVER, flags);
      assert.equal(own.report, 'accepted', `${flags.join(' ')}: the cache, from the module text`);
      assert.equal(own.probe, 'opened 0, read whole 1', `${flags.join(' ')}: only Node's own read of the file`);
      assert.match(own.stdout, /^nova-conf-language-server /);
      const appended = reads(copy, flags);
      assert.equal(appended.report, 'accepted', `${flags.join(' ')}: a line appended`);
      assert.equal(appended.probe, 'opened 0, read whole 1', flags.join(' '));
      assert.equal(appended.stdout, own.stdout);
      // The function's text is not what the build wrote: the byte ranges are read from the file.
      const fromFile = reads(SERVER, flags, ` --require ${hide}`);
      assert.equal(fromFile.report, 'accepted (read from the file)', flags.join(' '));
      assert.match(fromFile.probe ?? '', /^opened [12], read whole 1$/, 'one open per byte range read');
      assert.equal(fromFile.stdout, own.stdout);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
