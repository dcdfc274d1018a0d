/**
 * The 10 MB PCI goal side by side: two built servers (an older checkout's dist/server.js and this one's) alternate,
 * each opening the bench's pci10 input several times (didOpen -> publishDiagnostics over stdio, first open not
 * counted), and the server process's CPU time per open is read from /proc. Also JSON.parse of the file's
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

/** user + system CPU of a process in ms (clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

async function series(server: string): Promise<{ wall: number[]; cpu: number[]; published: number }> {
  const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0' });
  await c.initialize();
  const pid = (c as unknown as { proc: { pid: number } }).proc.pid;
  const first = await c.open('file:///bench/ab-0.conf', text);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 1; k <= opens; k++) {
    c.close(`file:///bench/ab-${k - 1}.conf`);
    const c0 = cpuOf(pid);
    wall.push((await c.open(`file:///bench/ab-${k}.conf`, text)).ms);
    cpu.push(cpuOf(pid) - c0);
  }
  await c.stop();
  return { wall, cpu, published: first.count };
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
  const out = servers.map((s) => ({ server: s, wall: [] as number[], cpu: [] as number[], published: 0 }));
  for (let r = 0; r < rounds; r++) {
    for (const o of out) {
      const s = await series(o.server);
      o.wall.push(...s.wall);
      o.cpu.push(...s.cpu);
      o.published = s.published;
    }
  }
  const floorMs = median(floor.slice(1));
  const result = {
    input, values: values.length, jsonParseMs: Math.round(floorMs),
    servers: out.map((o) => ({ server: o.server, published: o.published, wallMedianMs: Math.round(median(o.wall)), cpuMedianMs: median(o.cpu), ratioToJsonParse: Number((median(o.wall) / floorMs).toFixed(1)), wall: o.wall.map(Math.round), cpu: o.cpu })),
    loadStart: load0.map((x) => Number(x.toFixed(2))), loadEnd: loadavg().map((x) => Number(x.toFixed(2))),
  };
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
