/** The README's "What it catches" example is what the CLI really prints. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

test('README example: the shown config gives exactly the shown output', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## What it catches'));
  const ini = /```ini\n([\s\S]*?)```/.exec(section)![1];
  const shown = /```\n(nova\.conf:[\s\S]*?)```/.exec(section)![1];
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-readme-'));
  writeFileSync(join(dir, 'nova.conf'), ini);
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'nova.conf'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, shown);
});

test('README deployments example: linting examples/kolla prints exactly the shown output', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Deployments'));
  const shown = /```\n(examples\/kolla[\s\S]*?)```/.exec(section)![1];
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'examples/kolla'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, shown);
});
