/**
 * The completion/hover goal row of `npm run bench` on the 6,500-line real config, measured on its own, without the
 * rest of the bench (docs/performance.md, Round 10). Each repetition probes fresh servers the way bench/measure.ts
 * does (probeProcesses: the session's opens and keystrokes, then 60 rounds per position) and prints:
 * - the row as it was up to Round 9 for each server: that server's worst position p95 (the third-slowest of 60);
 * - the row as it is now: the worst position's p95 over all the servers' samples pooled, and how far it moves
 *   when the servers are resampled (bootstrap over servers, 5th-95th percentile of 1,000 resamples);
 * - what the repetition took;
 * - each server's first option-name completion (+ resolve) against the median of the later rounds there;
 * - the didOpen goal row from the same servers' session opens (opens 11-30 of each): pooled, and each server's p50;
 * - each position's pooled p50 / p95, completion (+ resolve) and hover: which position the row is.
 *
 *   node --import tsx bench/probe-row.ts [--reps N] [--servers N] [SERVER_JS]
 *
 * SERVER_JS defaults to dist/server.js, --servers to PROBE_PROCESSES (10). Nothing here asserts a budget.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PROBE_PROCESSES, SERVER, poolProbes, probeProcesses, real6kInput } from './measure';
import { percentile, summarize } from './stats';

const args = process.argv.slice(2);
let reps = 3;
let servers = PROBE_PROCESSES();
let server = SERVER;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--reps') reps = Number(args[++i]);
  else if (args[i] === '--servers') servers = Number(args[++i]);
  else server = args[i];
}

type PerServer = Awaited<ReturnType<typeof probeProcesses>>;

/** The row: the worst position's p95, completion (+ resolve) and hover series alike. */
function row(perServer: PerServer): number {
  const pooled = poolProbes(perServer);
  return Math.max(...[...pooled.completion, ...pooled.hover].map((x) => x.s.p95));
}

/** A small deterministic generator for the bootstrap (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f = (v: number) => v.toFixed(2);

async function main(): Promise<void> {
  const inp = real6kInput();
  if (!inp) throw new Error('shared/data/real-world is missing');
  console.log(`# ${server}: ${reps} repetitions of ${servers} servers, load average ${loadavg()[0].toFixed(2)}`);
  const oldRows: number[] = [];
  const newRows: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const opens: number[][] = [];
    const perServer = await probeProcesses(inp, servers, undefined, server, opens);
    const secs = (performance.now() - t0) / 1000;
    const one = perServer.map((s) => row([s]));
    const pooled = row(perServer);
    const next = rng(r + 1);
    const boot = Array.from({ length: 1000 }, () => row(perServer.map(() => perServer[Math.floor(next() * perServer.length)])));
    oldRows.push(...one);
    newRows.push(pooled);
    const sorted = [...one].sort((a, b) => a - b);
    // Each server's first option-name completion (+ resolve): the sample idle-time priming is for (Round 11).
    const at = perServer[0]?.findIndex((p) => p.name === 'option name') ?? -1;
    const firsts = at >= 0 ? perServer.map((s) => s[at].comp[0]) : [];
    const rest = at >= 0 ? perServer.flatMap((s) => s[at].comp.slice(1)) : [];
    if (at >= 0) console.log(`rep ${r + 1}: option name, completion + resolve: each server's first ${firsts.map(f).join(' ')} ms (median ${f(percentile(firsts, 50))}); the other rounds' median ${f(percentile(rest, 50))} ms`);
    // The didOpen goal row from the same servers' session opens (bench/measure.ts pools them since Round 11).
    const openP50 = opens.map((o) => summarize(o).median);
    console.log(`rep ${r + 1}: didOpen p50, opens 11-30: pooled ${f(summarize(opens.flat()).median)} ms (n=${opens.flat().length}); one server's: ${openP50.map(f).join(' ')} (min ${f(Math.min(...openP50))}, max ${f(Math.max(...openP50))})`);
    // Each position's pooled p50 / p95 (completion + resolve, then hover): which one the row is.
    const pooledAll = poolProbes(perServer);
    console.log(`rep ${r + 1}: pooled p50/p95 per position: ${pooledAll.completion.map((c, k) => `${c.name} ${f(c.s.median)}/${f(c.s.p95)}, hover ${f(pooledAll.hover[k].s.median)}/${f(pooledAll.hover[k].s.p95)}`).join('; ')} ms`);
    console.log(`rep ${r + 1}: pooled row ${f(pooled)} ms (bootstrap 5-95% ${f(percentile(boot, 5))}-${f(percentile(boot, 95))}); one server's row: ${one.map(f).join(' ')} (min ${f(sorted[0])}, median ${f(percentile(one, 50))}, max ${f(sorted[sorted.length - 1])}); ${secs.toFixed(1)} s, load ${loadavg()[0].toFixed(2)}`);
  }
  const span = (v: number[]) => `min ${f(Math.min(...v))}, median ${f(percentile(v, 50))}, max ${f(Math.max(...v))}`;
  console.log(`old row (one server each), ${oldRows.length} servers: ${span(oldRows)}`);
  console.log(`new row (${servers} servers pooled), ${newRows.length} repetitions: ${newRows.map(f).join(' ')} (${span(newRows)})`);
  console.log(`load average at the end ${loadavg()[0].toFixed(2)}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
