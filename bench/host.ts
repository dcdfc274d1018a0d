/**
 * Host checks benchmark: a large synthetic host (sysfs tree in a temporary directory)
 * read, snapshotted and judged. Prints a markdown table for docs/host.md; nothing is asserted.
 *   node --import tsx bench/host.ts [PFS] [VFS_PER_PF]     (default 16 PFs x 128 VFs)
 */
import { performance } from 'node:perf_hooks';
import { readHostRoot } from '../server/src/host-reader';
import { buildInventory } from '../server/src/service/host/inventory';
import { parseSnapshot } from '../server/src/service/host/snapshot';
import { createLanguageService } from '../server/src/service/index';
import { FakePci, buildSysfs } from '../test/host/sysfs';

const PFS = Number(process.argv[2] ?? 16);
const VFS = Number(process.argv[3] ?? 128);

function hex(n: number, w: number): string {
  return n.toString(16).padStart(w, '0');
}

const devs: FakePci[] = [];
for (let p = 0; p < PFS; p++) {
  const bus = 0x10 + p * 2;
  const pf = `0000:${hex(bus, 2)}:00.0`;
  const vfs = Array.from({ length: VFS }, (_, i) => `0000:${hex(bus + 1 + (i >> 8), 2)}:${hex((i >> 3) & 0x1f, 2)}.${i & 7}`);
  devs.push({ address: pf, vendor: '8086', device: '1572', numa: p % 2, totalVfs: VFS, vfDevice: '154c', vfs, net: [`ens${p}f0`] });
  vfs.forEach((a, i) => devs.push({ address: a, vendor: '8086', device: '154c', numa: p % 2, physfn: pf, net: [`ens${p}f0v${i}`] }));
}
for (let g = 0; g < 8; g++) devs.push({ address: `0000:${hex(0xc0 + g, 2)}:00.0`, vendor: '10de', device: '20b5', class: '030200' });

function time<T>(fn: () => T, reps = 5): { ms: number; value: T } {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, value };
}

const t0 = performance.now();
const tree = buildSysfs(devs);
const built = performance.now() - t0;
try {
  const read = time(() => readHostRoot(tree.root), 3);
  const json = JSON.stringify(read.value);
  const parsed = time(() => buildInventory(parseSnapshot(json)));
  const host = parsed.value;
  const specs = [
    ...Array.from({ length: PFS }, (_, p) => `device_spec = {"address": "0000:${hex(0x10 + p * 2 + 1, 2)}:*.*", "physical_network": "physnet${p}"}`),
    'device_spec = {"vendor_id": "10de", "product_id": "20b5"}',
    'device_spec = {"address": {"bus": "1[0-9a-f]", "function": "[0-3]"}}',
    'alias = {"name": "a10", "vendor_id": "10de", "product_id": "20b5", "device_type": "type-PCI", "numa_policy": "required"}',
  ];
  const text = `[pci]\nreport_in_placement = true\n${specs.join('\n')}\n`;
  const svc = createLanguageService({ settings: { host } });
  const without = createLanguageService();
  let v = 0;
  const cold = time(() => svc.diagnostics(svc.parse(text, 'file:///b.conf', ++v)));
  const base = time(() => without.diagnostics(without.parse(text, 'file:///b.conf', ++v)));
  const doc = svc.parse(text, 'file:///b.conf', ++v);
  svc.diagnostics(doc);
  const hover = time(() => svc.hover(doc, { line: 2, character: 20 }), 20);
  const hints = time(() => svc.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }), 20);
  const rows: [string, string][] = [
    ['host', `${host.devices.length} PCI devices (${PFS} PFs × ${VFS} VFs + 8 GPUs), ${host.netdevs.size} netdevs`],
    ['build the synthetic tree (test helper)', `${built.toFixed(0)} ms`],
    ['read the tree (readHostRoot)', `${read.ms.toFixed(0)} ms`],
    ['snapshot size', `${(json.length / 1024).toFixed(0)} KiB`],
    ['parse + validate + index a snapshot', `${parsed.ms.toFixed(1)} ms`],
    [`diagnostics, ${specs.length - 1} device_spec entries + 1 alias, with host (new document version)`, `${cold.ms.toFixed(1)} ms`],
    ['the same without a host', `${base.ms.toFixed(1)} ms`],
    ['hover on an entry (analysis cached)', `${hover.ms.toFixed(2)} ms`],
    ['inlay hints for the document (analysis cached)', `${hints.ms.toFixed(2)} ms`],
  ];
  console.log('| measurement | result |\n| --- | --- |');
  for (const [k, val] of rows) console.log(`| ${k} | ${val} |`);
} finally {
  tree.cleanup();
}
