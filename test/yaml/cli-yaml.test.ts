/** The CLI reads YAML deployment files and directories of them, and reports YAML positions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join('test', 'fixtures', 'yaml');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('a YAML file: errors at YAML line:column, exit 1', () => {
  const r = run([join(FIX, 'osa-user_variables.yml'), '--release', '2023.2']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /osa-user_variables\.yml:11:9: error filter-removed /);
});

test('a directory stands for the YAML files below it; files without Nova forms are checked and clean', () => {
  const r = run(['--format', 'json', FIX]);
  assert.equal(r.code, 1, r.err);
  const results = JSON.parse(r.out) as { file: string; code: string }[];
  const files = new Set(results.map((x) => x.file.split('/').pop()));
  assert.ok(files.has('rhoso-controlplane.yaml') && files.has('tripleo-sriov-env.yaml') && files.has('juju-bundle.yaml'));
  assert.ok(!files.has('k8s-deployment.yaml') && !files.has('ansible-playbook.yml'));
});

test('YAML rule codes can be set with --rule', () => {
  const r = run(['--rule', 'yaml-python-repr=off', '--rule', 'filter-removed=off', join(FIX, 'osa-user_variables.yml')]);
  assert.equal(r.code, 0, r.out + r.err);
});
