/**
 * Where a 10 MB reopen's time goes in the server (docs/performance.md, Round 17: big17). Starts one built server
 * with `--cpu-prof` (and a `-r` preload that logs V8's collections to stderr: `--trace-gc` would write into the LSP
 * stream), opens the input once and reopens it OPENS times (didClose of the previous uri, then didOpen of a new one,
 * as bench/bigfile-ab.ts does), waiting GAP ms between opens so the profile's opens are apart, then maps every
 * sample through the bundle's source map and prints, per open, the self and inclusive time of the phases and the
 * heaviest functions. Each open's line on stderr has the server's CPU per thread (/proc: `main`, and `node` for
 * V8's and libuv's workers: parallel scavenges, concurrent marking and compiles), and the preload also logs every
 * v8.setFlagsFromString (heap-flags.ts's lift and cap, idle-gc.ts's compaction flag) with its time.
 *
 *   node --import tsx bench/server-profile.ts DIST/server.js [--opens=4] [--gap=150] [--input=FILE] [--top=25] [--dir=D]
 *     [--no-prof] (no profile: the per-open lines, thread CPU, collections and flags only)
 *     [--node-arg=FLAG ...] (more node arguments for the server, e.g. --node-arg=--single-threaded-gc)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchClient } from './lsp';
import { readServerProfile } from './cpu-profile';
import { OUT } from './measure';

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const server = resolve(argv.find((a) => !a.startsWith('--')) ?? 'dist/server.js');
const opens = Number(flag('opens', '4'));
const gap = Number(flag('gap', '150'));
const top = Number(flag('top', '25'));
/** More node arguments for the server (e.g. --node-arg=--single-threaded-gc). */
const extra = argv.filter((a) => a.startsWith('--node-arg=')).map((a) => a.slice('--node-arg='.length));
const input = flag('input', join(OUT, 'pci10.conf'));
const dir = flag('dir', '') || mkdtempSync(join(tmpdir(), 'nova-prof-'));
mkdirSync(dir, { recursive: true });
const text = readFileSync(input, 'utf8');

