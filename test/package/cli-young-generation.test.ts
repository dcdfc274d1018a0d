/**
 * A lint keeps V8's young generation at the size it has when the rules start (server/src/cli-tiering.ts sets
 * `--semi-space-growth-factor=1` with the interrupt budget). Left to grow, V8 doubled it at each scavenge whose
 * survivors filled it (1 -> 8 MB on the bench's full config, 16 MB on a 1 MB PCI file), and each new page of it is
 * a first touch at every run: ~500 page faults on the full config, ~1,600 on the 1 MB file, and 7-10% of the CPU
 * (docs/performance.md, Round 16). The preload comes through NODE_OPTIONS, which does not change V8's flags (the
 * bundle still starts from its code cache), and reports the young generation's size at the preload and at exit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const PROBE = `
const v8 = require('node:v8'), fs = require('node:fs');
const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const start = size();
process.on('exit', () => fs.writeSync(2, 'new space: ' + start + ' ' + size() + '\\n'));
`;

/** A config of `lines` device_spec entries: enough young allocation for several scavenges with survivors. */
function pciConfig(lines: number): string {
  const out = ['[pci]'];
  for (let i = 0; i < lines; i++) {
    const fn = i % 8, slot = (i >> 3) % 32, bus = (i >> 8) % 256;
    out.push(`device_spec = {"address": "0000:${bus.toString(16).padStart(2, '0')}:${slot.toString(16).padStart(2, '0')}.${fn}", "vendor_id": "8086", "product_id": "154c", "physical_network": "physnet${i % 4}"}`);
  }
  return out.join('\n') + '\n';
}

test('a lint does not grow the young generation past twice its size at start, on a config that made it grow eightfold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-young-'));
  try {
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, PROBE);
    const conf = join(dir, 'nova.conf');
    writeFileSync(conf, pciConfig(4000));
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', conf], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.ok(Array.isArray(JSON.parse(r.stdout)));
    const m = /^new space: (\d+) (\d+)$/m.exec(r.stderr);
    assert.ok(m, r.stderr);
    const [start, end] = [Number(m[1]), Number(m[2])];
    // One doubling may come before the flag is set (a scavenge during the module bodies); none after it.
    assert.ok(end <= 2 * start, `young generation ${start} -> ${end} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
