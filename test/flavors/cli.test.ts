/** nova-conf-lint on a directory with nova configs and flavor documents (Heat, Terraform, shell). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const DIR = join(ROOT, 'test', 'fixtures', 'flavors', 'workspace');
function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
type J = { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: string; code: string; message: string };

test('a directory: a2 undefined (warning), prefered and a1:two (errors) at their exact positions, exit 1', () => {
  const r = run(['--format', 'json', DIR]);
  assert.equal(r.code, 1, r.err);
  const out = (JSON.parse(r.out) as J[]).map((d) => [d.file.slice(DIR.length + 1), d.severity, d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
  assert.deepEqual(out, [
    ['flavors.yaml', 'warning', 'flavor-alias-undefined', 22, 36, 22, 38],
    ['flavors.yaml', 'error', 'flavor-extra-spec-invalid-value', 23, 37, 23, 45],
    ['make-flavors.sh', 'error', 'flavor-extra-spec-invalid-value', 4, 41, 4, 44],
  ]);
  const text = run([DIR]).out;
  assert.match(text, /flavors\.yaml:23:37: warning flavor-alias-undefined alias 'a2' is not defined/);
  assert.match(text, /make-flavors\.sh:5:42: error flavor-extra-spec-invalid-value .*'two' is not a count/);
  assert.match(text, /4 files checked: 2 errors, 1 warning/);
});

test('an alias defined only in a compute-node config is named in the warning; SARIF carries the flavor rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-flavors-'));
  cpSync(DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'nova-compute.conf'), '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "1db4"}\nalias = {"name": "a2", "vendor_id": "10de", "product_id": "1db4"}\n');
  const r = run(['--format', 'json', dir]);
  const d = (JSON.parse(r.out) as J[]).find((x) => x.code === 'flavor-alias-undefined');
  assert.ok(d);
  assert.match(d.message, /defined only in configs nova-api does not read \(nova-compute\.conf:3\)/);
  const sarif = JSON.parse(run(['--format', 'sarif', dir]).out) as { runs: { tool: { driver: { rules: { id: string }[] } } }[] };
  assert.ok(sarif.runs[0].tool.driver.rules.some((x) => x.id === 'flavor-alias-undefined'));
});

test('a flavor file given alone: extra specs are checked, alias existence is not (no nova config known); --rule applies', () => {
  const r = run(['--format', 'json', join(DIR, 'flavors.yaml')]);
  assert.deepEqual((JSON.parse(r.out) as J[]).map((d) => d.code), ['flavor-extra-spec-invalid-value']);
  const off = run(['--format', 'json', '--rule', 'flavor-extra-spec-invalid-value=off', join(DIR, 'flavors.yaml')]);
  assert.equal(off.code, 0);
  assert.deepEqual(JSON.parse(off.out), []);
});