/** CPU (user + system, ms) of each thread of a process, with its name (Linux). */
function threads(pid: number): Map<string, { name: string; cpu: number }> {
  const out = new Map<string, { name: string; cpu: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const st = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')')).replace(/\d+$/, '#');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name: tid === String(pid) ? 'main' : name, cpu: (Number(f[11]) + Number(f[12])) * 10 });
    } catch {
      // the thread ended
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

(async () => {
  const preload = join(dir, 'gc-log.cjs');
  writeFileSync(preload, [
    "const { PerformanceObserver, performance } = require('perf_hooks');",
    "process.stderr.write(`START ${(Date.now() - process.uptime() * 1000).toFixed(1)}\\n`);",
    "const v8 = require('v8'), setFlags = v8.setFlagsFromString;",
    'v8.setFlagsFromString = function (f) { process.stderr.write(`FLAGS ${Date.now()} ${f}\\n`); return setFlags.call(this, f); };',
    "const kinds = { 1: 'scavenge', 2: 'minor-mc', 4: 'mark-compact', 8: 'incremental', 16: 'weakcb' };",
    'new PerformanceObserver((l) => { for (const e of l.getEntries()) process.stderr.write(`GC ${(e.startTime + performance.timeOrigin).toFixed(1)} ${kinds[e.detail?.kind ?? e.kind] ?? e.kind} ${e.duration.toFixed(2)}\\n`); }).observe({ entryTypes: [\'gc\'] });',
  ].join('\n'));
  const noProf = argv.includes('--no-prof');
  const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0' }, [...(noProf ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250']), '-r', preload, ...extra]);
  await c.initialize();
  await sleep(500);
  const marks: { start: number; end: number; cpu: number; monoFrom: number; monoTo: number }[] = [];
  for (let k = 0; k <= opens; k++) {
    if (k > 0) c.close(`file:///bench/p-${k - 1}.conf`);
    const cpu0 = c.cpuMs();
    const th0 = threads(c.proc.pid!);
    const start = performance.timeOrigin + performance.now();
    const r = await c.open(`file:///bench/p-${k}.conf`, text);
    // The same clock as the profile's timestamps (CLOCK_MONOTONIC on Linux), in ms: each open's window.
    const monoTo = Number(process.hrtime.bigint()) / 1e6;
    marks.push({ start, end: start + r.ms, cpu: c.cpuMs() - cpu0, monoFrom: monoTo - r.ms, monoTo });
    const th1 = threads(c.proc.pid!);
    const byName = new Map<string, number>();
    for (const [tid, v] of th1) byName.set(v.name, (byName.get(v.name) ?? 0) + v.cpu - (th0.get(tid)?.cpu ?? 0));
    process.stderr.write(`  threads: ${[...byName].map(([n, v]) => `${n} ${v}`).join(', ')}\n`);
    process.stderr.write(`open ${k} [${start.toFixed(1)} - ${(start + r.ms).toFixed(1)}]: ${r.ms.toFixed(1)} ms wall, ${marks[k].cpu} ms server CPU, ${r.count} published\n`);
    await sleep(gap);
  }
  await c.stop();
  if (noProf) {
    process.stdout.write(c.stderr);
    return;
  }
  const { path, prof, nameOf, stackOf } = readServerProfile(dir, server);
  // Phases: the first frame (from the leaf) whose name matches decides.
  const PHASES: [string, RegExp][] = [
    ['GC', /^\(garbage collector\)/],
    ['message read + decode (framing, parseBig, JSON.parse)', /server\/src\/(framing|text-cut)\.ts/],
    ['rules (service.diagnostics)', /server\/src\/service\/(rules|diagnostics|features\/diagnostics)|server\/src\/service\/python\/re/],
    ['parse (service.parse: oslo, model, document)', /server\/src\/service\/(oslo|model|document|python|lines)/],
    ['workspace layer', /server\/src\/service\/workspace|server\/src\/workspace-index/],
    ['flavors', /server\/src\/(flavor-lsp|service\/flavors)/],
    ['publish (frame-writer, sendDiagnostics)', /server\/src\/frame-writer|sendDiagnostics|vscode-jsonrpc/],
    ['TextDocuments / server.ts', /server\/src\/(server|protocol-gate|document-lines)\.ts|vscode-languageserver/],
  ];
  const phaseOf = (stack: string[]): string => {
    if (stack[0] === '(garbage collector)') return 'GC';
    if (stack[0] === '(idle)') return '(idle)';
    if (stack[0] === '(program)') return '(program)';
    for (const s of stack) for (const [p, re] of PHASES) if (re.test(s)) return p;
    return 'other: ' + stack[0];
  };
  let t = prof.startTime;
  const per = marks.map(() => ({ phase: new Map<string, number>(), self: new Map<string, number>(), incl: new Map<string, number>(), total: 0 }));
  const samples: { at: number; id: number }[] = [];
  for (let i = 0; i < prof.samples.length; i++) {
    t += prof.timeDeltas[i];
    samples.push({ at: t / 1000, id: prof.samples[i] });
  }
  // Each open's samples: those within its window (from writing the didOpen to the publish's arrival) when the
  // clocks agree; else busy stretches separated by `gap`-long idle runs, the last opens + 1 of them.
  const inWindows = samples.filter((x) => marks.some((m) => x.at >= m.monoFrom && x.at <= m.monoTo)).length;
  const busy: { from: number; to: number }[] = [];
  let cur: { from: number; to: number } | undefined;
  for (const s of samples) {
    const idle = nameOf(s.id) === '(idle)';
    if (!idle) {
      if (cur && s.at - cur.to < gap * 0.6) cur.to = s.at;
      else busy.push((cur = { from: s.at, to: s.at }));
    }
  }
  const big = busy.filter((b) => b.to - b.from > 100);
  // The last `opens + 1` long busy stretches are the opens (start-up's is before them).
  const windows = inWindows > 0 ? marks.map((m) => ({ from: m.monoFrom, to: m.monoTo })) : big.slice(-(opens + 1));
  for (let i = 1; i < samples.length; i++) {
    const s = samples[i];
    const w = windows.findIndex((b) => s.at >= b.from && s.at <= b.to + 1);
    if (w < 0) continue;
    const dt = s.at - samples[i - 1].at;
    const st = stackOf(s.id);
    const p = per[w];
    p.total += dt;
    const ph = phaseOf(st);
    p.phase.set(ph, (p.phase.get(ph) ?? 0) + dt);
    p.self.set(st[0], (p.self.get(st[0]) ?? 0) + dt);
    for (const n of new Set(st)) p.incl.set(n, (p.incl.get(n) ?? 0) + dt);
  }
  const fmt = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v.toFixed(1).padStart(8)}  ${k}`).join('\n');
  const lines: string[] = [`server ${server}, input ${input}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}, profile ${path}`];
  per.forEach((p, k) => {
    lines.push(`\n== open ${k} (${k ? 'reopen' : 'first'}): ${p.total.toFixed(1)} ms of samples in its window; client wall ${(marks[k].end - marks[k].start).toFixed(1)} ms, server CPU ${marks[k].cpu} ms`);
    lines.push('phases:\n' + fmt(p.phase, 20));
    lines.push('self:\n' + fmt(p.self, top));
    lines.push('inclusive:\n' + fmt(p.incl, top));
  });
  const gcs = c.stderr.split('\n').filter((l) => l.startsWith('GC '));
  lines.push(`\nGC log (${gcs.length} entries; wall ms of the server's clock, kind, duration):`);
  lines.push(gcs.join('\n'));
  lines.push(c.stderr.split('\n').filter((l) => !l.startsWith('GC ') && l.trim()).join('\n'));
  process.stdout.write(lines.join('\n') + '\n');
})().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
