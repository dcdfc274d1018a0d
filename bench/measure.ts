/**
 * The measuring half of `npm run bench`: generates the inputs (bench/families.ts),
 * measures the language service in-process, the LSP server over real stdio, the
 * CLI as a whole process, the peer (oslo-config-validator, when installed), growth
 * across input sizes (bench/growth.ts) and CPU profiles. Returns plain data
 * (Results); bench/report.ts turns it into docs/performance.md. Nothing here
 * asserts a budget.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { KEYSTROKE_MARKER } from './generate';
import { FAMILIES, Family } from './families';
import { BenchClient, Position, firstItemToResolve } from './lsp';
import { Summary, summarize } from './stats';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../client/src/server-flags';

export const ROOT = resolve(__dirname, '..');
export const OUT = join(ROOT, '.bench');
export const SERVER = join(ROOT, 'dist', 'server.js');
/** The POSIX launcher (scripts/server-launcher.mjs): node with the VS Code client's flags on dist/server.js. */
export const LAUNCHER = join(ROOT, 'dist', 'nova-conf-language-server-lean');
export const CLI = join(ROOT, 'dist', 'cli.js');
const SHARED = resolve(process.env.NOVA_CONF_SHARED ?? join(ROOT, '..', 'shared'));
export const REAL = join(SHARED, 'data', 'real-world');

/** Set by bench/run.ts from its command line. */
export const options = { quick: false, build: true, peer: true, families: undefined as string[] | undefined };
export const reps = (full: number, quick: number) => (options.quick ? quick : full);
const started = performance.now();

export function log(msg: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}\n`);
}

export interface Input {
  id: string;
  /** The family (bench/families.ts) it comes from; `example` for examples/nova.conf. */
  family: string;
  /** Measured in every per-input section. */
  detail: boolean;
  /** Part of the growth table. */
  growth?: boolean;
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

/** The largest real-world config (shared/data/real-world), about 6,500 lines: the editor goals are measured on it. */
export const REAL_6K = '060-tripleo-undercloud-puppet-generated-full.conf';

/** For inputs without a keystroke marker: the end of the first option value after the middle of the file. */
function valueEnd(text: string): Position | undefined {
  const re = /^[a-z_]+ *= *\S[^\n]*$/gm;
  re.lastIndex = text.length >> 1;
  const m = re.exec(text);
  return m ? positionOf(text, m.index + m[0].length) : undefined;
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
    // Generated inputs write `my_ip = …`; real files such as real6k write `my_ip=…`. Completion on an option
    // name in [DEFAULT] lists every DEFAULT option with its documentation: the largest answer (~74 KB on real6k).
    { name: 'option name', pos: at('\nmy_ip = ', 3) ?? at('\nmy_ip=', 3) },
    { name: 'section header', pos: at('[pci]', 2) },
    { name: 'alias value', pos: at('alias = {"name"', 12) },
  ];
  return list.filter((p): p is { name: string; pos: Position } => p.pos !== undefined);
}

// ---------------------------------------------------------------- processes

export function run(cmd: string, argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; replaceEnv?: boolean } = {}): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, argv, { cwd: opts.cwd ?? ROOT, env: opts.replaceEnv ? opts.env : { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolveRun({ ms: performance.now() - t0, code, stdout, stderr }));
  });
}

export async function inproc<T>(...argv: string[]): Promise<T> {
  const r = await run(process.execPath, ['--max-old-space-size=4096', join(OUT, 'inproc.cjs'), ...argv]);
  if (r.code !== 0) throw new Error(`inproc ${argv.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

// ---------------------------------------------------------------- setup

/** The families selected with --families (all by default). */
export function selectedFamilies(): Family[] {
  return FAMILIES.filter((f) => !options.families || options.families.includes(f.id));
}

/** The 6,500-line real config as a bench input (copied into .bench/), or undefined when shared/data is missing. */
export function real6kInput(): Input | undefined {
  const real = join(REAL, REAL_6K);
  if (!existsSync(real)) return undefined;
  const t = readFileSync(real, 'utf8');
  mkdirSync(OUT, { recursive: true });
  copyFileSync(real, join(OUT, 'real6k.conf'));
  return { id: 'real6k', family: 'real', label: `${REAL_6K} (real, ${t.split('\n').length} lines)`, path: join(OUT, 'real6k.conf'), bytes: Buffer.byteLength(t), keystroke: valueEnd(t), probes: probesFor(t), detail: true };
}

export async function setup(): Promise<Input[]> {
  if (options.build) {
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
    // As scripts/build.mjs: \p{…} regular expressions stay literals (esbuild would rebuild them on every call).
    supported: { 'regexp-unicode-property-escapes': true },
  });
  log('generating inputs into .bench/');
  const inputs: Input[] = [];
  const example = join(ROOT, 'examples', 'nova.conf');
  if (existsSync(example)) {
    copyFileSync(example, join(OUT, 'example.conf'));
    const t = readFileSync(example, 'utf8');
    inputs.push({ id: 'example', family: 'example', label: 'examples/nova.conf', path: join(OUT, 'example.conf'), bytes: Buffer.byteLength(t), probes: probesFor(t), detail: true });
  }
  const real = real6kInput();
  if (real) inputs.push(real);
  for (const fam of selectedFamilies()) {
    for (const size of fam.sizes) {
      if (options.quick && !size.quick) continue;
      const text = fam.generate(size.bytes, size);
      const path = join(OUT, `${size.id}.conf`);
      writeFileSync(path, text);
      const m = text.indexOf(KEYSTROKE_MARKER);
      const label = fam.sizes.length > 1 ? `${fam.label} ~${size.bytes >= 1e6 ? `${size.bytes / 1e6} MB` : `${size.bytes / 1e3} KB`}` : fam.label;
      inputs.push({
        id: size.id, family: fam.id, label, path, bytes: Buffer.byteLength(text), detail: Boolean(fam.detail), growth: Boolean(fam.growth),
        keystroke: m < 0 ? undefined : positionOf(text, m + KEYSTROKE_MARKER.length), probes: probesFor(text),
      });
    }
  }
  return inputs;
}

