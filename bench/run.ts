/**
 * npm run bench: builds, generates the inputs into .bench/, measures the
 * language service in-process, the LSP server over real stdio, the CLI as a
 * whole process and the peer (oslo-config-validator, when installed), then
 * writes docs/performance.md. Budgets are reported, never asserted.
 *
 *   node --import tsx bench/run.ts [--quick] [--no-build] [--no-peer]
 *
 * --quick uses fewer repetitions (for trying the script out; the numbers are noisier).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release as osRelease, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { KEYSTROKE_MARKER, generateFull, generatePci } from './generate';
import { BenchClient, Position } from './lsp';
import { Summary, cell, mb, ms, ratio, summarize } from './stats';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, '.bench');
const DOC = join(ROOT, 'docs', 'performance.md');
const SERVER = join(ROOT, 'dist', 'server.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const SHARED = resolve(process.env.NOVA_CONF_SHARED ?? join(ROOT, '..', 'shared'));
const REAL = join(SHARED, 'data', 'real-world');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const reps = (full: number, quick: number) => (QUICK ? quick : full);
const started = performance.now();
const loadAtStart = loadavg();

function log(msg: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}\n`);
}

interface Input {
  id: string;
  label: string;
  path: string;
  bytes: number;
  /** Position just after the keystroke marker, when the input has one. */
  keystroke?: Position;
  /** Positions for completion and hover. */
  probes?: { name: string; pos: Position }[];
}

function positionOf(text: string, offset: number): Position {
  let line = 0;
  let last = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i + 1;
  }
  return { line, character: offset - last };
}

function probesFor(text: string): { name: string; pos: Position }[] {
  const at = (needle: string, delta = 0) => {
    const i = text.indexOf(needle);
    return i < 0 ? undefined : positionOf(text, i + delta);
  };
  const m = text.indexOf(KEYSTROKE_MARKER);
  const spec = text.lastIndexOf('device_spec = ', m);
  const keyInSpec = text.indexOf('"vendor_id"', spec);
  const list: { name: string; pos: Position | undefined }[] = [
    { name: 'device_spec key', pos: keyInSpec < 0 ? undefined : positionOf(text, keyInSpec + 3) },
    { name: 'device_spec value', pos: m < 0 ? undefined : positionOf(text, m + 4) },
    { name: 'option name', pos: at('\nmy_ip = ', 3) },
    { name: 'section header', pos: at('[pci]', 2) },
    { name: 'alias value', pos: at('alias = {"name"', 12) },
  ];
  return list.filter((p): p is { name: string; pos: Position } => p.pos !== undefined);
}

// ---------------------------------------------------------------- processes

function run(cmd: string, argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, argv, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolveRun({ ms: performance.now() - t0, code, stdout, stderr }));
  });
}

