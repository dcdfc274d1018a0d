/** nova-conf-lint --fix on temporary copies: in-place, atomic, optional backup, untouched when nothing is fixable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'fixes');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'nova-conf-fix-'));
}

test('--fix rewrites the file in place, prints one line per fix, and exits 0 once no error is left', () => {
  const dir = tmp();
  try {
    const f = join(dir, 'nova.conf');
    copyFileSync(join(FIXTURES, 'json-syntax.conf'), f);
    const r = run(['--fix', 'nova.conf'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    const lines = r.out.split('\n').filter((l) => l.includes(': fixed '));
    assert.equal(lines.length, 7, r.out);
    assert.ok(lines.includes('nova.conf:3:16: fixed json-invalid: Use double quotes for all 4 single-quoted strings of this device_spec'), r.out);
    assert.ok(lines.includes('nova.conf:10:1: fixed ini-no-separator: Indent "}" so it continues the value of alias'), r.out);
    const text = readFileSync(f, 'utf8');
    assert.match(text, /^# uplink NICs\ndevice_spec = \{"vendor_id": "8086", "product_id": "1583"\}$/m);
    assert.ok(!existsSync(`${f}.orig`), 'no backup without --backup');
    assert.deepEqual(readdirSync(dir), ['nova.conf'], 'no temporary file left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--backup keeps the original bytes; CRLF line endings and the file mode survive', () => {
  const dir = tmp();
  try {
    const f = join(dir, 'nova.conf');
    const original = readFileSync(join(FIXTURES, 'crlf-multiline.conf'));
    writeFileSync(f, original, { mode: 0o640 });
    const r = run(['--fix', '--backup', f], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual(readFileSync(`${f}.orig`), original);
    const text = readFileSync(f, 'utf8');
    assert.ok(!/(^|[^\r])\n/.test(text), 'only CRLF line endings');
    assert.match(text, /\r\n {4}"product_id": "154d",\r\n/);
    assert.equal(statSync(f).mode & 0o777, 0o640);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing fixable: same bytes and mtime, and the exit code reports the remaining errors', () => {
  const dir = tmp();
  try {
    const f = join(dir, 'nova.conf');
    // An address with four fields has no safe fix.
    writeFileSync(f, '[pci]\ndevice_spec = {"address": "0000:0a:0b:00.1"}\n');
    const before = statSync(f);
    const bytes = readFileSync(f);
    const old = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    // Push the mtime into the past so an accidental rewrite would be visible.
    utimesSync(f, old, old);
    const stamped = statSync(f).mtimeMs;
    const r = run(['--fix', '--backup', f], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.ok(!r.out.includes(': fixed '), r.out);
    assert.match(r.out, /error device-spec-address-format/);
    assert.deepEqual(readFileSync(f), bytes);
    assert.equal(statSync(f).mtimeMs, stamped);
    assert.ok(before.size > 0 && !existsSync(`${f}.orig`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('partially fixable: fixes applied, remaining errors still fail the run; usage errors exit 2', () => {
  const dir = tmp();
  try {
    const f = join(dir, 'nova.conf');
    writeFileSync(f, "[pci]\nalias = {'name': 'a', 'vendor_id': '0x8086', 'product_id': '154d'}\ndevice_spec = {\"address\": \"0000:0a:0b:00.1\"}\n");
    const r = run(['--fix', f], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /: fixed json-invalid: /);
    assert.match(r.out, /: fixed alias-bad-id: /);
    assert.match(readFileSync(f, 'utf8'), /alias = \{"name": "a", "vendor_id": "8086", "product_id": "154d"\}/);
    assert.equal(run(['--fix', '-'], dir).code, 2);
    assert.equal(run(['--backup', f], dir).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
