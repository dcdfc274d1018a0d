/** nova-conf-lint --host / --collect-host on synthetic trees: a root, its snapshot and a fleet give the same findings. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { buildSysfs, doneWhenHost } from './sysfs';

const CLI = join(ROOT, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'nova-conf-host-cli-'));
const tree = buildSysfs(doneWhenHost());
after(() => {
  tree.cleanup();
  rmSync(work, { recursive: true, force: true });
});

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8' });
}

const CONF = join(work, 'nova.conf');
writeFileSync(CONF, [
  '[pci]',
  'report_in_placement = true',
  'device_spec = [{"address": "0000:3b:00.0"}, {"vendor_id": "8086", "product_id": "154c"}]',
  'device_spec = {"address": "0000:3b:00.0", "remote_managed": "true"}',
  'device_spec = {"vendor_id": "10de", "product_id": "20b5"}',
  'alias = {"name": "a10", "vendor_id": "10de", "product_id": "20b5", "device_type": "type-PCI", "numa_policy": "required"}',
  '',
].join('\n'));
const DEVNAME = join(work, 'devname.conf');
writeFileSync(DEVNAME, '[pci]\ndevice_spec = {"devname": "ens9"}\n');

test('--host ROOT reports the acceptance findings; --collect-host then --host host.json reports the same', () => {
  const byRoot = run('--format', 'json', '--host', tree.root, CONF, DEVNAME);
  assert.equal(byRoot.status, 1, byRoot.stderr);
  const found = JSON.parse(byRoot.stdout) as { code: string; severity: string; message: string; file: string }[];
  const has = (code: string, severity: string, re: RegExp) => found.some((d) => d.code === code && d.severity === severity && re.test(d.message));
  assert.ok(has('host-placement-pf-and-vf', 'error', /PF 0000:3b:00\.0.*VF 0000:3b:02\./), byRoot.stdout);
  assert.ok(has('host-remote-managed-pf', 'error', /0000:3b:00\.0/));
  assert.ok(has('host-devname-not-found', 'warning', /"ens9"/));
  assert.ok(has('host-alias-numa-unknown', 'warning', /0000:af:00\.0/));

  const collected = run('--collect-host', tree.root);
  assert.equal(collected.status, 0, collected.stderr);
  const snap = join(work, 'host.json');
  writeFileSync(snap, collected.stdout);
  const bySnapshot = run('--format', 'json', '--host', snap, CONF, DEVNAME);
  assert.equal(bySnapshot.status, 1);
  assert.deepEqual(JSON.parse(bySnapshot.stdout), found);
  // Without a host, none of this is reported.
  const none = JSON.parse(run('--format', 'json', CONF, DEVNAME).stdout) as { code: string }[];
  assert.deepEqual(none.filter((d) => d.code.startsWith('host-')), []);
});

test('a fleet directory: each host is judged, findings name their host, the rest is reported once', () => {
  const fleet = join(work, 'fleet');
  mkdirSync(fleet);
  const collected = run('--collect-host', tree.root).stdout;
  writeFileSync(join(fleet, 'compute-1.json'), collected);
  const other = buildSysfs([{ address: '0000:af:00.0', vendor: '10de', device: '20b5', class: '030200', numa: 0 }]);
  try {
    writeFileSync(join(fleet, 'compute-2.json'), run('--collect-host', other.root).stdout);
  } finally {
    other.cleanup();
  }
  const r = run('--format', 'json', '--host', fleet, DEVNAME, CONF);
  const ds = JSON.parse(r.stdout) as { code: string; message: string; file: string; range: { start: { line: number } } }[];
  const rest = ds.filter((d) => !d.code.startsWith('host-')).map((d) => `${d.file}:${d.range.start.line}:${d.code}`);
  assert.ok(rest.length > 0, 'the config also has host-independent findings');
  assert.equal(new Set(rest).size, rest.length, 'host-independent findings are not repeated per host');
  const devname = ds.filter((d) => d.code === 'host-devname-not-found');
  assert.deepEqual(devname.map((d) => /on (compute-\d)/.exec(d.message)?.[1]).sort(), ['compute-1', 'compute-2']);
  const numa = ds.filter((d) => d.code === 'host-alias-numa-unknown');
  assert.equal(numa.length, 1, 'compute-2 reports NUMA node 0 for its GPU');
  assert.match(numa[0].message, /compute-1/);
});

test('bad --host / --collect-host arguments exit 2 with a message', () => {
  const missing = run('--host', join(work, 'nope.json'), CONF);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read .*nope\.json/);
  writeFileSync(join(work, 'bad.json'), '{"format": "something-else"}');
  const bad = run('--host', join(work, 'bad.json'), CONF);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not a nova-conf host snapshot/);
  const notRoot = run('--collect-host', work);
  assert.equal(notRoot.status, 2);
  assert.match(notRoot.stderr, /no sys\/bus\/pci\/devices/);
});
