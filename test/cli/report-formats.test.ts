/** The CI-facing report formats: GitHub workflow annotations, GitLab Code Quality, and the text summary counts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function tmp(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'nova-conf-fmt-')), name);
  writeFileSync(p, text);
  return p;
}

// One Error (unknown numa_policy) and one Warning (aliases without PciPassthroughFilter) in one file.
const CONF = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "numa_policy": "prefered"}\n';

test('--format github: one workflow command per diagnostic, with file, line, column and an escaped message', () => {
  const f = tmp('nova,api.conf', CONF); // a comma in the path must be escaped in a property
  const r = run(['--format', 'github', f]);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  const err = lines.find((l) => l.startsWith('::error '));
  assert.ok(err, r.out);
  assert.ok(err.includes(`file=${f.replace(/,/g, '%2C')},`), err);
  assert.match(err, /,line=2,col=\d+,endLine=2,endColumn=\d+,title=nova-conf alias-bad-numa-policy::/);
  assert.ok(lines.some((l) => l.startsWith('::warning ') && l.includes('pci-filter-not-enabled')), r.out);
  for (const l of lines) assert.match(l, /^::(error|warning|notice) [^\n]*::[^\n]+$/);
});

test('--format github escapes newlines and percent signs in messages so one finding stays one line', async () => {
  const { toGithub } = await import('../../server/src/report');
  const out = toGithub([{ file: 'a:b.conf', diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 2 } }, severity: 3, code: 'x', message: '100% sure\nsecond line' }] }]);
  assert.equal(out, '::notice file=a%3Ab.conf,line=1,col=1,endLine=2,title=nova-conf x::100%25 sure%0Asecond line\n');
});

test('--format gitlab: a Code Quality report with the fields GitLab requires, and fingerprints that ignore line moves', () => {
  const f = tmp('nova.conf', CONF);
  const r = run(['--format', 'gitlab', f]);
  assert.equal(r.code, 1);
  const issues = JSON.parse(r.out) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; positions: { begin: { line: number } } } }[];
  assert.ok(issues.length >= 2);
  for (const i of issues) {
    assert.equal(typeof i.description, 'string');
    assert.equal(typeof i.check_name, 'string');
    assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity));
    assert.equal(i.location.path, f);
    assert.equal(i.location.positions.begin.line, 2);
  }
  assert.equal(issues.find((i) => i.check_name === 'alias-bad-numa-policy')?.severity, 'major');
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
  // The same findings two lines lower keep their fingerprints.
  writeFileSync(f, '# a comment\n\n' + CONF);
  const again = JSON.parse(run(['--format', 'gitlab', f]).out) as typeof issues;
  assert.equal(again[0].location.positions.begin.line, 4);
  assert.deepEqual(again.map((i) => i.fingerprint).sort(), issues.map((i) => i.fingerprint).sort());
});

test('text summary counts information and hints when there are any', () => {
  // An option deprecated for removal is Information.
  const f = tmp('nova.conf', '[libvirt]\nlive_migration_uri = qemu+ssh://%s/system\n');
  const r = run([f]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /1 file checked: 0 errors, 0 warnings, 1 information\n$/);
});

test('an unknown --format names every format', () => {
  const r = run(['--format', 'xml', 'x.conf']);
  assert.equal(r.code, 2);
  assert.match(r.err, /text, json, sarif, github, gitlab/);
});
