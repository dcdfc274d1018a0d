/**
 * The 10 MB PCI goal side by side: two built servers (an older checkout's dist/server.js and this one's) alternate,
 * each opening the bench's pci10 input several times (didOpen -> publishDiagnostics over stdio, first open not
 * counted), and the server process's CPU time (and its system share) and minor page faults per open are read from /proc
 * (the first open's wall time and faults are reported apart; each reopen's median by its place in the series too).
 * The builds' order alternates between rounds. Also JSON.parse of the file's
 * device_spec/alias values in this process (the floor of the ratio goal). Prints JSON; medians over all rounds.
 *
 *   node --import tsx bench/bigfile-ab.ts OLD/dist/server.js NEW/dist/server.js [--rounds=3] [--opens=3] [--input=FILE]
 *
 * The input defaults to .bench/pci10.conf (written by `npm run bench`, or by this script when it is missing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchClient } from './lsp';
import { FAMILIES } from './families';
import { createLanguageService } from '../server/src/service/index';
import { OUT } from './measure';

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const servers = argv.filter((a) => !a.startsWith('--'));
if (servers.length !== 2) {
  process.stderr.write('usage: bigfile-ab.ts OLD_SERVER_JS NEW_SERVER_JS [--rounds=3] [--opens=3] [--input=FILE]\n');
  process.exit(2);
}
const rounds = Number(flag('rounds', '3'));
const opens = Number(flag('opens', '3'));
let input = flag('input', join(OUT, 'pci10.conf'));
if (!existsSync(input)) {
  const pci = FAMILIES.find((f) => f.id === 'pci')!;
  const size = pci.sizes.find((s) => s.id === 'pci10')!;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'pci10.conf'), pci.generate(size.bytes, size));
  input = join(OUT, 'pci10.conf');
}
const text = readFileSync(input, 'utf8');

/** user + system CPU of a process in ms (clock ticks of 10 ms), its system share, and its minor page faults. */
function statOf(pid: number): { cpu: number; sys: number; faults: number } {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { cpu: (Number(f[11]) + Number(f[12])) * 10, sys: Number(f[12]) * 10, faults: Number(f[7]) };
}

interface Series { wall: number[]; cpu: number[]; sys: number[]; faults: number[]; published: number; firstWall: number; firstFaults: number }

async function series(server: string): Promise<Series> {
  const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0' });
  await c.initialize();
  const pid = (c as unknown as { proc: { pid: number } }).proc.pid;
  const s0 = statOf(pid);
  const first = await c.open('file:///bench/ab-0.conf', text);
  const firstFaults = statOf(pid).faults - s0.faults;
  const wall: number[] = [];
  const cpu: number[] = [];
  const sys: number[] = [];
  const faults: number[] = [];
  for (let k = 1; k <= opens; k++) {
    c.close(`file:///bench/ab-${k - 1}.conf`);
    const a = statOf(pid);
    wall.push((await c.open(`file:///bench/ab-${k}.conf`, text)).ms);
    const b = statOf(pid);
    cpu.push(b.cpu - a.cpu);
    sys.push(b.sys - a.sys);
    faults.push(b.faults - a.faults);
  }
  await c.stop();
  return { wall, cpu, sys, faults, published: first.count, firstWall: first.ms, firstFaults };
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

async function main(): Promise<void> {
  const load0 = loadavg();
  const doc = createLanguageService().parse(text, 'file:///bench/values.conf', 1);
  const values = [...doc.deviceSpecs, ...doc.aliases].map((jv) => jv.entry.value);
  const floor: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const v of values) {
      try {
        JSON.parse(v);
      } catch {
        // invalid values count in the floor's time too
      }
    }
    floor.push(performance.now() - t0);
  }
  const out = servers.map((s) => ({ server: s, wall: [] as number[], cpu: [] as number[], sys: [] as number[], faults: [] as number[], firstWall: [] as number[], firstFaults: [] as number[], published: 0 }));
  for (let r = 0; r < rounds; r++) {
    // The order of the builds alternates between rounds, so neither always runs right after the other.
    for (const o of r % 2 ? [...out].reverse() : out) {
      const s = await series(o.server);
      o.wall.push(...s.wall);
      o.cpu.push(...s.cpu);
      o.sys.push(...s.sys);
      o.faults.push(...s.faults);
      o.firstWall.push(s.firstWall);
      o.firstFaults.push(s.firstFaults);
      o.published = s.published;
    }
  }
  const floorMs = median(floor.slice(1));
  const result = {
    input, values: values.length, jsonParseMs: Math.round(floorMs),
    servers: out.map((o) => ({
      server: o.server, published: o.published, wallMedianMs: Math.round(median(o.wall)), cpuMedianMs: median(o.cpu), sysMedianMs: median(o.sys),
      faultsMedian: median(o.faults), firstOpenWallMedianMs: Math.round(median(o.firstWall)), firstOpenFaultsMedian: median(o.firstFaults),
      ratioToJsonParse: Number((median(o.wall) / floorMs).toFixed(1)), wall: o.wall.map(Math.round), cpu: o.cpu, faults: o.faults,
      // The k-th reopen's median over the series (the first reopen of a server is the slowest: the JIT is still
      // settling), and what the bench's row would read per series: the median of its first three reopens.
      wallByReopen: Array.from({ length: opens }, (_, k) => Math.round(median(o.wall.filter((_w, i) => i % opens === k)))),
      firstThreeMedianPerSeries: Array.from({ length: o.wall.length / opens }, (_, r) => Math.round(median(o.wall.slice(r * opens, r * opens + Math.min(3, opens))))),
    })),
    loadStart: load0.map((x) => Number(x.toFixed(2))), loadEnd: loadavg().map((x) => Number(x.toFixed(2))),
  };
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
