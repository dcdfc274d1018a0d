/** `--release` and .nova-conf.json take a Nova point version; 28.0.0 and 2023.2 differ where 28.3.1 changed Nova. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd?: string) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('nova-conf-lint --release 28.0.0 vs --release 2023.2 (and the same in .nova-conf.json)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-point-'));
  writeFileSync(join(dir, 'nova.conf'), '[cinder]\ncatalog_info = block-storage::publicURL\n');
  const early = run(['--format', 'json', '--release', '28.0.0', 'nova.conf'], dir);
  assert.equal(early.code, 1, early.err);
  assert.deepEqual((JSON.parse(early.out) as { code: string }[]).map((d) => d.code), ['invalid-value']);
  const series = run(['--format', 'json', '--release', '2023.2', 'nova.conf'], dir);
  assert.equal(series.code, 0, series.err);
  assert.deepEqual(JSON.parse(series.out), []);
  writeFileSync(join(dir, '.nova-conf.json'), '{"release": "28.3.0"}');
  assert.equal(run(['nova.conf'], dir).code, 1);
  writeFileSync(join(dir, '.nova-conf.json'), '{"release": "28.3.1"}');
  assert.equal(run(['nova.conf'], dir).code, 0);
  const bad = run(['--release', '28.9.9', 'nova.conf'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown release "28\.9\.9".*point release \(26\.0\.0 … 26\.3\.0/s);
});
