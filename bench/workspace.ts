/**
 * Cost of judging files with their deployment: a generated kolla-ansible tree (nova.conf,
 * nova/nova-api.conf, nova/nova-scheduler.conf, nova/nova-compute.conf and H host directories,
 * each with its own device_spec), plus D unrelated oslo.config directories in the same workspace.
 * Measures the first diagnostics of every file, one keystroke in a host file (re-check of that
 * file), and one keystroke in an unrelated directory (re-check of a file of the kolla tree).
 * Reported in docs/deployments.md; never asserted.
 *
 *   node --import tsx bench/workspace.ts
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { createLanguageService } from '../server/src/service/index';

const ALIAS = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PF"}\n';

function build(hosts: number, others: number) {
  const s = createLanguageService();
  const root = 'file:///bench/etc/kolla/config/';
  s.workspace.set(root + 'nova.conf', '[DEFAULT]\ncpu_allocation_ratio = 4.0\n');
  s.workspace.set(root + 'nova/nova-api.conf', ALIAS);
  s.workspace.set(root + 'nova/nova-scheduler.conf', '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n');
  s.workspace.set(root + 'nova/nova-compute.conf', ALIAS + 'device_spec = {"vendor_id": "10de", "product_id": "25b6"}\n');
  for (let h = 0; h < hosts; h++) s.workspace.set(`${root}nova/compute${h}/nova.conf`, `[pci]\ndevice_spec = {"address": "0000:${(0x81 + (h % 100)).toString(16)}:00.0"}\n`);
  for (let d = 0; d < others; d++) {
    s.workspace.set(`file:///bench/site${d}/nova.conf`, '[pci]\nreport_in_placement = true\n');
    s.workspace.set(`file:///bench/site${d}/nova.conf.d/20-pci.conf`, '[pci]\ndevice_spec = {"address": "0000:05:00.0"}\n');
  }
  return { s, root };
}

function time(fn: () => void, runs = 20): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}

console.log(`load average ${loadavg()[0].toFixed(1)} on ${process.arch}, node ${process.version}`);
console.log('| hosts | other dirs | files | first check, all files (ms) | keystroke in a host file (ms) | keystroke elsewhere, re-check a kolla file (ms) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [hosts, others] of [[10, 0], [100, 0], [100, 1000], [1000, 1000]] as const) {
  const { s, root } = build(hosts, others);
  const t0 = performance.now();
  for (const uri of s.workspace.uris()) s.diagnostics(s.workspace.document(uri)!);
  const first = performance.now() - t0;
  let v = 1;
  const host = `${root}nova/compute0/nova.conf`;
  const key = time(() => {
    s.workspace.set(host, `[pci]\ndevice_spec = {"address": "0000:81:00.${v++ % 8}"}\n`, undefined, v);
    s.diagnostics(s.workspace.document(host)!);
  });
  const other = 'file:///bench/site0/nova.conf.d/20-pci.conf';
  const api = `${root}nova/nova-api.conf`;
  const elsewhere = others
    ? time(() => {
        s.workspace.set(other, `[pci]\ndevice_spec = {"address": "0000:05:00.${v++ % 8}"}\n`, undefined, v);
        s.diagnostics(s.workspace.document(api)!);
      })
    : NaN;
  console.log(`| ${hosts} | ${others} | ${s.workspace.uris().length} | ${first.toFixed(0)} | ${key.toFixed(1)} | ${Number.isNaN(elsewhere) ? '–' : elsewhere.toFixed(1)} |`);
}
