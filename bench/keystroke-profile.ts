/**
 * Where a keystroke's server CPU goes (docs/performance.md, Round 20: key20). Starts one built server with
 * `--cpu-prof`, opens the file (default: the 6,500-line real config), types and erases one character at
 * keystroke-ab.ts's position EDITS times (debounce 0, push), and maps every sample taken after the warm-up edits
 * through the bundle's source map: phases, self and inclusive time per keystroke.
 *
 *   node --import tsx bench/keystroke-profile.ts DIST/server.js [--edits=2000] [--warm=200] [--file=F] [--top=30] [--no-prof]
 * The collections V8 ran after the warm-up (kind, count per 1,000 keystrokes, mean pause) are logged by a preload.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchClient, Position } from './lsp';
import { readServerProfile } from './cpu-profile';
import { REAL, REAL_6K } from './measure';

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const server = resolve(argv.find((a) => !a.startsWith('--')) ?? 'dist/server.js');
const edits = Number(flag('edits', '2000'));
const warm = Number(flag('warm', '200'));
const top = Number(flag('top', '30'));
const file = flag('file', join(REAL, REAL_6K));
const text = readFileSync(file, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'nova-kprof-'));

/** CPU (user + system, ms) of the process's main thread and of its other threads together (V8's compilers and collectors; Linux). */
function threadCpu(pid: number): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      const ms = (Number(f[11]) + Number(f[12])) * 10;
      if (tid === String(pid)) main += ms;
      else others += ms;
    } catch {
      // the thread ended
    }
  }
  return { main, others };
}

/** The same position as keystroke-ab.ts: the end of the first option value after the middle of the file. */
function valueEnd(t: string): Position {
  const re = /^[a-z_]+ *= *\S[^\n]*$/gm;
  re.lastIndex = t.length >> 1;
  const m = re.exec(t);
  if (!m) return { line: 0, character: 0 };
  const before = t.slice(0, m.index + m[0].length);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

(async () => {
  // V8's collections, logged to stderr by a preload (--trace-gc would write into the LSP stream): counted per keystroke.
  const preload = join(dir, 'gc-log.cjs');
  writeFileSync(preload, [
    "const { PerformanceObserver, performance } = require('perf_hooks');",
    "const kinds = { 1: 'scavenge', 2: 'minor-mc', 4: 'mark-compact', 8: 'incremental', 16: 'weakcb' };",
    "new PerformanceObserver((l) => { for (const e of l.getEntries()) process.stderr.write(`GC ${(e.startTime + performance.timeOrigin).toFixed(1)} ${kinds[e.detail?.kind ?? e.kind] ?? e.kind} ${e.duration.toFixed(3)}\\n`); }).observe({ entryTypes: ['gc'] });",
  ].join('\n'));
  const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0' }, [...(argv.includes('--no-prof') ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100']), '-r', preload]);
  await c.initialize();
  const uri = 'file:///bench/keystroke.conf';
  await c.open(uri, text);
  const pos = valueEnd(text);
  let v = 1;
  let from = 0;
  let wallFrom = 0;
  let cpu0 = 0;
  let th0 = { main: 0, others: 0 };
  for (let i = 0; i < edits + warm; i++) {
    if (i === warm) {
      from = Number(process.hrtime.bigint()) / 1e6;
      wallFrom = performance.timeOrigin + performance.now();
      cpu0 = c.cpuMs();
      th0 = threadCpu(c.proc.pid!);
    }
    const typing = i % 2 === 0;
    await c.edit(uri, ++v, pos, typing ? pos : { line: pos.line, character: pos.character + 1 }, typing ? 'x' : '');
  }
  const to = Number(process.hrtime.bigint()) / 1e6;
  const cpu = c.cpuMs() - cpu0;
  const th1 = threadCpu(c.proc.pid!);
  await c.stop();
  const gcs = c.stderr.split('\n').filter((l) => l.startsWith('GC ')).map((l) => l.split(' ')).filter((g) => Number(g[1]) >= wallFrom);
  const kinds = new Map<string, { n: number; ms: number }>();
  for (const g of gcs) {
    const k = kinds.get(g[2]) ?? { n: 0, ms: 0 };
    k.n++;
    k.ms += Number(g[3]);
    kinds.set(g[2], k);
  }
  console.log(`collections after the warm-up, per 1,000 keystrokes: ${[...kinds].map(([k, v]) => `${k} ${((v.n * 1000) / edits).toFixed(0)} (${((v.ms * 1000) / v.n).toFixed(0)} µs each)`).join(', ')}; server CPU (/proc) ${(cpu / edits).toFixed(3)} ms/keystroke: main thread ${((th1.main - th0.main) / edits).toFixed(3)}, other threads ${((th1.others - th0.others) / edits).toFixed(3)}`);
  if (argv.includes('--no-prof')) return;
  const { path, prof, stackOf } = readServerProfile(dir, server);
  const PHASES: [string, RegExp][] = [
    ['message read + decode (framing, JSON.parse)', /server\/src\/(framing|text-cut)\.ts/],
    ['diagnostics → LSP (toDiagnostic, rangeOf, sameDiagnostics)', /features\/diagnostics|result-ids|rangeOf/],
    ['rules', /server\/src\/service\/rules|server\/src\/service\/python\/re/],
    ['parse (oslo, model, document, lines)', /server\/src\/service\/(oslo|model|document|python|lines|doc-index)/],
    ['workspace layer', /server\/src\/service\/workspace|server\/src\/workspace-index/],
    ['flavors', /server\/src\/(flavor-lsp|service\/flavors)/],
    ['publish (frame-writer, sendDiagnostics)', /server\/src\/frame-writer|sendDiagnostics/],
    ['TextDocuments (apply the edit)', /vscode-languageserver-textdocument|server\/src\/document-lines/],
    ['server.ts / jsonrpc', /server\/src\/(server|protocol-gate)\.ts|vscode-languageserver|vscode-jsonrpc/],
  ];
  const phaseOf = (st: string[]): string => {
    if (st[0].startsWith('(')) return st[0];
    for (const s of st) for (const [p, re] of PHASES) if (re.test(s)) return p;
    return 'other: ' + st[0];
  };
  const phase = new Map<string, number>();
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let t = prof.startTime;
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    t += prof.timeDeltas[i];
    const at = t / 1000;
    if (at < from || at > to) continue;
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000;
    const st = stackOf(prof.samples[i]);
    if (st[0] === '(idle)') continue;
    total += dt;
    const ph = phaseOf(st);
    phase.set(ph, (phase.get(ph) ?? 0) + dt);
    self.set(st[0], (self.get(st[0]) ?? 0) + dt);
    for (const n of new Set(st)) incl.set(n, (incl.get(n) ?? 0) + dt);
  }
  const per = (ms: number) => ((ms * 1000) / edits).toFixed(1).padStart(7);
  const fmt = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `  ${per(ms)} µs  ${k}`).join('\n');
  console.log(`server ${server}, ${edits} keystrokes after ${warm}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; server CPU (/proc) ${(cpu / edits).toFixed(3)} ms/keystroke; main-thread samples (not idle) ${(total / edits).toFixed(3)} ms/keystroke; profile ${path}`);
  console.log('phases (µs per keystroke):\n' + fmt(phase, 20));
  console.log('self:\n' + fmt(self, top));
  console.log('inclusive:\n' + fmt(incl, top));
})().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
