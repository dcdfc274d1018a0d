/**
 * Files oslo.config cannot decode, and files that cannot be read at all, in a CLI run: the undecodable file
 * gets one file-not-utf8 Error at its first bad byte, every other file is still checked and reported, and the
 * exit status is 2 only when a file could not be read at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
// A Latin-1 "é" (0xE9) in a comment on line 3, column 12, as a file saved in the wrong encoding has it.
const LATIN1 = Buffer.concat([Buffer.from('[DEFAULT]\ndebug = true\n# caf'), Buffer.from([0xe9]), Buffer.from(' \n[pci]\nalias = {"name": "a"}\n')]);

test('a file that is not UTF-8 gets one Error at its first bad byte (not an abort), exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-utf8-'));
  const f = join(dir, 'nova.conf');
  writeFileSync(f, LATIN1);
  const r = run(['--format', 'json', f]);
  assert.equal(r.code, 1, r.err);
  const ds = JSON.parse(r.out) as { code: string; severity: string; range: { start: { line: number; character: number } }; message: string }[];
  assert.equal(ds.length, 1, 'nothing else is judged in a file oslo.config cannot read');
  assert.equal(ds[0].code, 'file-not-utf8');
  assert.equal(ds[0].severity, 'error');
  assert.deepEqual(ds[0].range.start, { line: 2, character: 5 });
  assert.match(ds[0].message, /0xE9/);
});

test('in a multi-file run every readable file is reported, a missing one is named on stderr, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-utf8-'));
  const bad = join(dir, 'nova-compute.conf');
  const good = join(dir, 'nova-api.conf');
  writeFileSync(bad, LATIN1);
  writeFileSync(good, '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "numa_policy": "prefered"}\n');
  const r = run([join(dir, 'missing.conf'), bad, good]);
  assert.equal(r.code, 2);
  assert.match(r.err, /missing\.conf: no such file/);
  assert.match(r.out, /nova-compute\.conf:3:6: error file-not-utf8/);
  assert.match(r.out, /nova-api\.conf:2:\d+: error alias-bad-numa-policy/);
  assert.match(r.out, /2 files checked/);
});

test('--fix never rewrites a file that is not UTF-8', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-utf8-'));
  const f = join(dir, 'nova.conf');
  // A deprecated option name that --fix would rename in a readable file.
  const bytes = Buffer.concat([LATIN1, Buffer.from('passthrough_whitelist = {"vendor_id": "8086"}\n')]);
  writeFileSync(f, bytes);
  const r = run(['--fix', f]);
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(readFileSync(f), bytes);
});
