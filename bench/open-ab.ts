/**
 * didOpen → publishDiagnostics only, side by side: each build opens the same file N times in a fresh server (closing
 * the previous copy first, as bench/editor-latency.ts does), builds alternating per round. Reports per build the
 * didOpen p50 / p95 of the opens after the warm-up and the server's CPU time per counted open (from /proc, 10 ms
 * ticks, so use enough opens). `--cpu-prof DIR` starts the servers with `--cpu-prof --cpu-prof-dir DIR`.
 *
 *   node --import tsx bench/open-ab.ts [--rounds N] [--opens N] [--warm N] [--file F] [--cpu-prof DIR] SERVER_JS...
 *
 * Defaults: 4 rounds of 60 opens (the first 10 are warm-up) of the 6,500-line real config (real6k). Nothing here
 * asserts a budget.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchClient } from './lsp';
import { REAL, REAL_6K, ROOT } from './measure';

const args = process.argv.slice(2);
let rounds = 4;
let opens = 60;
let warm = 10;
let file = join(REAL, REAL_6K);
let prof: string | undefined;
const servers: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--opens') opens = Number(args[++i]);
  else if (args[i] === '--warm') warm = Number(args[++i]);
  else if (args[i] === '--file') file = args[++i];
  else if (args[i] === '--cpu-prof') prof = args[++i];
  else servers.push(args[i]);
}
if (!servers.length) servers.push(join(ROOT, 'dist', 'server.js'));

const q = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

async function main(): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const load0 = loadavg()[0];
  const all = servers.map(() => ({ ms: [] as number[], cpu: [] as number[], count: -1 }));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < servers.length; i++) {
      const c = new BenchClient(servers[i], { NOVA_CONF_DEBOUNCE_MS: '0' }, prof ? ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', prof] : []);
      await c.initialize();
      const uri = (k: number) => `file:///bench/open-${k}.conf`;
      let cpu0 = 0;
      for (let k = 0; k < opens; k++) {
        if (k > 0) c.close(uri(k - 1));
        if (k === warm) cpu0 = c.cpuMs();
        const o = await c.open(uri(k), text);
        all[i].count = o.count;
        if (k >= warm) all[i].ms.push(o.ms);
      }
      all[i].cpu.push((c.cpuMs() - cpu0) / (opens - warm));
      await c.stop();
    }
  }
  console.log(`# ${file}: ${rounds} rounds × ${opens - warm} counted opens, load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
  servers.forEach((s, i) => {
    const a = all[i];
    console.log(`${s}: didOpen p50 ${q(a.ms, 0.5).toFixed(2)} ms p95 ${q(a.ms, 0.95).toFixed(2)} ms; server CPU per open ${a.cpu.map((x) => x.toFixed(2)).join(' / ')} ms (median ${q(a.cpu, 0.5).toFixed(2)}); ${a.count} diagnostics`);
  });
}

void main();
