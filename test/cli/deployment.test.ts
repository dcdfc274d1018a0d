/** nova-conf-lint on directories: the files it finds, each judged with the deployment it belongs to. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const ALIAS = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';
interface Out { file: string; code: string; severity: string; message: string; range: { start: { line: number; character: number } } }

function sandbox(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-deploy-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
function lint(dir: string, args: string[] = []): { code: number | null; out: Out[]; err: string } {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args, '.'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout ? (JSON.parse(r.stdout) as Out[]) : [], err: r.stderr };
}

test('CLI on a kolla tree: PciPassthroughFilter in nova/nova-scheduler.conf -> no pci-filter-not-enabled; without it, one report on the alias naming that file', () => {
  const dir = sandbox({
    'etc/kolla/config/nova.conf': ALIAS,
    'etc/kolla/config/nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
    'etc/kolla/config/nova/nova-compute.conf': '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "25b6"}\n' + 'alias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
    'etc/kolla/config/neutron.conf': '[DEFAULT]\nfoo = bar\n',
  });
  try {
    const ok = lint(dir);
    assert.equal(ok.code, 0, ok.err);
    assert.deepEqual(ok.out.filter((d) => d.code === 'pci-filter-not-enabled'), []);
    assert.deepEqual([...new Set(ok.out.map((d) => d.file))].filter((f) => f.includes('neutron')), [], 'other projects\' files are not nova configs');
    writeFileSync(join(dir, 'etc/kolla/config/nova/nova-scheduler.conf'), '[filter_scheduler]\nenabled_filters = ComputeFilter\n');
    const bad = lint(dir);
    const hits = bad.out.filter((d) => d.code === 'pci-filter-not-enabled');
    assert.equal(hits.length, 1);
    assert.equal(hits[0].file, join('etc', 'kolla', 'config', 'nova.conf'));
    assert.deepEqual(hits[0].range.start, { line: 1, character: 0 });
    assert.match(hits[0].message, /nova\/nova-scheduler\.conf/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI --fix on a tree: a layered nova.conf gets no [filter_scheduler] (the scheduler has its own file), a service=nova-compute file neither', () => {
  const dir = sandbox({
    'etc/kolla/config/nova.conf': ALIAS,
    'etc/kolla/config/nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter\n',
    'compute/compute.conf': '# nova-conf: service=nova-compute\n' + ALIAS,
  });
  try {
    const r = spawnSync(process.execPath, [CLI, '--fix', 'etc', 'compute/compute.conf'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'etc/kolla/config/nova.conf'), 'utf8'), ALIAS);
    assert.equal(readFileSync(join(dir, 'compute/compute.conf'), 'utf8'), '# nova-conf: service=nova-compute\n' + ALIAS);
    assert.match(r.stdout, /pci-filter-not-enabled/, 'still reported, once, for the operator to fix in the scheduler file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI on a directory: alias-mismatch between nova/nova-api.conf and nova/nova-compute.conf; override-not-read for a misspelt file', () => {
  const dir = sandbox({
    'etc/kolla/config/nova/nova-api.conf': ALIAS,
    'etc/kolla/config/nova/nova-compute.conf': '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n',
    'etc/kolla/config/nova/nova-schedular.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
  });
  try {
    const r = lint(dir);
    const codes = r.out.map((d) => `${d.file}:${d.code}`).sort();
    assert.ok(codes.includes(`${join('etc/kolla/config/nova/nova-compute.conf')}:alias-mismatch`), codes.join('\n'));
    assert.ok(codes.includes(`${join('etc/kolla/config/nova/nova-schedular.conf')}:override-not-read`), codes.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI on an oslo config dir: report_in_placement in nova.conf and a devname in nova.conf.d/20-pci.conf is an Error on the device_spec line (exit 1)', () => {
  const dir = sandbox({
    'etc/nova/nova.conf': '[pci]\nreport_in_placement = true\n',
    'etc/nova/nova.conf.d/20-pci.conf': '[pci]\ndevice_spec = {"devname": "enp5s0f1"}\n',
  });
  try {
    const r = lint(dir);
    assert.equal(r.code, 1);
    const hit = r.out.find((d) => d.code === 'placement-devname')!;
    assert.equal(hit.file, join('etc/nova/nova.conf.d/20-pci.conf'));
    assert.equal(hit.severity, 'error');
    assert.deepEqual(hit.range.start, { line: 1, character: 15 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
