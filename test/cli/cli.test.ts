/** nova-conf-lint as CI uses it: output formats, exit codes, release selection, settings file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
function run(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, input: opts.input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function tmp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-cli-'));
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('--format json: a JSON error inside a 5-line device_spec at its exact line and column, exit 1', () => {
  const f = tmp('nova.conf', '[pci]\ndevice_spec = {\n    "vendor_id": "8086",\n    "product_id": "154d",,\n    "physical_network": "physnet1"\n    }\n');
  const r = run(['--format', 'json', f]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.out) as { file: string; range: { start: { line: number; character: number } }; severity: string; code: string; message: string }[];
  const e = out.find((d) => d.code === 'json-invalid')!;
  assert.deepEqual(e.range.start, { line: 3, character: 25 }, 'the second comma on line 4 (0-based column 25)');
  assert.equal(e.severity, 'error');
  assert.equal(e.file, f);
  assert.deepEqual(Object.keys(e).sort(), ['code', 'file', 'message', 'range', 'severity']);
});

test('--release zed: single quotes are an Error; 0x8086 is accepted by Nova', () => {
  const bad = tmp('nova.conf', "[pci]\ndevice_spec = {'vendor_id': '8086', 'product_id': '154d'}\n");
  const r1 = run(['--release', 'zed', '--format', 'json', bad]);
  assert.equal(r1.code, 1);
  const d1 = JSON.parse(r1.out) as { range: { start: { line: number } }; severity: string }[];
  assert.ok(d1.some((d) => d.severity === 'error' && d.range.start.line === 1));
  const good = tmp('nova.conf', '[pci]\ndevice_spec = {"vendor_id": "0x8086", "product_id": "154d"}\n');
  const r2 = run(['--release', 'zed', '--format', 'json', good]);
  assert.equal(r2.code, 0, r2.out);
  assert.ok(!(JSON.parse(r2.out) as { severity: string }[]).some((d) => d.severity === 'error'));
});

test('text format reads like a compiler, and the release changes the verdict', () => {
  const f = tmp('nova.conf', '[pci]\ndevice_spec = {"vendor_id": "10de", "managed": "maybe"}\n');
  const r = run([f]);
  assert.equal(r.code, 1);
  assert.match(r.out, new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:48: error device-spec-bad-bool-tag managed must be a boolean word .* — nova-compute will refuse to start\\.$`, 'm'));
  assert.match(r.out, /1 file checked: 1 error/);
  assert.equal(run(['--release', '2024.2', f]).code, 0, 'managed was free-form before 2025.1');
});

test('usage errors and unreadable files exit 2 with a clear message', () => {
  const f = tmp('nova.conf', '[pci]\n');
  const r1 = run(['--release', 'yoga', f]);
  assert.equal(r1.code, 2);
  assert.match(r1.err, /unknown release "yoga"; valid releases: 2022.2 \(zed\)/);
  const r2 = run(['/nonexistent/nova.conf']);
  assert.equal(r2.code, 2);
  assert.match(r2.err, /cannot read \/nonexistent\/nova.conf: no such file/);
  assert.equal(run([]).code, 2);
  assert.equal(run(['--format', 'xml', f]).code, 2);
  assert.equal(run(['--rule', 'no-such-rule=off', f]).code, 2);
  assert.equal(run(['--help']).code, 0);
});

test('standard input, --rule and .nova-conf.json', () => {
  const text = '[pci]\nalias = {"name": "a", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-pf"}\n';
  assert.equal(run(['-'], { input: text }).code, 1);
  assert.equal(run(['--rule', 'alias-bad-device-type=warning', '-'], { input: text }).code, 0);
  const f = tmp('nova.conf', text);
  const dir = join(f, '..');
  writeFileSync(join(dir, '.nova-conf.json'), JSON.stringify({ rules: { 'alias-bad-device-type': 'off' } }));
  const r = run(['--format', 'json', 'nova.conf'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.ok(!(JSON.parse(r.out) as { code: string }[]).some((d) => d.code === 'alias-bad-device-type'));
  writeFileSync(join(dir, '.nova-conf.json'), '{"release": "nope"}');
  assert.equal(run(['nova.conf'], { cwd: dir }).code, 2);
});

test('SARIF 2.1.0 for code scanning', () => {
  const f = tmp('nova.conf', '[pci]\ndevice_spec = {"vendor_id": "zzzz"}\n');
  const r = run(['--format', 'sarif', f]);
  assert.equal(r.code, 1);
  const s = JSON.parse(r.out);
  assert.equal(s.version, '2.1.0');
  const res = s.runs[0].results[0];
  assert.equal(res.ruleId, 'device-spec-id-not-hex');
  assert.equal(res.level, 'error');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 2, startColumn: 29, endLine: 2, endColumn: 35 });
  assert.ok(s.runs[0].tool.driver.rules.some((x: { id: string; helpUri: string }) => x.id === 'device-spec-id-not-hex' && x.helpUri.endsWith('#device-spec-id-not-hex')));
});

test('the bundled example lints with its deliberate mistakes', () => {
  const r = run(['examples/nova.conf']);
  assert.equal(r.code, 1);
  assert.match(r.out, /alias-bad-numa-policy/);
  assert.match(r.out, /device-spec-address-too-large/);
});