async function inproc<T>(...argv: string[]): Promise<T> {
  const r = await run(process.execPath, ['--max-old-space-size=4096', join(OUT, 'inproc.cjs'), ...argv]);
  if (r.code !== 0) throw new Error(`inproc ${argv.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

// ---------------------------------------------------------------- setup

async function setup(): Promise<Input[]> {
  if (!args.has('--no-build')) {
    log('building dist/ (npm run build)');
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  mkdirSync(OUT, { recursive: true });
  log('bundling the in-process harness');
  await build({
    entryPoints: [join(ROOT, 'bench', 'inproc.ts')],
    outfile: join(OUT, 'inproc.cjs'),
    bundle: true, platform: 'node', target: 'node18', format: 'cjs', minifySyntax: true, mainFields: ['module', 'main'], logLevel: 'warning',
  });
  log('generating inputs into .bench/');
  const files: [string, string, string][] = [
    ['full', 'full config (every catalogue option)', generateFull()],
    ['pci1', 'PCI-heavy ~1 MB', generatePci(1e6, 1)],
    ['pci10', 'PCI-heavy ~10 MB', generatePci(1e7, 10)],
  ];
  const inputs: Input[] = [];
  const example = join(ROOT, 'examples', 'nova.conf');
  if (existsSync(example)) {
    copyFileSync(example, join(OUT, 'example.conf'));
    const t = readFileSync(example, 'utf8');
    inputs.push({ id: 'example', label: 'examples/nova.conf', path: join(OUT, 'example.conf'), bytes: Buffer.byteLength(t), probes: probesFor(t) });
  }
  for (const [id, label, text] of files) {
    const path = join(OUT, `${id}.conf`);
    writeFileSync(path, text);
    const m = text.indexOf(KEYSTROKE_MARKER);
    inputs.push({ id, label, path, bytes: Buffer.byteLength(text), keystroke: m < 0 ? undefined : positionOf(text, m + KEYSTROKE_MARKER.length), probes: probesFor(text) });
  }
  return inputs;
}

// ---------------------------------------------------------------- in-process

interface ColdOut {
  parse: number; diagnostics: number; total: number; count: number; allCount: number; errors: number; warnings: number; infos: number;
  lines: number; entries: number; deviceSpecs: number; aliases: number;
}
interface WarmOut {
  parse: number[]; diagnostics: number[]; total: number[]; cached: number[]; heapUsedMB: number;
}
interface JsonOut {
  values: number; bytes: number; floor: number[]; syntax: number[]; rules: number[];
}
interface CorpusOut {
  files: string[]; bytes: number[]; perFile: number[][]; sums: number[];
}

async function inProcess(inputs: Input[]) {
  const facts = new Map<string, ColdOut>();
  const cold = new Map<string, Summary>();
  const warm = new Map<string, { parse: Summary; diagnostics: Summary; total: Summary; cached: Summary; heap: number }>();
  for (const inp of inputs) {
    const n = inp.bytes > 5e6 ? reps(2, 1) : inp.bytes > 5e5 ? reps(5, 2) : reps(7, 2);
    log(`in-process cold ${inp.id} ×${n}`);
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await inproc<ColdOut>('cold', inp.path, ...(i === 0 ? [] : ['time-only']));
      if (i === 0) facts.set(inp.id, r);
      samples.push(r.total);
    }
    cold.set(inp.id, summarize(samples));
    const w = inp.bytes > 5e6 ? reps(3, 1) : inp.bytes > 5e5 ? reps(20, 5) : reps(200, 30);
    log(`in-process warm ${inp.id} ×${w}`);
    const r = await inproc<WarmOut>('warm', inp.path, String(w), inp.bytes > 5e6 ? '1' : '2');
    warm.set(inp.id, { parse: summarize(r.parse), diagnostics: summarize(r.diagnostics), total: summarize(r.total), cached: summarize(r.cached), heap: r.heapUsedMB });
  }
  const json = new Map<string, { values: number; bytes: number; floor: Summary; syntax: Summary; rules: Summary; whole: Summary }>();
  for (const inp of inputs.filter((i) => i.id.startsWith('pci'))) {
    const n = inp.bytes > 5e6 ? reps(3, 1) : reps(15, 3);
    log(`JSON validation vs JSON.parse ${inp.id} ×${n}`);
    const r = await inproc<JsonOut>('json', inp.path, String(n));
    json.set(inp.id, { values: r.values, bytes: r.bytes, floor: summarize(r.floor), syntax: summarize(r.syntax), rules: summarize(r.rules), whole: warm.get(inp.id)!.total });
  }
  let corpus: CorpusOut | undefined;
  if (existsSync(REAL)) {
    log('in-process real-world corpus');
    corpus = await inproc<CorpusOut>('corpus', REAL, String(reps(10, 2)));
  }
  return { facts, cold, warm, json, corpus };
}

// ---------------------------------------------------------------- LSP over stdio

interface LspResults {
  coldStart: Summary;
  baselineRss: number;
  open: Map<string, { first: number; warm: Summary; rss: number; rssAfter: number; peak: number; published: number }>;
  nodeRss: number;
  keystroke: Map<string, { immediate: Summary; debounced: Summary }>;
  completion: Map<string, { name: string; s: Summary; items: number }[]>;
  hover: Map<string, { name: string; s: Summary; found: boolean }[]>;
}

async function lsp(inputs: Input[]): Promise<LspResults> {
  const coldSamples: number[] = [];
  let baselineRss = NaN;
  const n = reps(10, 3);
  log(`server cold start ×${n}`);
  for (let i = 0; i < n; i++) {
    const c = new BenchClient(SERVER, { NOVA_CONF_DEBOUNCE_MS: '0' });
    coldSamples.push(await c.initialize());
    if (i === 0) baselineRss = c.memory().rss;
    await c.stop();
  }
  const idle = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  let nodeRss = NaN;
  try {
    nodeRss = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${idle.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    // not Linux
  }
  idle.kill();
  const open: LspResults['open'] = new Map();
  const keystroke: LspResults['keystroke'] = new Map();
  const completion: LspResults['completion'] = new Map();
  const hover: LspResults['hover'] = new Map();
  for (const inp of inputs) {
    const text = readFileSync(inp.path, 'utf8');
    const big = inp.bytes > 5e6;
    // A fresh server per input, so its RSS is that of one open document.
    const c = new BenchClient(SERVER, { NOVA_CONF_DEBOUNCE_MS: '0' });
    await c.initialize();
    const uri = (k: number) => `file:///bench/${inp.id}-${k}.conf`;
    const first = await c.open(uri(0), text);
    await new Promise((r) => setTimeout(r, 200));
    const firstMem = c.memory();
    const samples: number[] = [];
    // Opens beyond the first: some unmeasured ones let the JIT settle, as in an editor session.
    const warmups = big ? 0 : inp.bytes > 5e5 ? reps(2, 1) : reps(10, 2);
    const opens = warmups + (big ? reps(3, 1) : inp.bytes > 5e5 ? reps(6, 2) : reps(20, 4));
    log(`server didOpen → diagnostics ${inp.id} ×${opens + 1} (${warmups + 1} not counted)`);
    let published = first.count;
    for (let k = 1; k <= opens; k++) {
      c.close(uri(k - 1));
      const r = await c.open(uri(k), text);
      if (k > warmups) samples.push(r.ms);
      published = r.count;
    }
    await new Promise((r) => setTimeout(r, 200));
    const mem = c.memory();
    open.set(inp.id, { first: first.ms, warm: summarize(samples), rss: firstMem.rss, rssAfter: mem.rss, peak: mem.peak, published });
    const live = uri(opens);
    if (inp.keystroke) {
      const edits = big ? reps(4, 2) : inp.bytes > 5e5 ? reps(16, 4) : reps(40, 8);
      log(`server keystroke → diagnostics ${inp.id} ×${edits} (debounce 0)`);
      keystroke.set(inp.id, { immediate: summarize(await typeAndErase(c, live, inp.keystroke, edits, 1, big ? 0 : 10)), debounced: summarize([]) });
    }
    if (inp.probes?.length) {
      const m = big ? reps(20, 5) : reps(60, 10);
      log(`server completion/hover ${inp.id} ×${m} per position`);
      const comp: { name: string; s: Summary; items: number }[] = [];
      const hov: { name: string; s: Summary; found: boolean }[] = [];
      for (const p of inp.probes) {
        const cs: number[] = [];
        const hs: number[] = [];
        let items = 0;
        let found = false;
        for (let k = 0; k < m; k++) {
          const r = await c.request('textDocument/completion', { textDocument: { uri: live }, position: p.pos });
          cs.push(r.ms);
          const res = r.result as { items?: unknown[] } | unknown[] | null;
          items = Array.isArray(res) ? res.length : (res?.items?.length ?? 0);
          const h = await c.request('textDocument/hover', { textDocument: { uri: live }, position: p.pos });
          hs.push(h.ms);
          found = h.result !== null && h.result !== undefined;
        }
        comp.push({ name: p.name, s: summarize(cs), items });
        hov.push({ name: p.name, s: summarize(hs), found });
      }
      completion.set(inp.id, comp);
      hover.set(inp.id, hov);
    }
    await c.stop();
    if (inp.keystroke) {
      // The same keystrokes with the server's default debounce.
      const d = new BenchClient(SERVER, { NOVA_CONF_DEBOUNCE_MS: undefined });
      await d.initialize();
      await d.open(uri(0), text);
      const edits = big ? reps(2, 1) : inp.bytes > 5e5 ? reps(8, 2) : reps(20, 4);
      log(`server keystroke → diagnostics ${inp.id} ×${edits} (default debounce)`);
      keystroke.get(inp.id)!.debounced = summarize(await typeAndErase(d, uri(0), inp.keystroke, edits, 1, big ? 0 : 4));
      await d.stop();
    }
  }
  return { coldStart: summarize(coldSamples), baselineRss, nodeRss, open, keystroke, completion, hover };
}