// ---------------------------------------------------------------- in-process

export interface ColdOut {
  parse: number; diagnostics: number; total: number; count: number; allCount: number; errors: number; warnings: number; infos: number;
  lines: number; entries: number; deviceSpecs: number; aliases: number;
}
export interface WarmOut {
  parse: number[]; diagnostics: number[]; total: number[]; cached: number[]; heapUsedMB: number;
}
export interface JsonOut {
  values: number; bytes: number; floor: number[]; syntax: number[]; rules: number[];
}
export interface CorpusOut {
  files: string[]; bytes: number[]; perFile: number[][]; sums: number[];
}

export async function inProcess(inputs: Input[]) {
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

export interface LspResults {
  coldStart: Summary;
  baselineRss: number;
  /**
   * didOpen → diagnostics per input. For the goal input (REAL_6K) `warm` pools the counted opens of the
   * PROBE_PROCESSES servers of the completion/hover row (each goes through the same session), and `perProcess`
   * holds each server's own median (Round 11); the other inputs have one server.
   */
  open: Map<string, { first: number; warm: Summary; rss: number; rssAfter: number; peak: number; published: number; processes?: number; perProcess?: number[] }>;
  nodeRss: number;
  keystroke: Map<string, { immediate: Summary; debounced: Summary }>;
  completion: Map<string, ProbeRow[]>;
  hover: Map<string, ProbeRow[]>;
}

/**
 * One position's completion (or hover) samples of an input: `s` over all of them. For the goal input (REAL_6K) the
 * samples of `processes` servers are pooled (PROBE_PROCESSES, Round 10), and `perProcess` holds each server's own p95
 * at the position; for the other inputs there is one server and no `perProcess`.
 */
export interface ProbeRow {
  name: string;
  s: Summary;
  items?: number;
  found?: boolean;
  processes?: number;
  perProcess?: number[];
}

/**
 * Server processes whose completion/hover samples are pooled for the goal input's row (real6k), each brought to the
 * same state first (the session's opens and keystrokes, unmeasured) and then probed as the first one is. One server's
 * 60 samples per position made the row's p95 the third-slowest sample, which moved 2.8-4.6 ms between full runs of the
 * same code (docs/performance.md, Round 10).
 */
export const PROBE_PROCESSES = () => reps(10, 2);

/** How much of the session the server has seen when its probes start, and how many probes per position (one server). */
function sessionPlan(inp: Input) {
  const big = inp.bytes > 5e6;
  // Opens beyond the first: some unmeasured ones let the JIT settle, as in an editor session.
  const warmups = big ? 0 : inp.bytes > 5e5 ? reps(2, 1) : reps(10, 2);
  // The 10 MB PCI row: the median of seven reopens, not three. A server's first reopens of that file are its slowest
  // (the JIT and the heap still settle: bigfile-ab.ts's wallByReopen), and the median of the first three read
  // 431-921 ms across one build's servers within a few minutes (docs/performance.md, Round 17: big17).
  const opens = warmups + (inp.id === 'pci10' ? reps(7, 3) : big ? reps(3, 1) : inp.bytes > 5e5 ? reps(6, 2) : reps(20, 4));
  const edits = big ? reps(4, 2) : inp.bytes > 5e5 ? reps(16, 4) : reps(40, 8);
  const editWarmups = big ? 0 : 10;
  const probes = big ? reps(20, 5) : reps(60, 10);
  return { big, warmups, opens, edits, editWarmups, probes };
}

const sessionUri = (inp: Input, k: number) => `file:///bench/${inp.id}-${k}.conf`;

interface ProbeSamples {
  name: string;
  comp: number[];
  hover: number[];
  items: number;
  found: boolean;
}

/**
 * `m` rounds per position, one position after the other: completion + the resolve of the answer's first item (what
 * the user waits for: the list and the selected item's documentation), then hover, at the same position.
 */
async function probeLoop(c: BenchClient, live: string, probes: { name: string; pos: Position }[], m: number): Promise<ProbeSamples[]> {
  const out: ProbeSamples[] = [];
  for (const p of probes) {
    const cs: number[] = [];
    const hs: number[] = [];
    let items = 0;
    let found = false;
    for (let k = 0; k < m; k++) {
      const r = await c.request('textDocument/completion', { textDocument: { uri: live }, position: p.pos });
      const res = r.result as { items?: unknown[] } | unknown[] | null;
      const list = Array.isArray(res) ? res : (res?.items ?? []);
      items = list.length;
      // What the user waits for: the list, and the documentation of the selected (first) item when the server
      // sends it on completionItem/resolve (the client declares resolveSupport, as VS Code does).
      // With LSP 3.17 item defaults (VS Code applies them) the item's data may be the list's default data.
      const first = firstItemToResolve(res);
      const resolve = first ? (await c.request('completionItem/resolve', first)).ms : 0;
      cs.push(r.ms + resolve);
      const h = await c.request('textDocument/hover', { textDocument: { uri: live }, position: p.pos });
      hs.push(h.ms);
      found = h.result !== null && h.result !== undefined;
    }
    out.push({ name: p.name, comp: cs, hover: hs, items, found });
  }
  return out;
}

/**
 * Fresh servers, each taken through the session's opens and keystrokes (sessionPlan; not measured, with the same
 * pauses) and then probed like the session's server (probeLoop, `m` rounds per position). Returns each server's
 * samples. bench/probe-row.ts runs it with 1 server (the row as it was up to Round 9) and with PROBE_PROCESSES.
 */
export async function probeProcesses(inp: Input, processes: number, m = sessionPlan(inp).probes, server = SERVER, openSamples?: number[][]): Promise<ProbeSamples[][]> {
  const text = readFileSync(inp.path, 'utf8');
  const plan = sessionPlan(inp);
  const out: ProbeSamples[][] = [];
  for (let i = 0; i < processes; i++) {
    const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0' });
    await c.initialize();
    await c.open(sessionUri(inp, 0), text);
    await new Promise((r) => setTimeout(r, 200));
    // The session's opens, timed as the didOpen row times them (opens after the warm-ups): `openSamples` gets them.
    const opened: number[] = [];
    for (let k = 1; k <= plan.opens; k++) {
      c.close(sessionUri(inp, k - 1));
      const r = await c.open(sessionUri(inp, k), text);
      if (k > plan.warmups) opened.push(r.ms);
    }
    openSamples?.push(opened);
    await new Promise((r) => setTimeout(r, 200));
    const live = sessionUri(inp, plan.opens);
    if (inp.keystroke) await typeAndErase(c, live, inp.keystroke, plan.edits, 1, plan.editWarmups);
    out.push(await probeLoop(c, live, inp.probes ?? [], m));
    await c.stop();
  }
  return out;
}

/** Pools the servers' samples per position: the table's rows, and the goal row's p95 (bench/report.ts). */
export function poolProbes(perServer: ProbeSamples[][]): { completion: ProbeRow[]; hover: ProbeRow[] } {
  const first = perServer[0] ?? [];
  const several = perServer.length > 1;
  const row = (k: number, pick: (p: ProbeSamples) => number[]): Pick<ProbeRow, 's' | 'processes' | 'perProcess'> => ({
    s: summarize(perServer.flatMap((srv) => pick(srv[k]))),
    ...(several ? { processes: perServer.length, perProcess: perServer.map((srv) => summarize(pick(srv[k])).p95) } : {}),
  });
  return {
    completion: first.map((p, k) => ({ name: p.name, ...row(k, (x) => x.comp), items: p.items })),
    hover: first.map((p, k) => ({ name: p.name, ...row(k, (x) => x.hover), found: p.found })),
  };
}

export async function lsp(inputs: Input[]): Promise<LspResults> {
  const coldSamples: number[] = [];
  let baselineRss = NaN;
  const n = reps(10, 3);
  log(`server cold start ×${n}`);
  for (let i = 0; i < n; i++) {
    const c = new BenchClient(SERVER, { NOVA_CONF_DEBOUNCE_MS: '0' });
    coldSamples.push(await c.initialize());
    // Over stdio the loader answers initialize before it loads the server (server/src/early-start.ts, Round 17): the
    // idle server's RSS is read once the server itself has answered a request, as it was before that round.
    if (i === 0) {
      await c.request('textDocument/foldingRange', { textDocument: { uri: 'file:///bench/not-open.conf' } });
      baselineRss = c.memory().rss;
    }
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
    const { big, warmups, opens, edits, editWarmups, probes: m } = sessionPlan(inp);
    // A fresh server per input, so its RSS is that of one open document.
    const c = new BenchClient(SERVER, { NOVA_CONF_DEBOUNCE_MS: '0' });
    await c.initialize();
    const uri = (k: number) => sessionUri(inp, k);
    const first = await c.open(uri(0), text);
    await new Promise((r) => setTimeout(r, 200));
    const firstMem = c.memory();
    const samples: number[] = [];
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
      log(`server keystroke → diagnostics ${inp.id} ×${edits} (debounce 0)`);
      keystroke.set(inp.id, { immediate: summarize(await typeAndErase(c, live, inp.keystroke, edits, 1, editWarmups)), debounced: summarize([]) });
    }
    if (inp.probes?.length) {
      // The goal row's input: this server and PROBE_PROCESSES - 1 more, each through the same session, pooled.
      const more = inp.id === 'real6k' ? PROBE_PROCESSES() - 1 : 0;
      log(`server completion/hover ${inp.id} ×${m} per position${more ? ` in each of ${more + 1} servers` : ''}`);
      const perServer = [await probeLoop(c, live, inp.probes, m)];
      await c.stop();
      const moreOpens: number[][] = [];
      if (more) perServer.push(...(await probeProcesses(inp, more, m, SERVER, moreOpens)));
      if (moreOpens.length) {
        // The didOpen row pools the same opens of every server (Round 11): one server's 20 opens moved with the process.
        const o = open.get(inp.id)!;
        const all = [samples, ...moreOpens];
        open.set(inp.id, { ...o, warm: summarize(all.flat()), processes: all.length, perProcess: all.map((a) => summarize(a).median) });
      }
      const pooled = poolProbes(perServer);
      completion.set(inp.id, pooled.completion);
      hover.set(inp.id, pooled.hover);
    } else {
      await c.stop();
    }
    if (inp.keystroke) {
      // The same keystrokes with the server's default debounce.
      const d = new BenchClient(SERVER, { NOVA_CONF_DEBOUNCE_MS: undefined });
      await d.initialize();
      await d.open(uri(0), text);
      const dEdits = big ? reps(2, 1) : inp.bytes > 5e5 ? reps(8, 2) : reps(20, 4);
      log(`server keystroke → diagnostics ${inp.id} ×${dEdits} (default debounce)`);
      keystroke.get(inp.id)!.debounced = summarize(await typeAndErase(d, uri(0), inp.keystroke, dEdits, 1, big ? 0 : 4));
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

export const VALIDATOR = 'oslo-config-validator';
export const NAMESPACES = ['nova.conf', 'keystonemiddleware.auth_token', 'oslo.log', 'oslo.messaging', 'oslo.policy', 'oslo.privsep', 'oslo.service.periodic_task', 'oslo.service.service', 'oslo.middleware', 'oslo.concurrency', 'oslo.reports', 'oslo.limit', 'os_vif'];

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

const TIME = '/usr/bin/time';
const RUSAGE_RUN = join(ROOT, 'bench', 'rusage-run.py');
let python: boolean | undefined;

/**
 * Runs a whole process once: wall-clock ms, and its CPU time (user + system of every thread, ms). Through
 * bench/rusage-run.py (wait4, microseconds; its wall time is spawn -> exit of the child alone) where python3 is
 * installed, else through /usr/bin/time (each of user and system truncated to 10 ms), else wall time only (CPU NaN).
 * On a loaded machine the CPU time is the fairer comparison.
 */
export async function runTimed(cmd: string, argv: string[], env?: NodeJS.ProcessEnv): Promise<{ ms: number; cpu: number; code: number | null }> {
  python ??= spawnSync('python3', ['-c', 'import os; os.wait4; os.posix_spawnp'], { stdio: 'ignore' }).status === 0;
  const report = join(OUT, `time-${process.pid}.txt`);
  const spawnOpts = env ? { env, replaceEnv: true } : {};
  if (python) {
    rmSync(report, { force: true });
    const r = await run('python3', [RUSAGE_RUN, report, cmd, ...argv], spawnOpts);
    const m = existsSync(report) ? /^(\d+\.\d+) (\d+\.\d+)\s*$/.exec(readFileSync(report, 'utf8')) : null;
    return m ? { ms: Number(m[1]), cpu: Number(m[2]), code: r.code } : { ms: r.ms, cpu: NaN, code: r.code };
  }
  if (!existsSync(TIME)) {
    const r = await run(cmd, argv, spawnOpts);
    return { ms: r.ms, cpu: NaN, code: r.code };
  }
  const r = await run(TIME, ['-f', '%U %S', '-o', report, cmd, ...argv], spawnOpts);
  const m = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(readFileSync(report, 'utf8'));
  return { ms: r.ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, code: r.code };
}

export async function timeProcess(cmd: string, argv: string[], n: number, env?: NodeJS.ProcessEnv): Promise<{ s: Summary; cpu: Summary; code: number | null }> {
  const samples: number[] = [];
  const cpu: number[] = [];
  let code: number | null = null;
  for (let i = 0; i < n; i++) {
    const r = await runTimed(cmd, argv, env);
    samples.push(r.ms);
    if (!Number.isNaN(r.cpu)) cpu.push(r.cpu);
    code = r.code;
  }
  return { s: summarize(samples), cpu: summarize(cpu), code };
}

export interface CliResults {
  floor: Summary;
  version: Summary;
  perInput: Map<string, { s: Summary; code: number | null }>;
  corpusAll?: Summary;
  peer: { ok: boolean; why: string; full?: { ours: Summary; oursNoCerts?: Summary; theirs: Summary; code: number | null; oursCpu?: Summary; oursNoCertsCpu?: Summary; theirsCpu?: Summary }; files: { file: string; ours: Summary; theirs: Summary; code: number | null; oursCpu?: Summary; theirsCpu?: Summary }[] };
}

export async function cli(inputs: Input[]): Promise<CliResults> {
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
  if (!options.peer) {
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
  const without = { ...process.env };
  delete without.NODE_EXTRA_CA_CERTS;
  const withCerts = await timeProcess(process.execPath, [CLI, full.path], reps(10, 3));
  const noCerts = await timeProcess(process.execPath, [CLI, full.path], reps(10, 3), without);
  peer.full = { ours: withCerts.s, oursNoCerts: noCerts.s, theirs: theirs.s, code: theirs.code, oursCpu: withCerts.cpu, oursNoCertsCpu: noCerts.cpu, theirsCpu: theirs.cpu };
  // The real-world files that are whole nova.conf files (SOURCES.json "full"); the fragments only measure Python's start-up.
  let chosen = realFiles.filter((f) => f.includes('-full') || f.includes('rendered') || f.includes('generated'));
  try {
    const sources = JSON.parse(readFileSync(join(REAL, 'SOURCES.json'), 'utf8')) as { file: string; full?: boolean }[];
    const fulls = sources.filter((s) => s.full).map((s) => s.file).filter((f) => realFiles.includes(f));
    if (fulls.length) chosen = fulls;
  } catch {
    // no SOURCES.json: keep the name-based choice
  }
  if (options.quick) chosen = chosen.slice(0, 3);
  for (const f of chosen) {
    log(`peer vs CLI ${f}`);
    const p = join(REAL, f);
    const t = await timeProcess(VALIDATOR, [...ns, '--input-file', p], 1);
    const o = await timeProcess(process.execPath, [CLI, p], reps(3, 1));
    peer.files.push({ file: f, ours: o.s, theirs: t.s, code: t.code, oursCpu: o.cpu, theirsCpu: t.cpu });
  }
  return { floor, version, perInput, corpusAll, peer };
}

// ---------------------------------------------------------------- hot spots

export interface HotSpot {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

/** CPU profile of the in-process harness, self time per function, attributed to source modules. */
export async function hotSpots(input: Input, runs: number): Promise<{ total: number; top: HotSpot[] }> {
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


// ---------------------------------------------------------------- editor session and start-up

export interface SessionResults {
  file: string;
  /** RSS (MB) after open, 100 completions/hovers and 30 reopenings (and 3 s later), per node flag set. */
  runs: { flags: string; rss: number; idleRss?: number; peak: number; openMedian: number; rssSamples?: number[]; caCertsUnset?: boolean }[];
}

/**
 * An editor session on the 6,500-line real config: open it, 100 requests
 * (completion and hover alternately, over the probe positions), 30 reopenings
 * under new URIs; then VmRSS, and again after 3 s idle. Once as `node dist/server.js`,
 * once with the node flags the VS Code client passes (client/src/server-flags.ts), and on POSIX systems once
 * started by the launcher dist/nova-conf-language-server-lean (the same flags, set by a sh script).
 */
export async function session(inputs: Input[]): Promise<SessionResults | undefined> {
  const inp = inputs.find((i) => i.id === 'real6k');
  if (!inp?.probes?.length) return undefined;
  const text = readFileSync(inp.path, 'utf8');
  const runs: SessionResults['runs'] = [];
  const variants: { label: string; server: string; flags: string[]; caCertsUnset?: boolean }[] = [
    { label: '(none)', server: SERVER, flags: [] },
    { label: [...Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`), ...SERVER_NODE_FLAGS].join(' '), server: SERVER, flags: [...SERVER_NODE_FLAGS] },
  ];
  // The POSIX launcher (the nova-conf-language-server-lean bin): a sh script starting node with those flags.
  if (process.platform !== 'win32') variants.push({ label: '`nova-conf-language-server-lean` (sh launcher: the same flags and environment)', server: LAUNCHER, flags: [] });
  // Node 20 parses the file NODE_EXTRA_CA_CERTS names at every start and keeps the certificates: ~2 MB of RSS in
  // any Node process on these machines (docs/performance.md, Round 18). Where it is set, the plain start is also
  // measured without it, as the CLI rows are.
  if (process.env.NODE_EXTRA_CA_CERTS) variants.push({ label: '(none), NODE_EXTRA_CA_CERTS unset', server: SERVER, flags: [], caCertsUnset: true });
  // Each configuration runs three sessions (one with --quick) and reports the one with the median RSS: one
  // session's reading spreads over ~4 MB on this host (docs/performance.md, Round 17), which is more than the
  // margin the row's limit leaves.
  const sessions = reps(3, 1);
  for (const { label, server, flags, caCertsUnset } of variants) {
    log(`editor session on ${inp.id} ${server === LAUNCHER ? 'nova-conf-language-server-lean' : flags.join(' ') || '(default flags)'} ×${sessions}`);
    const mine: SessionResults['runs'] = [];
    for (let s = 0; s < sessions; s++) {
      // With the client's flags, also the client's environment (SERVER_ENV); the launcher sets both itself.
      // An undefined value leaves the variable out of the child's environment.
      const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0', ...(flags.length ? SERVER_ENV : {}), ...(caCertsUnset ? { NODE_EXTRA_CA_CERTS: undefined } : {}) }, flags);
      await c.initialize();
      const uri = (k: number) => `file:///bench/session-${k}.conf`;
      await c.open(uri(0), text);
      for (let k = 0; k < 100; k++) {
        const p = inp.probes[k % inp.probes.length];
        await c.request(k % 2 ? 'textDocument/hover' : 'textDocument/completion', { textDocument: { uri: uri(0) }, position: p.pos });
      }
      const opens: number[] = [];
      for (let k = 1; k <= 30; k++) {
        c.close(uri(k - 1));
        opens.push((await c.open(uri(k), text)).ms);
      }
      await new Promise((r) => setTimeout(r, 500));
      const m = c.memory();
      // An editor then sits idle; the server collects when quiet when it can (server/src/idle-gc.ts).
      await new Promise((r) => setTimeout(r, 3000));
      mine.push({ flags: label, rss: m.rss, idleRss: c.memory().rss, peak: m.peak, openMedian: summarize(opens).median, ...(caCertsUnset ? { caCertsUnset } : {}) });
      await c.stop();
    }
    const byRss = [...mine].sort((a, b) => a.rss - b.rss);
    runs.push({ ...byRss[(byRss.length - 1) >> 1], rssSamples: mine.map((x) => x.rss) });
  }
  return { file: inp.label, runs };
}

export interface StartupResults {
  /** Whether NODE_EXTRA_CA_CERTS is set in this environment. */
  extraCaCerts: string | undefined;
  rows: { what: string; withCerts: Summary; withoutCerts: Summary; withCertsCpu: Summary; withoutCertsCpu: Summary }[];
}

/** Node and CLI start-up with and without NODE_EXTRA_CA_CERTS (Node 20 reads the file at every start). */
export async function startup(inputs: Input[]): Promise<StartupResults> {
  const full = inputs.find((i) => i.id === 'full');
  const n = reps(10, 3);
  const without = { ...process.env };
  delete without.NODE_EXTRA_CA_CERTS;
  const cases: [string, string[]][] = [['`node -e 0`', ['-e', '0']], ['`nova-conf-lint --version`', [CLI, '--version']]];
  if (full) cases.push(['`nova-conf-lint` full config', [CLI, full.path]]);
  const rows: StartupResults['rows'] = [];
  for (const [what, argv] of cases) {
    log(`start-up ${what} ×${n} with and without NODE_EXTRA_CA_CERTS`);
    const a: { ms: number; cpu: number }[] = [];
    const b: { ms: number; cpu: number }[] = [];
    // Interleaved, so that both see the same load.
    for (let i = 0; i < n; i++) {
      a.push(await runTimed(process.execPath, argv, process.env));
      b.push(await runTimed(process.execPath, argv, without));
    }
    rows.push({ what, withCerts: summarize(a.map((x) => x.ms)), withoutCerts: summarize(b.map((x) => x.ms)), withCertsCpu: summarize(a.map((x) => x.cpu)), withoutCertsCpu: summarize(b.map((x) => x.cpu)) });
  }
  return { extraCaCerts: process.env.NODE_EXTRA_CA_CERTS, rows };
}
