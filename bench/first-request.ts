/**
 * What a server's first option-name completion (+ resolve of its first item) and hover cost, side by side: for
 * each build, fresh servers (builds alternating) open the 6,500-line real config, wait `--pause` ms (an editor
 * is idle a moment before the first Ctrl+Space), then ask for completion + resolve and hover at the goal row's
 * option-name position, `--rounds` times. Prints per build the wall time and the server's main-thread CPU
 * (/proc/PID/task/PID/schedstat, ns) of the first round and the median of the later ones.
 *
 *   node --import tsx bench/first-request.ts [--servers N] [--rounds N] [--pause MS] [--editor-requests] SERVER_JS...
 *
 * --editor-requests: a folding-range and a document-symbol request right after the open, as an editor sends
 * (so the probe is not the server's first request of any kind).
 *
 * Linux only (schedstat). Nothing here asserts a budget.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { BenchClient, firstItemToResolve } from './lsp';
import { SERVER, real6kInput } from './measure';

const args = process.argv.slice(2);
let servers = 10;
let rounds = 10;
let pause = 300;
// Requests an editor sends after an open (VS Code: folding ranges, symbols, …) before the pause, so the first probe is not the server's first request.
let editorRequests = false;
const builds: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--servers') servers = Number(args[++i]);
  else if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--pause') pause = Number(args[++i]);
  else if (args[i] === '--editor-requests') editorRequests = true;
  else builds.push(args[i]);
}
if (!builds.length) builds.push(SERVER);

const med = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

function mainCpuMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

interface Sample { wall: number; cpu: number }

async function one(server: string, text: string, pos: { line: number; character: number }) {
  const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0' });
  await c.initialize();
  const uri = 'file:///bench/first.conf';
  await c.open(uri, text);
  if (editorRequests) {
    await c.request('textDocument/foldingRange', { textDocument: { uri } });
    await c.request('textDocument/documentSymbol', { textDocument: { uri } });
  }
  await new Promise((r) => setTimeout(r, pause));
  const pid = (c as unknown as { proc: { pid: number } }).proc.pid;
  const comp: Sample[] = [];
  const hover: Sample[] = [];
  for (let k = 0; k < rounds; k++) {
    let cpu0 = mainCpuMs(pid);
    const r = await c.request('textDocument/completion', { textDocument: { uri }, position: pos });
    const first = firstItemToResolve(r.result);
    const res = first ? (await c.request('completionItem/resolve', first)).ms : 0;
    comp.push({ wall: r.ms + res, cpu: mainCpuMs(pid) - cpu0 });
    cpu0 = mainCpuMs(pid);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: pos });
    hover.push({ wall: h.ms, cpu: mainCpuMs(pid) - cpu0 });
  }
  await c.stop();
  return { comp, hover };
}

async function main(): Promise<void> {
  const inp = real6kInput();
  if (!inp) throw new Error('shared/data/real-world is missing');
  const pos = inp.probes?.find((p) => p.name === 'option name')?.pos;
  if (!pos) throw new Error('no option-name position');
  const text = readFileSync(inp.path, 'utf8');
  const load0 = loadavg()[0];
  const all = builds.map(() => ({ comp: [] as Sample[][], hover: [] as Sample[][] }));
  for (let s = 0; s < servers; s++) {
    const order = s % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
    for (const b of order) {
      const r = await one(builds[b], text, pos);
      all[b].comp.push(r.comp);
      all[b].hover.push(r.hover);
    }
  }
  console.log(`# ${servers} servers per build, ${rounds} rounds, pause ${pause} ms; load average ${load0.toFixed(2)} -> ${loadavg()[0].toFixed(2)}`);
  const f = (v: number) => v.toFixed(2);
  builds.forEach((b, i) => {
    const line = (name: string, per: Sample[][]) => {
      const firsts = per.map((x) => x[0]);
      const later = per.flatMap((x) => x.slice(1));
      return `${name}: first wall ${f(med(firsts.map((x) => x.wall)))} ms, main-thread CPU ${f(med(firsts.map((x) => x.cpu)))} ms (servers' firsts: ${firsts.map((x) => f(x.cpu)).join(' ')}); later rounds wall ${f(med(later.map((x) => x.wall)))} ms, CPU ${f(med(later.map((x) => x.cpu)))} ms`;
    };
    console.log(`${b}\n  ${line('completion + resolve', all[i].comp)}\n  ${line('hover', all[i].hover)}`);
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