/** Types one character after pos and erases it again, alternately; returns every edit's latency. */
async function typeAndErase(c: BenchClient, uri: string, pos: Position, edits: number, version: number, warmups = 0): Promise<number[]> {
  const out: number[] = [];
  let v = version;
  for (let i = 0; i < edits + warmups; i++) {
    const typing = i % 2 === 0;
    const end = typing ? pos : { line: pos.line, character: pos.character + 1 };
    const t = await c.edit(uri, ++v, pos, end, typing ? 'x' : '');
    if (i >= warmups) out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------- CLI and peer

const VALIDATOR = 'oslo-config-validator';
const NAMESPACES = ['nova.conf', 'keystonemiddleware.auth_token', 'oslo.log', 'oslo.messaging', 'oslo.policy', 'oslo.privsep', 'oslo.service.periodic_task', 'oslo.service.service', 'oslo.middleware', 'oslo.concurrency', 'oslo.reports', 'oslo.limit', 'os_vif'];

function haveValidator(): { ok: boolean; why: string } {
  const which = spawnSync('sh', ['-c', `command -v ${VALIDATOR}`], { encoding: 'utf8' });
  if (which.status !== 0) return { ok: false, why: `${VALIDATOR} is not installed` };
  // The validator's own interpreter (its #! line), which need not be the python3 first on PATH.
  let python = 'python3';
  try {
    python = /^#!\s*(\S+)/.exec(readFileSync(which.stdout.trim(), 'utf8').split('\n')[0])?.[1] ?? python;
  } catch {
    // unreadable script: keep python3
  }
  const probe = spawnSync(python, ['-c', 'import nova.conf'], { encoding: 'utf8' });
  if (probe.status !== 0) return { ok: false, why: "Nova's option definitions (python3-nova) are not installed, so the validator has no nova.conf namespace" };
  return { ok: true, why: '' };
}

async function timeProcess(cmd: string, argv: string[], n: number): Promise<{ s: Summary; code: number | null }> {
  const samples: number[] = [];
  let code: number | null = null;
  for (let i = 0; i < n; i++) {
    const r = await run(cmd, argv);
    samples.push(r.ms);
    code = r.code;
  }
  return { s: summarize(samples), code };
}

interface CliResults {
  floor: Summary;
  version: Summary;
  perInput: Map<string, { s: Summary; code: number | null }>;
  corpusAll?: Summary;
  peer: { ok: boolean; why: string; full?: { ours: Summary; theirs: Summary; code: number | null }; files: { file: string; ours: Summary; theirs: Summary; code: number | null }[] };
}

async function cli(inputs: Input[]): Promise<CliResults> {
  log('CLI startup floors');
  const floor = (await timeProcess(process.execPath, ['-e', '0'], reps(10, 3))).s;
  const version = (await timeProcess(process.execPath, [CLI, '--version'], reps(10, 3))).s;
  const perInput = new Map<string, { s: Summary; code: number | null }>();
  for (const inp of inputs) {
    const n = inp.bytes > 5e6 ? reps(2, 1) : inp.bytes > 5e5 ? reps(5, 2) : reps(10, 3);
    log(`CLI ${inp.id} ×${n}`);
    perInput.set(inp.id, await timeProcess(process.execPath, [CLI, inp.path], n));
  }
  let corpusAll: Summary | undefined;
  const realFiles = existsSync(REAL) ? readdirSync(REAL).filter((f) => f.endsWith('.conf')).sort() : [];
  if (realFiles.length) {
    log(`CLI real-world corpus, one process for ${realFiles.length} files`);
    corpusAll = (await timeProcess(process.execPath, [CLI, ...realFiles.map((f) => join(REAL, f))], reps(5, 2))).s;
  }
  const peer: CliResults['peer'] = { ...haveValidator(), files: [] };
  if (args.has('--no-peer')) {
    peer.ok = false;
    peer.why = 'skipped with --no-peer';
  }
  if (!peer.ok) {
    log(`peer skipped: ${peer.why}. Install it with: apt-get install -y python3-nova (Debian 12 brings oslo-config-validator and Nova's option definitions)`);
    return { floor, version, perInput, corpusAll, peer };
  }
  const ns = NAMESPACES.flatMap((n) => ['--namespace', n]);
  const full = inputs.find((i) => i.id === 'full')!;
  const pn = reps(3, 1);
  log(`peer ${VALIDATOR} full config ×${pn}`);
  const theirs = await timeProcess(VALIDATOR, [...ns, '--input-file', full.path], pn);
  peer.full = { ours: perInput.get('full')!.s, theirs: theirs.s, code: theirs.code };
  // The real-world files that are whole nova.conf files (SOURCES.json "full"); the fragments only measure Python's start-up.
  let chosen = realFiles.filter((f) => f.includes('-full') || f.includes('rendered') || f.includes('generated'));
  try {
    const sources = JSON.parse(readFileSync(join(REAL, 'SOURCES.json'), 'utf8')) as { file: string; full?: boolean }[];
    const fulls = sources.filter((s) => s.full).map((s) => s.file).filter((f) => realFiles.includes(f));
    if (fulls.length) chosen = fulls;
  } catch {
    // no SOURCES.json: keep the name-based choice
  }
  if (QUICK) chosen = chosen.slice(0, 3);
  for (const f of chosen) {
    log(`peer vs CLI ${f}`);
    const p = join(REAL, f);
    const t = await timeProcess(VALIDATOR, [...ns, '--input-file', p], 1);
    const o = await timeProcess(process.execPath, [CLI, p], reps(3, 1));
    peer.files.push({ file: f, ours: o.s, theirs: t.s, code: t.code });
  }
  return { floor, version, perInput, corpusAll, peer };
}

// ---------------------------------------------------------------- hot spots

interface HotSpot {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

/** CPU profile of the in-process harness, self time per function, attributed to source modules. */
async function hotSpots(input: Input, runs: number): Promise<{ total: number; top: HotSpot[] }> {
  const dir = join(OUT, 'prof', input.id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = await run(process.execPath, ['--max-old-space-size=4096', '--cpu-prof', `--cpu-prof-dir=${dir}`, join(OUT, 'inproc.cjs'), 'profile', input.path, String(runs)]);
  if (r.code !== 0) return { total: 0, top: [] };
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return { total: 0, top: [] };
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const bundle = readFileSync(join(OUT, 'inproc.cjs'), 'utf8').split('\n');
  const moduleAt: string[] = [];
  let current = '(bundle)';
  bundle.forEach((l, i) => {
    const m = /^\/\/ ((?:server|node_modules|bench)\/\S+)/.exec(l);
    if (m) current = m[1].replace(/^node_modules\//, '');
    moduleAt[i] = current;
  });
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const n = byId.get(id);
    const dt = prof.timeDeltas[i] ?? 0;
    if (!n) return;
    total += dt;
    const cf = n.callFrame;
    if (cf.functionName === '(idle)' || cf.functionName === '(program)') return;
    const where = cf.url.endsWith('inproc.cjs') ? moduleAt[cf.lineNumber] ?? '(bundle)' : cf.url ? cf.url.replace(/^node:/, 'node:') : '(native)';
    const key = `${cf.functionName || '(anonymous)'}\u0000${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([k, us]) => {
      const [fn, where] = k.split('\u0000');
      return { fn, where, selfMs: us / 1000, share: us / total };
    });
  return { total: total / 1000, top };
}

// ---------------------------------------------------------------- report

interface Budget {
  id: string;
  what: string;
  limit: string;
  measured: string;
  met: boolean | undefined;
  miss: string;
  why: string;
  fix: string;
}

function judge(value: number, limit: number, higherIsBetter = false): { met: boolean | undefined; miss: string } {
  if (!Number.isFinite(value)) return { met: undefined, miss: 'not measured' };
  const met = higherIsBetter ? value >= limit : value <= limit;
  if (met) return { met, miss: '' };
  return { met, miss: higherIsBetter ? `short by ${ratio(limit, value)}` : `over by ${ratio(value, limit)}` };
}

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

async function main(): Promise<void> {
  const inputs = await setup();
  const ip = await inProcess(inputs);
  const server = await lsp(inputs);
  const c = await cli(inputs);
  log('CPU profiles for the hot-spot tables');
  const pci10 = inputs.find((i) => i.id === 'pci10')!;
  const full = inputs.find((i) => i.id === 'full')!;
  const hotBig = await hotSpots(pci10, 1);
  const hotFull = await hotSpots(full, reps(100, 20));
  const elapsed = (performance.now() - started) / 1000;

  const byId = (id: string) => inputs.find((i) => i.id === id)!;
  const L: string[] = [];
  const cpu = cpus();
  L.push('# Performance', '');
  L.push('Generated by `npm run bench` (bench/run.ts); do not edit by hand. Re-run it after changing the service, the server or the CLI.');
  L.push('Budgets are reported here, never asserted in tests. Times are medians and p95 (nearest rank) over the repetitions given in each table.', '');
  L.push('## Machine', '');
  L.push(table(['', ''], [
    ['CPU', `${cpu[0]?.model ?? 'unknown'} × ${cpu.length} cores`],
    ['Memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['OS', `${platform()} ${osRelease()}`],
    ['Node', process.version],
    ['Load average at start / end', `${loadAtStart.map((x) => x.toFixed(2)).join(', ')} / ${loadavg().map((x) => x.toFixed(2)).join(', ')}`],
    ['Run', `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${elapsed.toFixed(0)} s in all${QUICK ? ' (--quick: fewer repetitions)' : ''}`],
  ]));
  L.push('', 'Other work running on the machine at the same time shows up as a higher load average and wider p95; compare runs made under similar load.', '');

  // Inputs
  L.push('## Inputs', '');
  L.push('Generated deterministically into `.bench/` (git-ignored) by bench/generate.ts.', '');
  L.push(table(['input', 'size', 'lines', 'entries', 'device_spec / alias values', 'diagnostics (errors / warnings / info+hint)'], inputs.map((i) => {
    const f = ip.facts.get(i.id)!;
    return [`${i.label} (\`${i.id}\`)`, mb(i.bytes), f.lines, f.entries, `${f.deviceSpecs} / ${f.aliases}`, `${f.allCount} (${f.errors} / ${f.warnings} / ${f.infos})`];
  })));
  L.push('');
  L.push('- `full`: every option of every group of the default release\'s catalogue (`listGroups`/`listOptions`), laid out like oslo\'s sample config with a comment line per option, set to its default or, where the default is unset or host-dependent, a sensible value; plus a small `[pci]` block (one-line and multi-line device_spec, two aliases).');
  L.push('- `pci1`, `pci10`: one `[pci]` section with thousands of device_spec (one-line objects, lists over continuation lines, regex addresses) and alias entries; about 1% carry a mistake (single quotes, trailing comma, Python literal, id too large, devname with address, misspelt tag, bad numa_policy/device_type, a suppression comment).');
  if (ip.corpus) {
    const total = ip.corpus.bytes.reduce((a, b) => a + b, 0);
    L.push(`- real-world corpus: the ${ip.corpus.files.length} files of shared/data/real-world/ (${mb(total)} in all).`);
  } else {
    L.push(`- real-world corpus: skipped, ${REAL} is absent.`);
  }
  L.push('');

  // Budgets
  const lspFull = server.open.get('full')!;
  const lspBig = server.open.get('pci10')!;
  const ksFull = server.keystroke.get('full')?.immediate;
  const probeP95 = (id: string) => Math.max(...[...(server.completion.get(id) ?? []), ...(server.hover.get(id) ?? [])].map((x) => x.s.p95));
  const peerRatio = c.peer.full ? c.peer.full.theirs.median / c.peer.full.ours.median : NaN;
  const jsonBig = ip.json.get('pci10');
  const jsonRatio = jsonBig ? jsonBig.syntax.median / jsonBig.floor.median : NaN;
  const budgets: Budget[] = [];
  const add = (b: Omit<Budget, 'met' | 'miss'>, value: number, limit: number, higherIsBetter = false) => budgets.push({ ...b, ...judge(value, limit, higherIsBetter) });
  add({ id: 'diag-full', what: 'diagnostics for the full config after didOpen (server, warm process)', limit: '≤ 10 ms', measured: `${ms(lspFull.warm.median)} median, ${ms(lspFull.warm.p95)} p95 (first open in a fresh server: ${ms(lspFull.first)})`,
    why: ANALYSIS.diagFull.why, fix: ANALYSIS.diagFull.fix }, lspFull.warm.median, 10);
  add({ id: 'diag-10mb', what: 'diagnostics for the 10 MB file after didOpen (server)', limit: '≤ 0.5 s', measured: `${ms(lspBig.warm.median)} median (first open: ${ms(lspBig.first)})`,
    why: ANALYSIS.diag10.why, fix: ANALYSIS.diag10.fix }, lspBig.warm.median, 500);
  add({ id: 'keystroke', what: 'keystroke in a device_spec of the full config → publishDiagnostics (NOVA_CONF_DEBOUNCE_MS=0)', limit: '≤ 5 ms', measured: ksFull ? `${ms(ksFull.median)} median, ${ms(ksFull.p95)} p95` : '–',
    why: ANALYSIS.keystroke.why, fix: ANALYSIS.keystroke.fix }, ksFull?.median ?? NaN, 5);
  add({ id: 'probe', what: 'completion / hover p95 on the full config (worst position)', limit: '≤ 5 ms', measured: `${ms(probeP95('full'))} (10 MB file: ${ms(probeP95('pci10'))})`,
    why: ANALYSIS.probe.why, fix: ANALYSIS.probe.fix }, probeP95('full'), 5);
  add({ id: 'cold-start', what: 'server cold start (spawn → initialize result)', limit: '≤ 150 ms', measured: `${ms(server.coldStart.median)} median, ${ms(server.coldStart.p95)} p95 (bare \`node -e 0\` on this machine: ${ms(c.floor.median)})`,
    why: ANALYSIS.coldStart.why, fix: ANALYSIS.coldStart.fix }, server.coldStart.median, 150);
  add({ id: 'rss', what: 'server RSS with the full config open', limit: '≤ 60 MB', measured: `${lspFull.rss.toFixed(1)} MB (idle server ${server.baselineRss.toFixed(1)} MB, bare node ${server.nodeRss.toFixed(1)} MB; after 30 reopenings ${lspFull.rssAfter.toFixed(1)} MB)`,
    why: ANALYSIS.rss.why, fix: ANALYSIS.rss.fix }, lspFull.rss, 60);
  add({ id: 'cli-vs-peer', what: 'CLI vs oslo-config-validator on the full config (their time ÷ ours)', limit: '≥ 20×', measured: c.peer.full ? `${ratio(c.peer.full.theirs.median, c.peer.full.ours.median)} (${ms(c.peer.full.ours.median)} vs ${ms(c.peer.full.theirs.median)})` : `skipped: ${c.peer.why}`,
    why: ANALYSIS.peer.why, fix: ANALYSIS.peer.fix }, peerRatio, 20, true);
  add({ id: 'json', what: 'JSON validation (Python-json parse of every device_spec/alias value) vs JSON.parse of the same bytes, 10 MB file', limit: '≤ 3×', measured: jsonBig ? `${ratio(jsonBig.syntax.median, jsonBig.floor.median)} (${ms(jsonBig.syntax.median)} vs ${ms(jsonBig.floor.median)})` : '–',
    why: ANALYSIS.json.why, fix: ANALYSIS.json.fix }, jsonRatio, 3);
  L.push('## Budgets', '');
  L.push(table(['budget', 'limit', 'measured', 'verdict'], budgets.map((b) => [b.what, b.limit, b.measured, b.met === undefined ? 'not measured' : b.met ? '**met**' : `**missed** (${b.miss})`])));
  L.push('');
  for (const b of budgets.filter((x) => x.met === false)) {
    L.push(`### Missed: ${b.what}`, '', `- Why: ${b.why}`, `- What would fix it: ${b.fix}`, '');
  }
  const metNotes = budgets.filter((x) => x.met === true && ANALYSIS_MET[x.id]);
  if (metNotes.length) {
    L.push('### Notes on met budgets', '');
    for (const b of metNotes) L.push(`- ${b.what}: ${ANALYSIS_MET[b.id]}`);
    L.push('');
  }

  // In-process
  L.push('## Language service in-process', '');
  L.push('`parse` builds the document (INI model, option lookup, `$name` substitution, JSON trees); `diagnostics` runs every rule family. Cold = the first call in a fresh Node process (one process per sample); warm = after two warm-up rounds (one for 10 MB) in the same process, each round a new document URI so nothing is cached. "cached" is a repeated request on an unchanged document (what completion and hover pay before their own work). The server caps diagnostics at 1000 per document; the counts in the inputs table are uncapped.', '');
  L.push(table(['input', 'cold total (n)', 'warm parse', 'warm diagnostics', 'warm total (n)', 'cached', 'per MB (warm)', 'heap after runs'], inputs.map((i) => {
    const w = ip.warm.get(i.id)!;
    const cold = ip.cold.get(i.id)!;
    return [i.id, `${cell(cold)} (${cold.n})`, cell(w.parse), cell(w.diagnostics), `${cell(w.total)} (${w.total.n})`, ms(w.cached.median), ms(w.total.median / (i.bytes / 1e6)), `${w.heap.toFixed(0)} MB`];
  })));
  L.push('', 'Cells are median / p95.', '');
  const p1 = ip.warm.get('pci1');
  const p10 = ip.warm.get('pci10');
  if (p1 && p10) {
    const a = p1.total.median / (byId('pci1').bytes / 1e6);
    const b = p10.total.median / (byId('pci10').bytes / 1e6);
    L.push('### Scaling', '');
    L.push(table(['input', 'warm time per MB', 'server didOpen per MB', 'CLI per MB'], [
      ['~1 MB', ms(a), ms(server.open.get('pci1')!.warm.median / (byId('pci1').bytes / 1e6)), ms(c.perInput.get('pci1')!.s.median / (byId('pci1').bytes / 1e6))],
      ['~10 MB', ms(b), ms(lspBig.warm.median / (byId('pci10').bytes / 1e6)), ms(c.perInput.get('pci10')!.s.median / (byId('pci10').bytes / 1e6))],
    ]));
    L.push('', `10 MB costs ${ratio(b, a)} as much per MB as 1 MB in-process (1.00× would be linear).${b / a > 1.3 ? ' The extra cost is garbage collection: the 10 MB document keeps a few hundred MB of JSON trees and entry objects alive, so the collector works on a much larger heap (see the hot-spot table).' : ''}`, '');
  }
  if (ip.json.size) {
    L.push('### JSON validation vs JSON.parse', '');
    L.push('The same device_spec/alias values (the bytes Nova hands to `json.loads`) through `JSON.parse` (the floor: V8\'s native parser, no positions, no error recovery), through our Python-json parser (error-tolerant tree with offsets, Python\'s NaN/Infinity, error classification), and through the device_spec + alias rule families on the parsed trees.', '');
    L.push(table(['input', 'values', 'JSON bytes', 'JSON.parse', 'Python-json parse', 'ratio', 'PCI rules on the trees', 'parse + rules ratio', 'whole document (warm) ratio'], [...ip.json].map(([id, j]) => [
      id, j.values, mb(j.bytes), `${cell(j.floor)} (${(j.bytes / 1e6 / (j.floor.median / 1000)).toFixed(0)} MB/s)`, `${cell(j.syntax)} (${(j.bytes / 1e6 / (j.syntax.median / 1000)).toFixed(0)} MB/s)`, ratio(j.syntax.median, j.floor.median), cell(j.rules), ratio(j.syntax.median + j.rules.median, j.floor.median), ratio(j.whole.median, j.floor.median),
    ])));
    L.push('');
  }
  if (ip.corpus) {
    const med = ip.corpus.perFile.map((s) => summarize(s).median);
    const sums = summarize(ip.corpus.sums);
    const worst = med.map((m, k) => [m, k] as const).sort((a, b) => b[0] - a[0]).slice(0, 3);
    L.push('### Real-world corpus', '');
    L.push(`All ${ip.corpus.files.length} files, warm: ${cell(sums)} for the whole corpus (n=${sums.n}); per file median ${ms(summarize(med).median)}, slowest ${worst.map(([m, k]) => `${ip.corpus!.files[k]} ${ms(m)} (${mb(ip.corpus!.bytes[k])})`).join(', ')}.`, '');
  }

  // Server
  L.push('## Language server over stdio', '');
  L.push('The built `dist/server.js` spawned with `--stdio`, driven by bench/lsp.ts (Content-Length framing as in test/lsp-client.ts); times run from writing the message to the arrival of the answer or notification. The client announces no `workspace/configuration` capability, so diagnostics start as soon as `initialized` is processed.', '');
  L.push(`Cold start (spawn → initialize result): ${cell(server.coldStart)} (n=${server.coldStart.n}); an idle server after initialize: ${server.baselineRss.toFixed(1)} MB RSS.`, '');
  L.push('### didOpen → first publishDiagnostics, and memory', '');
  L.push(`One fresh server per input; the document is opened (first open), then closed and reopened under new URIs; the first reopenings are not counted (JIT warm-up: 10 for the small inputs, 2 for 1 MB, none for 10 MB). RSS is VmRSS from /proc/<pid>/status 200 ms after the first open's diagnostics arrived, with that one document open; "after reopening" is the same once the reopen series is done (garbage of the closed copies not yet returned to the OS); peak is VmHWM. For scale: an idle \`node -e\` process has ${server.nodeRss.toFixed(1)} MB RSS, an idle server after initialize ${server.baselineRss.toFixed(1)} MB.`, '');
  L.push(table(['input', 'first open (fresh server)', 'warm open (n)', 'diagnostics published', 'RSS, one document open', 'RSS after reopening', 'peak RSS'], inputs.map((i) => {
    const o = server.open.get(i.id)!;
    return [i.id, ms(o.first), `${cell(o.warm)} (${o.warm.n})`, o.published, `${o.rss.toFixed(1)} MB`, `${o.rssAfter.toFixed(1)} MB`, `${o.peak.toFixed(1)} MB`];
  })));
  L.push('');
  L.push('### Keystroke → publishDiagnostics', '');
  L.push(`One character typed, then erased, inside a string of a device_spec value (\`${KEYSTROKE_MARKER}\`), as incremental didChange notifications; each edit waits for the diagnostics of its version (small inputs: the first 10 edits, 4 with debounce, are not counted, for JIT warm-up). "immediate" runs the server with NOVA_CONF_DEBOUNCE_MS=0; "default debounce" with the server's default (50 ms), which the latency includes by design.`, '');
  L.push(table(['input', 'immediate: median / p95 (n)', 'default debounce: median / p95 (n)'], [...server.keystroke].map(([id, k]) => [id, `${cell(k.immediate)} (${k.immediate.n})`, `${cell(k.debounced)} (${k.debounced.n})`])));
  L.push('');
  L.push('### Completion and hover', '');
  L.push('Request → response at several positions of an open, unchanged document (median / p95). "items" and "hover" show what came back, so a stub that answers nothing is visible as such.', '');
  const probeRows: string[][] = [];
  for (const [id, comp] of server.completion) {
    const hov = server.hover.get(id) ?? [];
    comp.forEach((cp, k) => probeRows.push([id, cp.name, `${cell(cp.s)} (${cp.s.n})`, String(cp.items), hov[k] ? cell(hov[k].s) : '–', hov[k]?.found ? 'yes' : 'no']));
  }
  L.push(table(['input', 'position', 'completion (n)', 'items', 'hover', 'hover returned'], probeRows));
  L.push('');

  // CLI and peer
  L.push('## CLI (whole process)', '');
  L.push(`\`node dist/cli.js FILE\` spawned and timed until exit (output piped and discarded). Floors: \`node -e 0\` ${cell(c.floor)}, \`node dist/cli.js --version\` ${cell(c.version)}.`, '');
  L.push(table(['input', 'median / p95 (n)', 'exit code', 'above the --version floor'], inputs.map((i) => {
    const r = c.perInput.get(i.id)!;
    return [i.id, `${cell(r.s)} (${r.s.n})`, String(r.code), ms(r.s.median - c.version.median)];
  })));
  if (c.corpusAll) L.push('', `All real-world files in one CLI process: ${cell(c.corpusAll)} (n=${c.corpusAll.n}).`);
  L.push('');
  L.push('## Side by side: oslo-config-validator', '');
  if (!c.peer.ok) {
    L.push(`Skipped: ${c.peer.why}. To include it, install Debian's Nova (brings oslo.config's validator and Nova's option definitions): \`apt-get update && apt-get install -y python3-nova\`, then re-run \`npm run bench\`.`, '');
  } else {
    L.push(`\`${VALIDATOR} --namespace … --input-file FILE\` with the namespaces of Nova's sample-config generator (${NAMESPACES.join(', ')}), from Debian's python3-nova (the Zed option set). It checks option and group names against the sample config only (no values, no device_spec/alias JSON), so it does less work than nova-conf-lint; it is the closest tool there is. Ratio = validator time ÷ nova-conf-lint time (higher is better for us).`, '');
    const rows: string[][] = [];
    if (c.peer.full) rows.push(['full (generated)', cell(c.peer.full.ours), cell(c.peer.full.theirs), String(c.peer.full.code), ratio(c.peer.full.theirs.median, c.peer.full.ours.median)]);
    for (const f of c.peer.files) rows.push([f.file, cell(f.ours), ms(f.theirs.median), String(f.code), ratio(f.theirs.median, f.ours.median)]);
    L.push(table(['file', 'nova-conf-lint median / p95', 'validator', 'validator exit', 'ratio'], rows));
    const rs = c.peer.files.map((f) => f.theirs.median / f.ours.median);
    if (rs.length) L.push('', `Real-world whole-file configs: median ratio ${summarize(rs).median.toFixed(1)}× (min ${Math.min(...rs).toFixed(1)}×, n=${rs.length}; validator run once per file, nova-conf-lint ${c.peer.files[0].ours.n}× per file).`);
    L.push('');
  }

  // Hot spots
  L.push('## Hot spots', '');
  L.push('Self time per function from `node --cpu-prof` of the in-process harness (whole process: module loading and warm-up rounds included), attributed to source modules through the bundle\'s module markers. Re-generated on every run.', '');
  for (const [label, h] of [['10 MB PCI file (one warm-up round and one measured round)', hotBig], [`full config (${reps(100, 20)} rounds)`, hotFull]] as const) {
    L.push(`### ${label}: ${ms(h.total)} profiled`, '');
    L.push(table(['function', 'module', 'self time', 'share'], h.top.map((t) => [`\`${t.fn}\``, t.where, ms(t.selfMs), `${(t.share * 100).toFixed(1)}%`])));
    L.push('');
  }
  L.push('## Known causes and proposed fixes', '');
  for (const f of FINDINGS) L.push(`- ${f}`);
  L.push('');
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(DOC, L.join('\n'));
  log(`wrote ${DOC} (${elapsed.toFixed(0)} s)`);
}

/**
 * Why a budget is missed and what would fix it, from profiling (node --cpu-prof and a
 * sampling heap profile) of this code base; the hot-spot tables above are re-measured on
 * every run, these explanations are not, so re-check them when the tables change.
 */
const ANALYSIS = {
  diagFull: {
    why: 'parse and rules each take a few milliseconds for ~1,100 entries: building the INI model (spans, value maps), resolving every key against the release catalogue (memoised per section/key) and the option value checks.',
    fix: 'an incremental path that reuses unchanged entries between versions would make the per-keystroke cost proportional to the edit.',
  },
  diag10: {
    why: 'about half of the time is still garbage collection: every one of the ~49,000 device_spec/alias values keeps its JSON tree (one object per token, with positions) and its entry model (spans, value map) for the document\'s lifetime, and the rules allocate a property map per item. The fast JSON reader (parse/fastjson.ts) removed jsonc-parser from the valid-value path, and the per-item rule allocations were hoisted, which took this from 2.6 s to about 1 s.',
    fix: 'compact trees (token arrays with offsets instead of node objects), dropping trees once the rules ran (completion and hover re-read the one value under the cursor), and an incremental reparse; a 10 MB nova.conf is far beyond real files (the largest real one here is 0.1 MB).',
  },
  keystroke: {
    why: 'a keystroke reparses and rechecks the whole document: the service has no incremental path, so the latency is that of a full didOpen plus the TextDocument update.',
    fix: 'reuse the previous version\'s entries whose text did not change (reparse only the edited entry, rerun cross-entry rules on cached per-entry results).',
  },
  probe: {
    why: 'the medians are well under a millisecond (see the completion/hover table): requests are answered from the cached parse, and the features do little work. The p95 outliers come from pauses outside the feature: garbage collection in a server whose heap holds the document, and CPU contention on this 2-core machine (compare the load average).',
    fix: 'less allocation in parse and rules shortens GC pauses; re-measure on an idle machine before changing the features.',
  },
  coldStart: {
    why: 'mostly Node\'s own start-up (see the bare `node -e 0` floor) plus compiling the server bundle (vscode-languageserver, the service, the option catalogue). The PCI ID snapshot is no longer compiled in: it ships as dist/pciids.txt and is read on first use.',
    fix: 'on Node ≥ 22, the module compile cache; a smaller catalogue representation.',
  },
  rss: {
    why: 'a bare Node process already takes about 40 MB and the idle server about 55 MB (the bundle, vscode-languageserver, the option catalogue); the full config adds its INI model, per-entry resolution and the cached diagnostics.',
    fix: 'a lighter per-entry model (spans as numbers in typed arrays) and dropping JSON trees after the rules ran; a 60 MB budget leaves only ~20 MB above bare Node, so the runtime itself is most of it.',
  },
  peer: {
    why: 'both tools are dominated by start-up: ours is Node (bare `node -e 0` floor above) plus the CLI bundle (about 60 ms in all on an idle machine, since the PCI ID snapshot left the bundle); theirs is Python importing Nova\'s option modules. The ratio moves with the machine\'s load, which inflates both.',
    fix: 'nothing big is left on our side but Node\'s own start; linting many files in one CLI call (as CI jobs do) amortises it.',
  },
  json: {
    why: 'V8\'s JSON.parse is native code that builds plain values; our reader (parse/fastjson.ts) is JavaScript that also records every token\'s offset and length, property key nodes and parent links, which the rules and messages need for exact positions. jsonc-parser now runs only for the ~1% of values that are invalid.',
    fix: 'build positions lazily: validate and read values with a positions-free pass, and compute a node\'s span only when a rule reports on it.',
  },
};

/** Extra context for budgets that are met. */
const ANALYSIS_MET: Record<string, string> = {};

/** Findings from profiling, stated with file and function (re-check them against the hot-spot tables). */
const FINDINGS: string[] = [
  '**Allocation and GC on big files** (partly fixed) — parse/json.ts `parsePythonJson` used jsonc-parser\'s `parseTree` for every value; valid values now go through parse/fastjson.ts, a non-recursive reader with the same node shape. Trees are still kept for the document\'s lifetime.',
  '**Per-entry OptionInfo objects** (fixed) — catalog/options.ts `getOption` is memoised per release/group/name, and document.ts resolves each section/key pair once per parse.',
  '**`groupExists` copied arrays** (fixed) — catalog/options.ts uses the per-release group list.',
  '**Linear scans per `$name` reference and per value lookup** (fixed) — document.ts builds `byOption` (group.option → entries) once; `lookup` and rules/config-values.ts `lastEntry` use it.',
  '**Per-item allocations in the device_spec rules** (fixed) — rules/device-spec.ts builds the property map once per item and keeps the per-release tag sets.',
  '**Quadratic list copies in alias A8** (fixed) — rules/alias.ts pushes into the existing list.',
  '**Suppression lookups** (partly fixed) — rules/registry.ts finds the entry after a `disable-next-line` comment by binary search; each finding still tests every suppression range, which is fine for the handful of comments real files have.',
  '**Start-up compiled embedded data** (fixed) — the PCI ID snapshot ships as dist/pciids.txt, read by `bundledPciIds` on first use (scripts/build.mjs replaces the snapshot module with a lazy getter).',
  '**Duplicate validation on open** (fixed) — server.ts schedules only from `onDidChangeContent`, at once for a newly opened document.',
  '**No incremental reparse** (open) — server/src/service/index.ts `parse` reparses the whole text on every version, so a keystroke costs a full parse + rule run.',
];

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
